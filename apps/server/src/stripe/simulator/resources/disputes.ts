// Disputes (chargebacks), created by the control API only. On a destination charge Stripe debits
// the platform: the disputed amount plus a dispute fee; a won dispute returns the amount.
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest } from "../errors.js";
import { newId } from "../ids.js";
import { type Page, paginateByCharge } from "../render.js";
import type { Dispute } from "../types.js";
import { recordTransaction, stripeFeeDetail } from "./balance.js";

// A flat fee in minor units of every currency: close to Stripe's 15.00 in the two-decimal
// currencies, and a plausible ¥1,500 in JPY.
const DISPUTE_FEE = 1500;

const REASONS = [
  "bank_cannot_process",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
];

export function createDispute(ctx: SimContext, chargeId: string, options: { amount?: number; reason?: string } = {}): Dispute {
  const charge = ctx.store.scoped(chargeId, "charge", null, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${chargeId} is already disputed.`, { code: "charge_disputed" });
  const amount = options.amount ?? charge.amount - charge.amount_refunded;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > charge.amount) {
    throw invalidRequest(`Dispute amount must be between 1 and ${charge.amount}.`, { param: "amount" });
  }
  const reason = options.reason ?? "fraudulent";
  if (!REASONS.includes(reason)) throw invalidRequest(`Invalid reason: ${reason}`, { param: "reason" });
  const id = newId("du");
  const txn = recordTransaction(ctx, null, {
    amount: -amount,
    currency: charge.currency,
    type: "adjustment",
    source: id,
    fee: DISPUTE_FEE,
    feeDetails: [stripeFeeDetail(DISPUTE_FEE, charge.currency, "Dispute fee")],
    description: `Chargeback withdrawal for ${charge.id}`,
    reportingCategory: "dispute",
  });
  const dispute = ctx.store.put<Dispute>({
    id,
    object: "dispute",
    amount,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    currency: charge.currency,
    reason,
    status: "needs_response",
    is_charge_refundable: false,
    balance_transactions: [txn],
    metadata: {},
    created: ctx.unix(),
    livemode: false,
  });
  charge.disputed = true;
  ctx.emit("charge.dispute.created", dispute);
  return dispute;
}

export function closeDispute(ctx: SimContext, disputeId: string, outcome: "won" | "lost"): Dispute {
  const dispute = ctx.store.require(disputeId, "dispute");
  if (outcome !== "won" && outcome !== "lost") throw invalidRequest(`Invalid outcome: ${String(outcome)}`, { param: "outcome" });
  if (dispute.status !== "needs_response") throw invalidRequest(`Dispute ${disputeId} is already closed (${dispute.status}).`);
  if (outcome === "won") {
    const txn = recordTransaction(ctx, null, {
      amount: dispute.amount,
      currency: dispute.currency,
      type: "adjustment",
      source: dispute.id,
      description: `Chargeback reversal for ${dispute.charge}`,
      reportingCategory: "dispute_reversal",
    });
    dispute.balance_transactions.push(txn);
  }
  const previous = { status: dispute.status };
  dispute.status = outcome;
  ctx.emit("charge.dispute.closed", dispute, { previous });
  return dispute;
}

export function retrieveDispute(ctx: SimContext, call: ApiCall, id: string): Dispute {
  return ctx.store.scoped(id, "dispute", call.account);
}

export function listDisputes(ctx: SimContext, call: ApiCall, page: Page) {
  return paginateByCharge(ctx.store.all("dispute", call.account), call.params, page, "/v1/disputes");
}
