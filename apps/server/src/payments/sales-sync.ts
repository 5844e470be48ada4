/**
 * Brings a sale up to date with Stripe. Every webhook about a sale (its session, charge, refunds,
 * disputes, transfer or fee) ends here, and each reads the objects fresh from Stripe and applies
 * what is not yet recorded, in Stripe's order: so the final state is the same whatever order the
 * events arrive in, and however often.
 *
 * Money model (destination charges with an application fee, as Stripe does them): the whole charge
 * is transferred to the partner's account and the platform fee is collected back from it. A refund
 * or a dispute of `r` reverses `r` of the transfer and refunds the platform's part of it to the
 * partner (an application fee refund), so the partner gives back only its proportional share
 * (prorateRefund: never more than it received, exactly its share on a full refund).
 */
import { type Database, saleAdjustments, sales } from "@pc/db";
import { prorateRefund } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";
import type { Stripe } from "../stripe/stripe-gateway.js";

export type SaleRow = typeof sales.$inferSelect;
type AdjustmentRow = typeof saleAdjustments.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dispute statuses in the order they can move; a late event never moves one back. */
const DISPUTE_RANK: Record<string, number> = {
  warning_needs_response: 0,
  warning_under_review: 1,
  needs_response: 0,
  under_review: 1,
  warning_closed: 2,
  won: 2,
  lost: 2,
};

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id;

/** Serialises every change of one sale (two events about it may be handled at once). */
async function lockSale(db: Database, saleId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sale:${saleId}`}, 0))`);
}

async function reload(db: Database, sale: SaleRow): Promise<SaleRow> {
  const [row] = await db
    .select()
    .from(sales)
    .where(and(eq(sales.tenantId, sale.tenantId), eq(sales.id, sale.id)))
    .limit(1);
  if (!row) throw new Error(`sale ${sale.id} vanished`);
  return row;
}

export async function findSaleBySession(db: Database, sessionId: string): Promise<SaleRow | null> {
  const [row] = await db.select().from(sales).where(eq(sales.checkoutSessionId, sessionId)).limit(1);
  return row ?? null;
}

async function findSaleByCharge(db: Database, chargeId: string): Promise<SaleRow | null> {
  const [row] = await db.select().from(sales).where(eq(sales.chargeId, chargeId)).limit(1);
  return row ?? null;
}

async function findSaleById(db: Database, saleId: string): Promise<SaleRow | null> {
  if (!UUID.test(saleId)) return null;
  const [row] = await db.select().from(sales).where(eq(sales.id, saleId)).limit(1);
  return row ?? null;
}

/** Marks the sale paid (or expired) as its Checkout Session is now; then applies refunds and disputes. */
export async function syncCheckoutSession(db: Database, stripe: Stripe, sessionId: string): Promise<SaleRow | null> {
  const found = await findSaleBySession(db, sessionId);
  if (!found) return null;
  await lockSale(db, found.id);
  const sale = await reload(db, found);
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] });
  if (session.status === "expired" && sale.status === "open") {
    const [expired] = await db
      .update(sales)
      .set({ status: "expired", updatedAt: sql`now()` })
      .where(and(eq(sales.tenantId, sale.tenantId), eq(sales.id, sale.id)))
      .returning();
    return expired ?? null;
  }
  if (session.payment_status !== "paid" || sale.status === "paid") {
    return sale.chargeId ? syncChargeOfSale(db, stripe, sale) : sale;
  }
  const paymentIntent = session.payment_intent as Stripe.PaymentIntent | null;
  const chargeId = idOf(paymentIntent?.latest_charge);
  if (!paymentIntent || !chargeId) throw new Error(`session ${sessionId} is paid but has no charge`);
  const charge = await stripe.charges.retrieve(chargeId, { expand: ["balance_transaction"] });
  const transferId = idOf(charge.transfer);
  const transfer = transferId ? await stripe.transfers.retrieve(transferId) : null;
  const destinationPaymentId = idOf(transfer?.destination_payment);
  const destination = idOf(transfer?.destination);
  let availableOn: Date | null = null;
  if (destinationPaymentId && destination) {
    const payment = await stripe.charges.retrieve(
      destinationPaymentId,
      { expand: ["balance_transaction"] },
      { stripeAccount: destination },
    );
    const txn = payment.balance_transaction as Stripe.BalanceTransaction | null;
    if (txn && typeof txn === "object") availableOn = new Date(txn.available_on * 1000);
  }
  const platformTxn = charge.balance_transaction as Stripe.BalanceTransaction | null;
  const [paid] = await db
    .update(sales)
    .set({
      status: "paid",
      paymentIntentId: paymentIntent.id,
      chargeId,
      transferId,
      destinationPaymentId,
      applicationFeeId: idOf(charge.application_fee),
      stripeFee: platformTxn && typeof platformTxn === "object" ? platformTxn.fee : null,
      availableOn,
      paidAt: new Date(charge.created * 1000),
      updatedAt: sql`now()`,
    })
    .where(and(eq(sales.tenantId, sale.tenantId), eq(sales.id, sale.id)))
    .returning();
  if (!paid) throw new Error(`sale of session ${sessionId} vanished`);
  return syncChargeOfSale(db, stripe, paid);
}

