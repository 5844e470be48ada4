/**
 * Stripe's webhook events: each is stored in the same transaction as its effect, keyed by its id,
 * so a second delivery finds the row and changes nothing. Effects do not trust the event's copy of
 * the object: they fetch it fresh and apply what is missing (sales-sync, payouts-sync,
 * connect-accounts), so the order events arrive in does not matter. Types the console does not act
 * on are stored and acknowledged. A stored event can be replayed: its effect runs again, which by
 * the same rules changes only what Stripe has changed since.
 */
import { type Database, SYSTEM_CONTEXT, stripeEvents, withRlsContext } from "@pc/db";
import { eq, sql } from "drizzle-orm";
import { enqueuePayoutFailedNotices } from "../email/payout-failed.notice.js";
import { NotFoundError } from "../errors.js";
import { type AuditActor, recordAudit } from "../services/audit.service.js";
import type { Stripe, StripeEvent, StripeGateway, WebhookEndpoint } from "../stripe/stripe-gateway.js";
import { findAccountByStripeId, syncAccount } from "./connect-accounts.service.js";
import { syncBalance, syncPayout } from "./payouts-sync.js";
import { type SaleRow, syncCharge, syncCheckoutSession } from "./sales-sync.js";

export type EventOutcome = "applied" | "ignored" | "unmatched";

interface Applied {
  outcome: EventOutcome;
  tenantId: string | null;
}

const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && "id" in value ? String(value.id) : null;

const ofSale = (sale: SaleRow | null): Applied =>
  sale ? { outcome: "applied", tenantId: sale.tenantId } : { outcome: "unmatched", tenantId: null };

/** What the mails an event causes need: the console's address for their links. */
export interface EventMail {
  publicUrl: string;
}

/** The event types the console acts on, each answered by syncing the object it is about. */
async function applyEvent(db: Database, stripe: Stripe, event: StripeEvent, mail: EventMail): Promise<Applied> {
  const object = event.data.object as unknown as Record<string, unknown>;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.expired":
      return ofSale(await syncCheckoutSession(db, stripe, String(object.id)));
    case "charge.succeeded":
    case "charge.refunded":
    case "charge.refund.updated":
    case "charge.updated":
      return ofSale(await syncCharge(db, stripe, String(object.id)));
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
    case "application_fee.created":
    case "application_fee.refunded": {
      const chargeId = idOf(object.charge);
      return chargeId ? ofSale(await syncCharge(db, stripe, chargeId)) : { outcome: "unmatched", tenantId: null };
    }
    case "transfer.created":
    case "transfer.reversed":
    case "transfer.updated": {
      const chargeId = idOf(object.source_transaction);
      return chargeId ? ofSale(await syncCharge(db, stripe, chargeId)) : { outcome: "unmatched", tenantId: null };
    }
    case "account.updated": {
      const account = await syncAccount(db, stripe, event.account ?? String(object.id));
      return account ? { outcome: "applied", tenantId: account.tenantId } : { outcome: "unmatched", tenantId: null };
    }
    case "payout.created":
    case "payout.updated":
    case "payout.paid":
    case "payout.failed":
    case "payout.canceled":
    case "payout.reconciliation_completed": {
      if (!event.account) return { outcome: "unmatched", tenantId: null };
      const payout = await syncPayout(db, stripe, event.account, String(object.id));
      if (payout) await syncBalance(db, stripe, event.account);
      // Finance and the partner hear of a failure in the transaction that records it (once per payout).
      if (payout?.status === "failed") await enqueuePayoutFailedNotices(db, payout, mail.publicUrl);
      return payout ? { outcome: "applied", tenantId: payout.tenantId } : { outcome: "unmatched", tenantId: null };
    }
    case "balance.available": {
      if (!event.account) return { outcome: "ignored", tenantId: null };
      const synced = await syncBalance(db, stripe, event.account);
      return synced ? { outcome: "applied", tenantId: null } : { outcome: "unmatched", tenantId: null };
    }
    default:
      return { outcome: "ignored", tenantId: null };
  }
}

