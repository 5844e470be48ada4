// Checkout Sessions in payment mode, as destination charges: validated like Stripe at creation,
// paid later on the hosted page or by the control API.
import { currencyInfo, isCurrencyCode } from "@pc/shared";
import { DAY_S } from "../clock.js";
import type { ApiCall, SimContext } from "../context.js";
import { cardError, invalidRequest } from "../errors.js";
import { applyMetadata, currencyParam, optionalArray, optionalInteger, optionalString, requiredInteger, requiredString } from "../form.js";
import { newId } from "../ids.js";
import type { ApplicationFee, Charge, CheckoutPlan, CheckoutSession, PaymentIntent, Transfer } from "../types.js";
import { chargeCard } from "./charges.js";

const SESSION_TTL_S = DAY_S;

export interface CheckoutResult {
  session: CheckoutSession;
  paymentIntent: PaymentIntent;
  charge: Charge;
  transfer: Transfer | null;
  applicationFee: ApplicationFee | null;
}

function readLineItems(call: ApiCall): { plan: CheckoutPlan["lineItems"]; currency: string } {
  const items = optionalArray(call.params, "line_items");
  if (items.length === 0) throw invalidRequest("Missing required param: line_items.", { param: "line_items", code: "parameter_missing" });
  let currency: string | undefined;
  const plan = items.map((_, index) => {
    const base = `line_items[${index}]`;
    if (optionalString(call.params, `${base}[price]`)) {
      throw invalidRequest("The simulator only supports line_items with price_data.", { param: `${base}[price]` });
    }
    const itemCurrency = currencyParam(call.params, `${base}[price_data][currency]`);
    if (currency && itemCurrency !== currency) {
      throw invalidRequest("All line items must use the same currency.", { param: `${base}[price_data][currency]` });
    }
    currency = itemCurrency;
    return {
      name: requiredString(call.params, `${base}[price_data][product_data][name]`),
      unitAmount: requiredInteger(call.params, `${base}[price_data][unit_amount]`),
      quantity: requiredInteger(call.params, `${base}[quantity]`, 1),
    };
  });
  return { plan, currency: currency ?? "usd" };
}

function assertMinimum(amount: number, currency: string): void {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code)) throw invalidRequest(`Invalid currency: ${currency}.`, { param: "line_items[0][price_data][currency]" });
  const { minimumMinor } = currencyInfo(code);
  if (amount < minimumMinor) {
    throw invalidRequest(`The Checkout Session's total amount due must add up to at least ${minimumMinor} ${currency} (in minor units).`, {
      code: "amount_too_small",
    });
  }
}

export function createCheckoutSession(ctx: SimContext, call: ApiCall): CheckoutSession {
  const mode = requiredString(call.params, "mode");
  if (mode !== "payment") throw invalidRequest(`The simulator only supports mode=payment, not ${mode}.`, { param: "mode" });
  const successUrl = requiredString(call.params, "success_url");
  const { plan: lineItems, currency } = readLineItems(call);
  const amount = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  assertMinimum(amount, currency);

  const feeParam = "payment_intent_data[application_fee_amount]";
  const destParam = "payment_intent_data[transfer_data][destination]";
  const applicationFeeAmount = optionalInteger(call.params, feeParam) ?? null;
  const destination = optionalString(call.params, destParam) ?? null;
  if (applicationFeeAmount !== null && !destination && !call.account) {
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      { param: feeParam },
    );
  }
  if (applicationFeeAmount !== null && applicationFeeAmount > amount) {
    throw invalidRequest("The application fee cannot be greater than the amount of the payment.", { param: feeParam });
  }
  if (destination) {
    const account = ctx.store.get(destination, "account");
    if (!account) throw invalidRequest(`No such destination: '${destination}'`, { param: destParam, code: "resource_missing" });
    if (!account.charges_enabled) {
      throw invalidRequest(
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        { param: destParam, code: "insufficient_capabilities_for_transfer" },
      );
    }
  }

  const id = newId("cs_test");
  const created = ctx.unix();
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    mode: "payment",
    status: "open",
    payment_status: "unpaid",
    amount_subtotal: amount,
    amount_total: amount,
    currency,
    url: `${ctx.publicUrl()}/hosted/checkout/${id}`,
    payment_intent: null,
    metadata: applyMetadata({}, call.params),
    client_reference_id: optionalString(call.params, "client_reference_id") ?? null,
    customer_email: optionalString(call.params, "customer_email") ?? null,
    locale: optionalString(call.params, "locale") ?? null,
    success_url: successUrl.replaceAll("{CHECKOUT_SESSION_ID}", id),
    cancel_url: optionalString(call.params, "cancel_url")?.replaceAll("{CHECKOUT_SESSION_ID}", id) ?? null,
    created,
    expires_at: created + SESSION_TTL_S,
    livemode: false,
  };
  ctx.store.state.checkoutPlans[id] = {
    lineItems,
    applicationFeeAmount,
    destination,
    paymentMetadata: applyMetadata({}, call.params, "payment_intent_data[metadata]"),
  };
  return ctx.store.put(session);
}

/** Expires open sessions past expires_at (checkout.session.expired), as Stripe does a day after creation. */
export function expireSessions(ctx: SimContext): void {
  const now = ctx.unix();
  for (const session of ctx.store.all("checkout.session")) {
    if (session.status === "open" && session.expires_at <= now) {
      session.status = "expired";
      session.url = null;
      ctx.emit("checkout.session.expired", session);
    }
  }
}

/** Pays an open session with a test card number (see README); declines throw Stripe's card_error. */
export function payCheckoutSession(ctx: SimContext, sessionId: string, card = "4242424242424242"): CheckoutResult {
  const session = ctx.store.require(sessionId, "checkout.session");
  if (session.status === "open" && session.expires_at <= ctx.unix()) expireSessions(ctx);
  if (session.status !== "open") {
    throw invalidRequest(`This Checkout Session is no longer active (status ${session.status}).`, { code: "checkout_session_inactive" });
  }
  const plan = ctx.store.state.checkoutPlans[sessionId];
  if (!plan) throw invalidRequest(`No plan stored for ${sessionId}.`);
  const destination = plan.destination ? ctx.store.get(plan.destination, "account") : undefined;
  if (plan.destination && !destination?.charges_enabled) {
    throw cardError("Your card was declined: the destination account cannot accept charges.", "card_declined", "generic_decline");
  }
  const result = chargeCard(ctx, {
    amount: session.amount_total,
    currency: session.currency,
    card,
    applicationFeeAmount: plan.applicationFeeAmount,
    destination: plan.destination,
    metadata: plan.paymentMetadata,
  });
  session.status = "complete";
  session.payment_status = "paid";
  session.payment_intent = result.paymentIntent.id;
  session.url = null;
  ctx.emit("checkout.session.completed", session);
  return { session, ...result };
}