/** The sale a charge belongs to, brought up to date; null when the charge is not one of ours. */
export async function syncCharge(db: Database, stripe: Stripe, chargeId: string): Promise<SaleRow | null> {
  const known = await findSaleByCharge(db, chargeId);
  if (known) {
    await lockSale(db, known.id);
    return syncChargeOfSale(db, stripe, await reload(db, known));
  }
  // Its checkout event has not been handled yet: the charge names its sale.
  const charge = await stripe.charges.retrieve(chargeId);
  const sale = await findSaleById(db, charge.metadata?.sale_id ?? "");
  return sale ? syncCheckoutSession(db, stripe, sale.checkoutSessionId) : null;
}

interface Movement {
  kind: "refund" | "dispute";
  id: string;
  amount: number;
  created: number;
  status: string;
  reason: string | null;
  /** A reversal Stripe already made for this refund (reverse_transfer from the Dashboard). */
  existingReversal: string | null;
}

async function movementsOf(stripe: Stripe, chargeId: string): Promise<Movement[]> {
  const movements: Movement[] = [];
  for await (const refund of stripe.refunds.list({ charge: chargeId, limit: 100 })) {
    movements.push({
      kind: "refund",
      id: refund.id,
      amount: refund.amount,
      created: refund.created,
      status: refund.status ?? "pending",
      reason: refund.reason ?? null,
      existingReversal: idOf(refund.transfer_reversal),
    });
  }
  for await (const dispute of stripe.disputes.list({ charge: chargeId, limit: 100 })) {
    movements.push({
      kind: "dispute",
      id: dispute.id,
      amount: dispute.amount,
      created: dispute.created,
      status: dispute.status,
      reason: dispute.reason ?? null,
      existingReversal: null,
    });
  }
  // Stripe's order, so proration rounds the same way whatever order the events came in.
  return movements.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Applies the refunds and disputes of a paid sale that are not recorded yet, and moves dispute statuses forward. Caller holds the sale's lock. */
async function syncChargeOfSale(db: Database, stripe: Stripe, sale: SaleRow): Promise<SaleRow> {
  if (sale.status !== "paid" || !sale.chargeId || !sale.transferId) return sale;
  const recorded = await db
    .select()
    .from(saleAdjustments)
    .where(and(eq(saleAdjustments.tenantId, sale.tenantId), eq(saleAdjustments.saleId, sale.id)));
  const byObject = new Map(recorded.map((row) => [row.stripeObjectId, row]));
  let current = sale;
  for (const movement of await movementsOf(stripe, sale.chargeId)) {
    const existing = byObject.get(movement.id);
    if (existing) {
      if (movement.kind === "dispute") await advanceDispute(db, stripe, current, existing, movement, byObject);
      continue;
    }
    // A refund still pending or one that failed took nothing back (yet); its later event brings it.
    if (movement.kind === "refund" && movement.status !== "succeeded") continue;
    current = await takeBack(db, stripe, current, movement);
    if (movement.kind === "dispute") {
      const [row] = await db.select().from(saleAdjustments).where(eq(saleAdjustments.stripeObjectId, movement.id)).limit(1);
      if (row) await advanceDispute(db, stripe, current, row, movement, byObject);
    }
  }
  return current;
}

/** Records a refund or dispute: reverses it from the partner's transfer and refunds the platform's part of it to the partner. */
async function takeBack(db: Database, stripe: Stripe, sale: SaleRow, movement: Movement): Promise<SaleRow> {
  const remaining = sale.gross - sale.amountRefunded;
  // A dispute after a partial refund can only take what is left of the sale.
  const amount = Math.min(movement.amount, remaining);
  const split =
    amount > 0
      ? prorateRefund({
          gross: sale.gross,
          partnerShare: sale.partnerShare,
          alreadyRefunded: sale.amountRefunded,
          alreadyReversed: sale.partnerReversed,
          refund: amount,
        })
      : { partnerReversal: 0, platformFeeRefund: 0 };
  let reversalId = movement.existingReversal;
  let accountSourceId: string | null = null;
  if (amount > 0 && sale.transferId) {
    const reversal = reversalId
      ? await stripe.transfers.retrieveReversal(sale.transferId, reversalId)
      : await stripe.transfers.createReversal(
          sale.transferId,
          { amount, metadata: { sale_id: sale.id, reason: `${movement.kind} ${movement.id}` } },
          { idempotencyKey: `pc-reversal-${movement.id}` },
        );
    reversalId = reversal.id;
    accountSourceId = idOf(reversal.destination_payment_refund);
  }
  let feeRefundId: string | null = null;
  if (split.platformFeeRefund > 0 && sale.applicationFeeId) {
    const feeRefund = await stripe.applicationFees.createRefund(
      sale.applicationFeeId,
      { amount: split.platformFeeRefund, metadata: { sale_id: sale.id, reason: `${movement.kind} ${movement.id}` } },
      { idempotencyKey: `pc-fee-refund-${movement.id}` },
    );
    feeRefundId = feeRefund.id;
  }
  await db
    .insert(saleAdjustments)
    .values({
      tenantId: sale.tenantId,
      saleId: sale.id,
      kind: movement.kind,
      stripeObjectId: movement.id,
      currency: sale.currency,
      amount,
      partnerAmount: split.partnerReversal,
      platformAmount: split.platformFeeRefund,
      status: movement.status,
      reason: movement.reason,
      transferMovementId: reversalId,
      accountTransactionSourceId: accountSourceId,
      feeRefundId,
      occurredAt: new Date(movement.created * 1000),
    })
    .onConflictDoNothing();
  const [updated] = await db
    .update(sales)
    .set({
      amountRefunded: sale.amountRefunded + amount,
      partnerReversed: sale.partnerReversed + split.partnerReversal,
      platformFeeRefunded: sale.platformFeeRefunded + split.platformFeeRefund,
      updatedAt: sql`now()`,
    })
    .where(and(eq(sales.tenantId, sale.tenantId), eq(sales.id, sale.id)))
    .returning();
  if (!updated) throw new Error(`sale ${sale.id} vanished`);
  return updated;
}

/**
 * Moves a dispute's recorded status forward, and when it is won gives the partner back what the
 * dispute took from it (a new transfer; Stripe returned the disputed funds to the platform).
 */
async function advanceDispute(
  db: Database,
  stripe: Stripe,
  sale: SaleRow,
  row: AdjustmentRow,
  movement: Movement,
  byObject: Map<string, AdjustmentRow>,
) {
  if ((DISPUTE_RANK[movement.status] ?? 0) > (DISPUTE_RANK[row.status] ?? 0)) {
    await db
      .update(saleAdjustments)
      .set({ status: movement.status, updatedAt: sql`now()` })
      .where(and(eq(saleAdjustments.tenantId, row.tenantId), eq(saleAdjustments.id, row.id)));
  }
  const reinstatedId = `${movement.id}:reinstated`;
  if (movement.status !== "won" || byObject.has(reinstatedId) || row.partnerAmount === 0) return;
  const [already] = await db.select().from(saleAdjustments).where(eq(saleAdjustments.stripeObjectId, reinstatedId)).limit(1);
  if (already) return;
  const destination = await destinationOf(stripe, sale);
  const transfer = await stripe.transfers.create(
    {
      amount: row.partnerAmount,
      currency: sale.currency.toLowerCase(),
      destination,
      metadata: { sale_id: sale.id, reason: `dispute ${movement.id} won` },
    },
    { idempotencyKey: `pc-reinstate-${movement.id}` },
  );
  await db
    .insert(saleAdjustments)
    .values({
      tenantId: sale.tenantId,
      saleId: sale.id,
      kind: "dispute_reinstated",
      stripeObjectId: reinstatedId,
      currency: sale.currency,
      amount: row.amount,
      partnerAmount: row.partnerAmount,
      platformAmount: row.platformAmount,
      status: "won",
      reason: movement.reason,
      transferMovementId: transfer.id,
      accountTransactionSourceId: idOf(transfer.destination_payment),
      occurredAt: new Date(transfer.created * 1000),
    })
    .onConflictDoNothing();
}

async function destinationOf(stripe: Stripe, sale: SaleRow): Promise<string> {
  if (!sale.transferId) throw new Error(`sale ${sale.id} has no transfer`);
  const transfer = await stripe.transfers.retrieve(sale.transferId);
  const destination = idOf(transfer.destination);
  if (!destination) throw new Error(`transfer ${sale.transferId} has no destination`);
  return destination;
}
