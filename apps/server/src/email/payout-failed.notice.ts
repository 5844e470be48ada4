/**
 * A payout that failed: finance staff are told (operator mail, operator branding, a link to the
 * payout) and so are the partner's admins (their tenant's mail and branding, a link to Earnings).
 * Queued in the transaction that records the failure; once per payout and person, however often
 * Stripe reports it.
 */
import type { Database, payouts } from "@pc/db";
import { operatorBrand, tenantBrand } from "./brand.js";
import { enqueueEmail } from "./outbox.js";
import { operatorStaff, tenantAdmins } from "./recipients.js";
import { payoutFailedEmail } from "./templates/payout-failed.js";

type PayoutRow = typeof payouts.$inferSelect;

/** Answers how many mails were queued. Runs in the webhook's system context. */
export async function enqueuePayoutFailedNotices(db: Database, payout: PayoutRow, publicUrl: string): Promise<number> {
  if (payout.status !== "failed") return 0;
  const partner = await tenantBrand(db, payout.tenantId, publicUrl);
  const operator = await operatorBrand(db);
  const common = {
    tenantName: partner.name,
    amount: payout.amount,
    currency: payout.currency,
    failureCode: payout.failureCode,
    failureMessage: payout.failureMessage,
    arrivalDate: payout.arrivalDate,
    stripePayoutId: payout.stripePayoutId,
  };
  const metadata = { payoutId: payout.id, stripePayoutId: payout.stripePayoutId, tenantId: payout.tenantId };
  let queued = 0;
  const financeContent = payoutFailedEmail(operator, { ...common, audience: "finance", url: `${publicUrl}/payouts/${payout.id}` });
  for (const person of await operatorStaff(db, "finance")) {
    const id = await enqueueEmail(db, {
      to: person.email,
      kind: "payout_failed",
      audience: "operator",
      tenantId: payout.tenantId,
      brand: operator,
      content: financeContent,
      dedupeKey: `payout-failed:${payout.id}:${person.userId}`,
      metadata: { ...metadata, userId: person.userId },
    });
    if (id) queued++;
  }
  const partnerContent = payoutFailedEmail(partner, { ...common, audience: "partner", url: `${publicUrl}/earnings` });
  for (const admin of await tenantAdmins(db, payout.tenantId)) {
    const id = await enqueueEmail(db, {
      to: admin.email,
      kind: "payout_failed",
      audience: "tenant",
      tenantId: payout.tenantId,
      brand: partner,
      content: partnerContent,
      dedupeKey: `payout-failed:${payout.id}:${admin.userId}`,
      metadata: { ...metadata, userId: admin.userId },
    });
    if (id) queued++;
  }
  return queued;
}