/** Tenant of an event the effect did not place (a balance, an ignored type): the account's owner. */
async function tenantOfAccount(db: Database, account: string | null | undefined) {
  return account ? ((await findAccountByStripeId(db, account))?.tenantId ?? null) : null;
}

/** How long an event naming one of our sales that is not there yet is answered with a retry. */
const RETRY_UNMATCHED_SECONDS = 600;

export class SaleNotYetRecordedError extends Error {
  override name = "SaleNotYetRecordedError";
}

function saleIdOf(event: StripeEvent): string | null {
  const metadata = (event.data.object as { metadata?: Record<string, string> | null }).metadata;
  return metadata?.sale_id ?? null;
}

const namesOurSale = (event: StripeEvent) => saleIdOf(event) !== null;

export interface ReceiveResult {
  duplicate: boolean;
  outcome: EventOutcome;
}

/** Stores a verified event and applies it, in one transaction; a second delivery changes nothing. */
export async function receiveEvent(
  rootDb: Database,
  gateway: StripeGateway,
  endpoint: WebhookEndpoint,
  event: StripeEvent,
  mail: EventMail,
): Promise<ReceiveResult> {
  return withRlsContext(rootDb, SYSTEM_CONTEXT, async (tx) => {
    const db = tx as Database;
    const [inserted] = await db
      .insert(stripeEvents)
      .values({
        id: event.id,
        endpoint,
        type: event.type,
        account: event.account ?? null,
        stripeCreatedAt: new Date(event.created * 1000),
        payload: event as unknown as Record<string, unknown>,
        outcome: "ignored",
      })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id, outcome: stripeEvents.outcome });
    if (!inserted) {
      const [stored] = await db.select({ outcome: stripeEvents.outcome }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
      return { duplicate: true, outcome: stored?.outcome ?? "ignored" };
    }
    const applied = await applyEvent(db, gateway.stripe, event, mail);
    if (applied.outcome === "unmatched" && namesOurSale(event) && Date.now() / 1000 - event.created < RETRY_UNMATCHED_SECONDS) {
      // Our checkout's sale may not be committed yet (the buyer paid within moments): nothing is
      // stored, and Stripe delivers the event again later.
      throw new SaleNotYetRecordedError(`event ${event.id} names sale ${saleIdOf(event)}, which is not recorded yet`);
    }
    const tenantId = applied.tenantId ?? (await tenantOfAccount(db, event.account));
    await db.update(stripeEvents).set({ outcome: applied.outcome, tenantId }).where(eq(stripeEvents.id, event.id));
    return { duplicate: false, outcome: applied.outcome };
  });
}

/** Runs a stored event's effect again (finance's "replay"), audited. */
export async function replayEvent(db: Database, gateway: StripeGateway, actor: AuditActor, eventId: string, mail: EventMail) {
  const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  if (!stored) throw new NotFoundError(`There is no stored event ${eventId}`);
  const applied = await applyEvent(db, gateway.stripe, stored.payload as unknown as StripeEvent, mail);
  const [updated] = await db
    .update(stripeEvents)
    .set({
      outcome: applied.outcome,
      tenantId: applied.tenantId ?? stored.tenantId,
      replayCount: sql`${stripeEvents.replayCount} + 1`,
      lastReplayedAt: sql`now()`,
      lastReplayedBy: actor.userId,
    })
    .where(eq(stripeEvents.id, eventId))
    .returning();
  await recordAudit(db, actor, {
    tenantId: updated?.tenantId ?? null,
    action: "stripe_events.replay",
    targetType: "stripe_event",
    targetId: eventId,
    before: { outcome: stored.outcome, replayCount: stored.replayCount },
    after: { outcome: applied.outcome, replayCount: updated?.replayCount ?? stored.replayCount + 1 },
  });
  return { eventId, outcome: applied.outcome, replayCount: updated?.replayCount ?? stored.replayCount + 1 };
}
