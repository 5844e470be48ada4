// Transfers from the platform to a connected account (each lands there as a `py_` destination
// payment) and their reversals (a `pyr_` refund of that payment). The transfer of a destination
// charge is the whole charge; the application fee is collected back from its payment (`fee`).
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest, noSuch } from "../errors.js";
import {
  applyMetadata,
  currencyParam,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredInteger,
  requiredString,
} from "../form.js";
import { newId } from "../ids.js";
import { type Page, paginate } from "../render.js";
import type { Metadata, Refund, Transfer, TransferReversal } from "../types.js";
import { availableByCurrency, recordTransaction } from "./balance.js";
import { succeededCharge } from "./charge-object.js";
import { refundApplicationFee } from "./fees.js";

export interface TransferInput {
  amount: number;
  currency: string;
  destination: string;
  sourceTransaction: string | null;
  /** When the platform's side of the transfer settles (unix s); now when absent. */
  platformAvailableOn?: number;
  /** When the funds become available on the connected account (unix s); now when absent. */
  destinationAvailableOn?: number;
  metadata: Metadata;
  transferGroup: string | null;
  description: string | null;
  /** The application fee collected from the destination payment: its transaction's fee. */
  applicationFeeAmount?: number;
}

/** Moves the money and stores the objects; the caller emits transfer.created. */
export function createTransfer(ctx: SimContext, input: TransferInput): Transfer {
  const id = newId("tr");
  const paymentId = newId("py");
  const created = ctx.unix();
  const platformTxn = recordTransaction(ctx, null, {
    amount: -input.amount,
    currency: input.currency,
    type: "transfer",
    source: id,
    availableOn: input.platformAvailableOn ?? created,
  });
  const applicationFee = input.applicationFeeAmount ?? 0;
  const paymentTxn = recordTransaction(ctx, input.destination, {
    amount: input.amount,
    currency: input.currency,
    type: "payment",
    source: paymentId,
    fee: applicationFee,
    feeDetails:
      applicationFee > 0
        ? [{ type: "application_fee", amount: applicationFee, currency: input.currency, application: null, description: "Application fee" }]
        : [],
    availableOn: input.destinationAvailableOn ?? created,
  });
  ctx.store.put(
    succeededCharge({
      id: paymentId,
      amount: input.amount,
      currency: input.currency,
      created,
      source_transfer: id,
      balance_transaction: paymentTxn.id,
    }),
    input.destination,
  );
  return ctx.store.put<Transfer>({
    id,
    object: "transfer",
    amount: input.amount,
    amount_reversed: 0,
    reversed: false,
    currency: input.currency,
    destination: input.destination,
    destination_payment: paymentId,
    source_transaction: input.sourceTransaction,
    source_type: "card",
    transfer_group: input.transferGroup,
    balance_transaction: platformTxn.id,
    description: input.description,
    metadata: input.metadata,
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    created,
    livemode: false,
  });
}

export function apiCreateTransfer(ctx: SimContext, call: ApiCall): Transfer {
  if (call.account) throw invalidRequest("Transfers are created by the platform, without a Stripe-Account header.");
  const amount = requiredInteger(call.params, "amount", 1);
  const currency = currencyParam(call.params, "currency");
  const destination = requiredString(call.params, "destination");
  const account = ctx.store.get(destination, "account");
  if (!account) throw invalidRequest(`No such destination: '${destination}'`, { param: "destination", code: "resource_missing" });
  if (account.capabilities.transfers !== "active") {
    throw invalidRequest(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      { param: "destination", code: "insufficient_capabilities_for_transfer" },
    );
  }
  const sourceId = optionalString(call.params, "source_transaction");
  let availableOn: number | undefined;
  if (sourceId) {
    const source = ctx.store.scoped(sourceId, "charge", null, "source_transaction");
    if (source.currency !== currency)
      throw invalidRequest("The currency of source_transaction's balance transaction must be the same as the transfer currency.", {
        param: "currency",
      });
    if (amount > source.amount - source.amount_refunded)
      throw invalidRequest("Transfer amount exceeds the source transaction's unrefunded amount.", { param: "amount" });
    availableOn = ctx.store.get(source.balance_transaction, "balance_transaction")?.available_on;
  } else if ((availableByCurrency(ctx, null).get(currency) ?? 0) < amount) {
    throw invalidRequest(
      "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
      { code: "balance_insufficient" },
    );
  }
  const transfer = createTransfer(ctx, {
    amount,
    currency,
    destination,
    sourceTransaction: sourceId ?? null,
    ...(availableOn !== undefined ? { platformAvailableOn: availableOn, destinationAvailableOn: availableOn } : {}),
    metadata: applyMetadata({}, call.params),
    transferGroup: optionalString(call.params, "transfer_group") ?? null,
    description: optionalString(call.params, "description") ?? null,
  });
  ctx.emit("transfer.created", transfer);
  return transfer;
}

