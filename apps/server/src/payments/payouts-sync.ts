/**
 * Payouts and balances of partners' connected accounts, mirrored from Stripe. A payout event is
 * answered by fetching the payout fresh; its status only moves forward here (a payout reported
 * paid can still fail later, as Stripe allows), and the balance transactions it paid out are
 * stored once (the reconciliation reads them).
 */
import { type Database, type PayoutStatus, payoutItems, payouts, stripeAccounts } from "@pc/db";
import { eq, sql } from "drizzle-orm";
import type { Stripe } from "../stripe/stripe-gateway.js";
import { findAccountByStripeId } from "./connect-accounts.service.js";

export type PayoutRow = typeof payouts.$inferSelect;

/** Later states outrank earlier ones; failed and canceled end a payout, even one reported paid. */
export const PAYOUT_STATUS_RANK: Record<PayoutStatus, number> = { pending: 0, in_transit: 1, paid: 2, failed: 3, canceled: 3 };

function isPayoutStatus(value: string): value is PayoutStatus {
  return Object.hasOwn(PAYOUT_STATUS_RANK, value);
}

/** The payout as Stripe has it now, stored or moved forward; null when no tenant owns the account. */
export async function syncPayout(db: Database, stripe: Stripe, stripeAccountId: string, payoutId: string): Promise<PayoutRow | null> {
  const account = await findAccountByStripeId(db, stripeAccountId);
  if (!account) return null;
  const payout = await stripe.payouts.retrieve(payoutId, {}, { stripeAccount: stripeAccountId });
  if (!isPayoutStatus(payout.status)) throw new Error(`payout ${payoutId} has an unknown status ${payout.status}`);
  const values = {
    tenantId: account.tenantId,
    stripePayoutId: payout.id,
    amount: payout.amount,
    currency: payout.currency.toUpperCase(),
    status: payout.status,
    automatic: payout.automatic,
    arrivalDate: new Date(payout.arrival_date * 1000),
    stripeCreatedAt: new Date(payout.created * 1000),
    failureCode: payout.failure_code ?? null,
    failureMessage: payout.failure_message ?? null,
  };
  const rank = (column: unknown) => sql`(case ${column} when 'pending' then 0 when 'in_transit' then 1 when 'paid' then 2 else 3 end)`;
  const [row] = await db
    .insert(payouts)
    .values(values)
    .onConflictDoUpdate({
      target: payouts.stripePayoutId,
      set: {
        status: sql`case when ${rank(sql`excluded.status`)} >= ${rank(payouts.status)} then excluded.status else ${payouts.status} end`,
        failureCode: sql`coalesce(excluded.failure_code, ${payouts.failureCode})`,
        failureMessage: sql`coalesce(excluded.failure_message, ${payouts.failureMessage})`,
        arrivalDate: sql`excluded.arrival_date`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  // Stripe fixes what an automatic payout pays out when it creates it: read once.
  if (payout.automatic && !row.itemsSyncedAt) await syncPayoutItems(db, stripe, stripeAccountId, row);
  return row;
}

/** Stores the balance transactions Stripe lists for an automatic payout (its own one left out). */
async function syncPayoutItems(db: Database, stripe: Stripe, stripeAccountId: string, payout: PayoutRow) {
  const rows: Array<typeof payoutItems.$inferInsert> = [];
  for await (const txn of stripe.balanceTransactions.list(
    { payout: payout.stripePayoutId, limit: 100 },
    { stripeAccount: stripeAccountId },
  )) {
    const sourceId = typeof txn.source === "string" ? txn.source : (txn.source?.id ?? null);
    if (txn.type === "payout" && sourceId === payout.stripePayoutId) continue;
    rows.push({
      tenantId: payout.tenantId,
      payoutId: payout.id,
      balanceTransactionId: txn.id,
      type: txn.type,
      amount: txn.amount,
      fee: txn.fee,
      net: txn.net,
      currency: txn.currency.toUpperCase(),
      sourceId,
      description: txn.description ?? null,
    });
  }
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insert(payoutItems)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing();
  }
  await db.update(payouts).set({ itemsSyncedAt: sql`now()` }).where(eq(payouts.stripePayoutId, payout.stripePayoutId));
}

/** Stores the account's balance as Stripe reports it now. */
export async function syncBalance(db: Database, stripe: Stripe, stripeAccountId: string) {
  const account = await findAccountByStripeId(db, stripeAccountId);
  if (!account) return null;
  const balance = await stripe.balance.retrieve({}, { stripeAccount: stripeAccountId });
  const snapshot = {
    available: balance.available.map((entry) => ({ amount: entry.amount, currency: entry.currency.toUpperCase() })),
    pending: balance.pending.map((entry) => ({ amount: entry.amount, currency: entry.currency.toUpperCase() })),
    fetchedAt: new Date().toISOString(),
  };
  await db
    .update(stripeAccounts)
    .set({ balance: snapshot, updatedAt: sql`now()` })
    .where(eq(stripeAccounts.stripeAccountId, stripeAccountId));
  return snapshot;
}
