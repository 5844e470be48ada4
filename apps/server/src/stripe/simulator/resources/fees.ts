// Application fees (the platform's cut of a destination charge) and their refunds. As in Stripe, the
// whole charge is transferred to the connected account and the fee is collected back from it: the
// destination payment's transaction carries the fee (see createTransfer), and the platform gets an
// `application_fee` transaction. A fee refund gives money back to the account: the platform's
// `application_fee_refund` debit and the account's credit (source `fr_`), both available at once.
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest } from "../errors.js";
import { applyMetadata, optionalInteger } from "../form.js";
import { newId } from "../ids.js";
import type { ApplicationFee, Charge, FeeRefund, Metadata } from "../types.js";
import { recordTransaction } from "./balance.js";

const SIMULATED_APPLICATION = "ca_simulator";

export interface ApplicationFeeInput {
  /** The connected account the fee is collected from (the charge's destination). */
  account: string;
  amount: number;
  charge: Charge;
  /** When the platform's fee becomes available (unix s); with the charge's funds. */
  availableOn: number;
}

/** Records the fee and credits it to the platform; the account's side is the fee on its destination payment. */
export function createApplicationFee(ctx: SimContext, input: ApplicationFeeInput): ApplicationFee {
  const id = newId("fee");
  const txn = recordTransaction(ctx, null, {
    amount: input.amount,
    currency: input.charge.currency,
    type: "application_fee",
    source: id,
    availableOn: input.availableOn,
  });
  return ctx.store.put<ApplicationFee>({
    id,
    object: "application_fee",
    account: input.account,
    amount: input.amount,
    amount_refunded: 0,
    refunded: false,
    application: SIMULATED_APPLICATION,
    balance_transaction: txn.id,
    charge: input.charge.id,
    currency: input.charge.currency,
    originating_transaction: input.charge.id,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
    created: ctx.unix(),
    livemode: false,
  });
}

export function refundApplicationFee(ctx: SimContext, fee: ApplicationFee, amount: number, metadata: Metadata = {}): FeeRefund {
  const remaining = fee.amount - fee.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Application fee ${fee.id} has already been refunded.`, { code: "charge_already_refunded" });
  if (amount <= 0 || amount > remaining) {
    throw invalidRequest(`Refund amount (${amount}) is greater than the unrefunded amount of the application fee (${remaining}).`, {
      param: "amount",
      code: "amount_too_large",
    });
  }
  const id = newId("fr");
  const platformTxn = recordTransaction(ctx, null, { amount: -amount, currency: fee.currency, type: "application_fee_refund", source: id });
  recordTransaction(ctx, fee.account, {
    amount,
    currency: fee.currency,
    type: "application_fee_refund",
    source: id,
    reportingCategory: "fee",
  });
  const refund: FeeRefund = {
    id,
    object: "fee_refund",
    amount,
    currency: fee.currency,
    fee: fee.id,
    balance_transaction: platformTxn.id,
    metadata,
    created: ctx.unix(),
  };
  const previous = { amount_refunded: fee.amount_refunded, refunded: fee.refunded };
  fee.amount_refunded += amount;
  fee.refunded = fee.amount_refunded === fee.amount;
  fee.refunds.data.unshift(refund);
  ctx.store.put(refund);
  ctx.emit("application_fee.refunded", fee, { previous });
  return refund;
}

export function retrieveApplicationFee(ctx: SimContext, call: ApiCall, id: string): ApplicationFee {
  return ctx.store.scoped(id, "application_fee", call.account);
}

export function createFeeRefund(ctx: SimContext, call: ApiCall, id: string): FeeRefund {
  const fee = retrieveApplicationFee(ctx, call, id);
  const amount = optionalInteger(call.params, "amount", 1) ?? fee.amount - fee.amount_refunded;
  return refundApplicationFee(ctx, fee, amount, applyMetadata({}, call.params));
}