export function retrieveTransfer(ctx: SimContext, call: ApiCall, id: string): Transfer {
  return ctx.store.scoped(id, "transfer", call.account);
}

export function listReversals(ctx: SimContext, call: ApiCall, transferId: string, page: Page) {
  const transfer = retrieveTransfer(ctx, call, transferId);
  return paginate(transfer.reversals.data, page, `/v1/transfers/${transferId}/reversals`);
}

export function retrieveReversal(ctx: SimContext, call: ApiCall, transferId: string, reversalId: string): TransferReversal {
  retrieveTransfer(ctx, call, transferId);
  const reversal = ctx.store.get(reversalId, "transfer_reversal");
  if (!reversal || reversal.transfer !== transferId) throw noSuch("transfer reversal", reversalId);
  return reversal;
}

export interface ReversalOptions {
  metadata?: Metadata;
  sourceRefund?: string | null;
  refundApplicationFee?: boolean;
}

export function reverseTransfer(ctx: SimContext, transfer: Transfer, amount: number, options: ReversalOptions = {}): TransferReversal {
  const rest = transfer.amount - transfer.amount_reversed;
  if (rest <= 0) throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, { param: "amount" });
  if (amount <= 0 || amount > rest) {
    throw invalidRequest(`Reversal amount (${amount}) is greater than the transfer's unreversed amount (${rest}).`, { param: "amount" });
  }
  const payment = ctx.store.require(transfer.destination_payment, "charge");
  const reversalId = newId("trr");
  const paymentRefundId = newId("pyr");
  const accountTxn = recordTransaction(ctx, transfer.destination, {
    amount: -amount,
    currency: transfer.currency,
    type: "payment_refund",
    source: paymentRefundId,
  });
  const paymentRefund = ctx.store.put<Refund>(
    {
      id: paymentRefundId,
      object: "refund",
      amount,
      charge: payment.id,
      payment_intent: null,
      currency: transfer.currency,
      reason: null,
      status: "succeeded",
      balance_transaction: accountTxn.id,
      transfer_reversal: null,
      metadata: {},
      created: ctx.unix(),
    },
    transfer.destination,
  );
  payment.amount_refunded += amount;
  payment.refunded = payment.amount_refunded === payment.amount;
  payment.refunds.data.unshift(paymentRefund);

  const platformTxn = recordTransaction(ctx, null, { amount, currency: transfer.currency, type: "transfer_refund", source: reversalId });
  const reversal = ctx.store.put<TransferReversal>({
    id: reversalId,
    object: "transfer_reversal",
    amount,
    currency: transfer.currency,
    transfer: transfer.id,
    destination_payment_refund: paymentRefundId,
    source_refund: options.sourceRefund ?? null,
    balance_transaction: platformTxn.id,
    metadata: options.metadata ?? {},
    created: ctx.unix(),
  });
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(reversal);
  ctx.emit("transfer.reversed", transfer, { previous });

  if (options.refundApplicationFee) refundFeeInProportion(ctx, transfer, amount);
  return reversal;
}

/** Stripe refunds the fee in proportion to the reversal, and all of what is left on a full one. */
function refundFeeInProportion(ctx: SimContext, transfer: Transfer, reversed: number): void {
  const charge = transfer.source_transaction ? ctx.store.get(transfer.source_transaction, "charge") : undefined;
  const fee = charge?.application_fee ? ctx.store.get(charge.application_fee, "application_fee") : undefined;
  if (!fee) return;
  const left = fee.amount - fee.amount_refunded;
  const share = transfer.reversed ? left : Math.min(left, Math.floor((reversed * fee.amount) / transfer.amount));
  if (share > 0) refundApplicationFee(ctx, fee, share);
}

export function apiReverseTransfer(ctx: SimContext, call: ApiCall, id: string): TransferReversal {
  const transfer = retrieveTransfer(ctx, call, id);
  const amount = optionalInteger(call.params, "amount", 1) ?? transfer.amount - transfer.amount_reversed;
  return reverseTransfer(ctx, transfer, amount, {
    metadata: applyMetadata({}, call.params),
    refundApplicationFee: optionalBoolean(call.params, "refund_application_fee") ?? false,
  });
}
