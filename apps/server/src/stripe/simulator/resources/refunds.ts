// Refunds of platform charges. The platform pays the customer back; with reverse_transfer Stripe
// also reverses the transfer in proportion (the whole refund, as a destination charge transfers the
// whole amount), and with refund_application_fee it refunds the fee in proportion, so the partner
// loses refund × (amount − fee) ÷ amount. The console passes neither and makes its own reversals
// and fee refunds, so both are off by default.
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest } from "../errors.js";
import { applyMetadata, optionalBoolean, optionalInteger, optionalString } from "../form.js";
import { newId } from "../ids.js";
import { type Page, paginateByCharge } from "../render.js";
import type { Charge, Refund } from "../types.js";
import { recordTransaction } from "./balance.js";
import { refundApplicationFee } from "./fees.js";
import { reverseTransfer } from "./transfers.js";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

function chargeToRefund(ctx: SimContext, call: ApiCall): Charge {
  const chargeId = optionalString(call.params, "charge");
  const paymentIntentId = optionalString(call.params, "payment_intent");
  if (chargeId) return ctx.store.scoped(chargeId, "charge", call.account, "charge");
  if (paymentIntentId) {
    const intent = ctx.store.scoped(paymentIntentId, "payment_intent", call.account, "payment_intent");
    return ctx.store.require(intent.latest_charge, "charge");
  }
  throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", {
    code: "parameter_missing",
  });
}

/** floor(amount × part ÷ whole), but all that is left once the charge is fully refunded. */
function proportion(amount: number, part: number, whole: number, left: number, fullyRefunded: boolean): number {
  if (fullyRefunded) return left;
  return Math.min(left, Math.floor((amount * part) / whole));
}

export function createRefund(ctx: SimContext, call: ApiCall): Refund {
  const charge = chargeToRefund(ctx, call);
  if (charge.source_transfer) throw invalidRequest("Destination payments are refunded by reversing their transfer.", { param: "charge" });
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
  const openDispute = ctx.store.all("dispute").some((dispute) => dispute.charge === charge.id && dispute.status === "needs_response");
  if (openDispute)
    throw invalidRequest(`Charge ${charge.id} has been charged back; you cannot issue a refund.`, { code: "charge_disputed" });
  const amount = optionalInteger(call.params, "amount", 1) ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, {
      param: "amount",
      code: "amount_too_large",
    });
  }
  const reason = optionalString(call.params, "reason") ?? null;
  if (reason !== null && !REASONS.includes(reason)) throw invalidRequest(`Invalid reason: ${reason}`, { param: "reason" });
  const reverse = optionalBoolean(call.params, "reverse_transfer") ?? false;
  const refundFee = optionalBoolean(call.params, "refund_application_fee") ?? false;
  if ((reverse || refundFee) && !charge.transfer) {
    throw invalidRequest("reverse_transfer and refund_application_fee apply only to destination charges.", {
      param: reverse ? "reverse_transfer" : "refund_application_fee",
    });
  }

  const refundId = newId("re");
  const txn = recordTransaction(ctx, call.account, { amount: -amount, currency: charge.currency, type: "refund", source: refundId });
  const refund = ctx.store.put<Refund>(
    {
      id: refundId,
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      reason,
      status: "succeeded",
      balance_transaction: txn.id,
      transfer_reversal: null,
      metadata: applyMetadata({}, call.params),
      created: ctx.unix(),
    },
    call.account,
  );
  // Reversals first, so the refund in every event's snapshot names its transfer reversal.
  const fullyRefunded = charge.amount_refunded + amount === charge.amount;
  const transfer = charge.transfer ? ctx.store.get(charge.transfer, "transfer") : undefined;
  if (reverse && transfer) {
    const share = proportion(amount, transfer.amount, charge.amount, transfer.amount - transfer.amount_reversed, fullyRefunded);
    if (share > 0) refund.transfer_reversal = reverseTransfer(ctx, transfer, share, { sourceRefund: refund.id }).id;
  }
  const fee = charge.application_fee ? ctx.store.get(charge.application_fee, "application_fee") : undefined;
  if (refundFee && fee) {
    const share = proportion(amount, fee.amount, charge.amount, fee.amount - fee.amount_refunded, fullyRefunded);
    if (share > 0) refundApplicationFee(ctx, fee, share);
  }
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded, refunds: structuredClone(charge.refunds) };
  charge.amount_refunded += amount;
  charge.refunded = fullyRefunded;
  charge.refunds.data.unshift(refund);
  ctx.emit("charge.refunded", charge, { previous });
  ctx.emit("refund.created", refund);
  return refund;
}

export function retrieveRefund(ctx: SimContext, call: ApiCall, id: string): Refund {
  return ctx.store.scoped(id, "refund", call.account);
}

export function listRefunds(ctx: SimContext, call: ApiCall, page: Page) {
  return paginateByCharge(ctx.store.all("refund", call.account), call.params, page, "/v1/refunds");
}
