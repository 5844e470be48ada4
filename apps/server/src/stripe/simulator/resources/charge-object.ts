// The charge object for money that arrived: a card charge on the platform (charges.ts) and the
// `py_` payment a transfer lands as on a connected account (transfers.ts). Its own module so that
// neither of those imports the other.
import { emptyList } from "../render.js";
import type { Charge } from "../types.js";

type Links = "payment_intent" | "application_fee_amount" | "transfer_data" | "source_transfer" | "payment_method_details" | "metadata";

/** A captured, unrefunded, undisputed charge; the links it does not name are null (metadata empty). */
export function succeededCharge(
  fields: Pick<Charge, "id" | "amount" | "currency" | "created" | "balance_transaction"> & Partial<Pick<Charge, Links>>,
): Charge {
  return {
    id: fields.id,
    object: "charge",
    amount: fields.amount,
    amount_captured: fields.amount,
    amount_refunded: 0,
    captured: true,
    paid: true,
    refunded: false,
    disputed: false,
    status: "succeeded",
    currency: fields.currency,
    created: fields.created,
    payment_intent: fields.payment_intent ?? null,
    application_fee: null,
    application_fee_amount: fields.application_fee_amount ?? null,
    transfer: null,
    transfer_data: fields.transfer_data ?? null,
    source_transfer: fields.source_transfer ?? null,
    balance_transaction: fields.balance_transaction,
    payment_method_details: fields.payment_method_details ?? null,
    failure_code: null,
    failure_message: null,
    metadata: fields.metadata ?? {},
    refunds: emptyList(`/v1/charges/${fields.id}/refunds`),
    livemode: false,
  };
}
