/**
 * The Stripe simulator's tests share these: a simulator with the official SDK calling it in
 * process (closed after each test), an onboarded connected account, and a paid destination charge.
 */
import Stripe from "stripe";
import { afterEach } from "vitest";
import { createStripeSimulator, type SimulatorOptions, type StripeSimulator } from "../src/stripe/simulator/index.js";

export const DAY = 86_400_000;

/** The SDK talking to `sim` in process, as the console's tests do. */
export function sdkFor(sim: StripeSimulator, key = sim.secretKey): Stripe {
  return new Stripe(key, {
    httpClient: Stripe.createFetchHttpClient((url, init) => sim.handle(new Request(url, init))),
    maxNetworkRetries: 0,
  });
}

/** Call once per test file: answers a `setup` making simulators that are closed after each test. */
export function useSimulators() {
  const sims: StripeSimulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  return (options: SimulatorOptions = {}) => {
    const sim = createStripeSimulator(options);
    sims.push(sim);
    return { sim, stripe: sdkFor(sim) };
  };
}

export async function onboardedAccount(
  sim: StripeSimulator,
  stripe: Stripe,
  options: { country?: string; schedule?: Stripe.AccountCreateParams.Settings.Payouts.Schedule } = {},
) {
  const account = await stripe.accounts.create({
    type: "express",
    country: options.country ?? "NO",
    email: "partner@example.com",
    ...(options.schedule ? { settings: { payouts: { schedule: options.schedule } } } : {}),
  });
  sim.completeOnboarding(account.id);
  return account.id;
}

/** A paid destination charge of `amount` NOK with `fee` for the platform. */
export async function paidSale(
  sim: StripeSimulator,
  stripe: Stripe,
  accountId: string,
  { amount = 10_000, fee = 2_000, card = "4242424242424242" }: { amount?: number; fee?: number; card?: string } = {},
) {
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ price_data: { currency: "nok", unit_amount: amount, product_data: { name: "Plan" } }, quantity: 1 }],
    payment_intent_data: { application_fee_amount: fee, transfer_data: { destination: accountId }, metadata: { sale: "s1" } },
    success_url: "https://shop.example/ok?session={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/cancel",
  });
  return sim.completeCheckoutSession(session.id, { card });
}
