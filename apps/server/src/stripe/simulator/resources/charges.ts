// A successful card payment as a destination charge: payment intent, charge, the platform's
// balance transaction net of Stripe's fee, the transfer to the connected account and the
// application fee. As in Stripe ("Collect fees" for destination charges) the whole amount is
// transferred and the fee is collected back from the connected account: the platform books
// charge +amount (fee: Stripe's), transfer −amount and application_fee +fee; the account's
// destination payment has amount, fee = the application fee, net = amount − fee.
import { estimateStripeFee, isCurrencyCode } from "@pc/shared";
import { DAY_S } from "../clock.js";
import type { ApiCall, SimContext } from "../context.js";
import { cardError } from "../errors.js";
import { newId } from "../ids.js";
import type { ApplicationFee, Charge, Metadata, PaymentIntent, Transfer } from "../types.js";
import { recordTransaction, stripeFeeDetail } from "./balance.js";
import { succeededCharge } from "./charge-object.js";
import { createApplicationFee } from "./fees.js";
import { createTransfer } from "./transfers.js";

/** Test cards that decline, with Stripe's decline codes and messages. */
const DECLINES: Record<string, { declineCode: string; code: string; message: string }> = {
  "4000000000000002": { code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." },
  "4000000000009995": { code: "card_declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds." },
  "4000000000000069": { code: "expired_card", declineCode: "expired_card", message: "Your card has expired." },
};

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith("4")) return "visa";
  if (/^5[1-5]|^2[2-7]/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  return "unknown";
}

// Stripe's test card whose funds skip the pending balance.
const AVAILABLE_AT_ONCE = "4000000000000077";

/** Accepts a test card number (spaces allowed) or throws the card_error Stripe would. */
function checkCard(card: string): { brand: string; last4: string; availableAtOnce: boolean } {
  const digits = card.replace(/[\s-]/g, "");
  const decline = DECLINES[digits];
  if (decline) throw cardError(decline.message, decline.code, decline.declineCode);
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) throw cardError("Your card number is incorrect.", "incorrect_number");
  return { brand: brandOf(digits), last4: digits.slice(-4), availableAtOnce: digits === AVAILABLE_AT_ONCE };
}

export interface ChargeInput {
  amount: number;
  currency: string;
  card: string;
  applicationFeeAmount: number | null;
  destination: string | null;
  metadata: Metadata;
}

export function chargeCard(
  ctx: SimContext,
  input: ChargeInput,
): { paymentIntent: PaymentIntent; charge: Charge; transfer: Transfer | null; applicationFee: ApplicationFee | null } {
  const { availableAtOnce, ...card } = checkCard(input.card);
  const created = ctx.unix();
  const code = input.currency.toUpperCase();
  const stripeFee = isCurrencyCode(code) ? estimateStripeFee(input.amount, code) : 0;
  const paymentIntentId = newId("pi");
  const chargeId = newId("ch");
  const availableOn = availableAtOnce ? created : created + ctx.payoutDelayDays * DAY_S;
  const txn = recordTransaction(ctx, null, {
    amount: input.amount,
    currency: input.currency,
    type: "charge",
    source: chargeId,
    fee: stripeFee,
    feeDetails: stripeFee > 0 ? [stripeFeeDetail(stripeFee, input.currency, "Stripe processing fees")] : [],
    availableOn,
  });
  const transferData = input.destination ? { destination: input.destination } : null;
  const charge = ctx.store.put(
    succeededCharge({
      id: chargeId,
      amount: input.amount,
      currency: input.currency,
      created,
      payment_intent: paymentIntentId,
      application_fee_amount: input.applicationFeeAmount,
      transfer_data: transferData,
      balance_transaction: txn.id,
      payment_method_details: { type: "card", card },
      metadata: { ...input.metadata },
    }),
  );
  const paymentIntent = ctx.store.put<PaymentIntent>({
    id: paymentIntentId,
    object: "payment_intent",
    amount: input.amount,
    amount_received: input.amount,
    currency: input.currency,
    status: "succeeded",
    application_fee_amount: input.applicationFeeAmount,
    transfer_data: transferData,
    latest_charge: chargeId,
    metadata: { ...input.metadata },
    payment_method_types: ["card"],
    created,
    livemode: false,
  });
  let applicationFee: ApplicationFee | null = null;
  let transfer: Transfer | null = null;
  if (input.destination) {
    const destinationAccount = ctx.store.require(input.destination, "account");
    const feeAmount = input.applicationFeeAmount ?? 0;
    transfer = createTransfer(ctx, {
      amount: input.amount,
      currency: input.currency,
      destination: input.destination,
      sourceTransaction: chargeId,
      // The platform's transfer is funded by the pending charge; the partner's share follows its own schedule.
      platformAvailableOn: availableOn,
      destinationAvailableOn: availableAtOnce ? created : created + destinationAccount.settings.payouts.schedule.delay_days * DAY_S,
      metadata: {},
      transferGroup: `group_${paymentIntentId}`,
      description: null,
      applicationFeeAmount: feeAmount,
    });
    charge.transfer = transfer.id;
    if (input.applicationFeeAmount !== null) {
      applicationFee = createApplicationFee(ctx, { account: input.destination, amount: feeAmount, charge, availableOn });
      charge.application_fee = applicationFee.id;
    }
  }
  // Emitted once every link is in place, so each event's snapshot is complete.
  ctx.emit("charge.succeeded", charge);
  ctx.emit("payment_intent.succeeded", paymentIntent);
  if (applicationFee) ctx.emit("application_fee.created", applicationFee);
  if (transfer) ctx.emit("transfer.created", transfer);
  return { paymentIntent, charge, transfer, applicationFee };
}

export function retrieveCharge(ctx: SimContext, call: ApiCall, id: string): Charge {
  return ctx.store.scoped(id, "charge", call.account);
}

export function retrievePaymentIntent(ctx: SimContext, call: ApiCall, id: string): PaymentIntent {
  return ctx.store.scoped(id, "payment_intent", call.account);
}
