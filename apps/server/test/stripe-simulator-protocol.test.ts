// The Stripe simulator's protocol through the official SDK: the pinned API version, errors mapped
// to the SDK's classes, scoping by Stripe-Account, idempotency, events, lists, session expiry.
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { SIMULATED_API_VERSION } from "../src/stripe/simulator/index.js";
import { DAY, onboardedAccount, paidSale, sdkFor, useSimulators } from "./simulator-fixtures.js";

const setup = useSimulators();

describe("Stripe simulator: protocol", () => {
  it("pins the API version of the installed SDK", () => {
    expect(SIMULATED_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it("maps errors to the SDK's classes: authentication, invalid request, unknown routes, other accounts' objects", async () => {
    const { sim, stripe } = setup();
    const wrongKey = sdkFor(sim, "sk_live_nope");
    await expect(wrongKey.balance.retrieve()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const missing = await sim.handle(new Request("http://sim/v1/balance"));
    expect(missing.status).toBe(401);
    await expect(stripe.payouts.retrieve("po_missing")).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const unknown = await sim.handle(new Request("http://sim/v1/customers", { headers: { authorization: `Bearer ${sim.secretKey}` } }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /^Unrecognized request URL \(GET: \/v1\/customers\)/,
    );

    const a = await onboardedAccount(sim, stripe);
    const b = await onboardedAccount(sim, stripe);
    sim.addAdjustment(a, 5_000, "nok", "seed");
    const payout = await stripe.payouts.create({ amount: 1_000, currency: "nok" }, { stripeAccount: a });
    await expect(stripe.payouts.retrieve(payout.id, {}, { stripeAccount: b })).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    await expect(stripe.balance.retrieve({}, { stripeAccount: "acct_unknown" })).rejects.toBeInstanceOf(
      Stripe.errors.StripePermissionError,
    );
  });

  it("a declined card surfaces as StripeCardError through the control endpoint over HTTP", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "nok", unit_amount: 10_000, product_data: { name: "Plan" } }, quantity: 1 }],
      payment_intent_data: { transfer_data: { destination: accountId } },
      success_url: "https://shop.example/ok",
    });
    const response = await sim.handle(
      new Request(`http://sim/_simulator/checkout_sessions/${session.id}/complete`, {
        method: "POST",
        body: JSON.stringify({ card: "4000000000000002" }),
      }),
    );
    expect(response.status).toBe(402);
    const body = (await response.json()) as { error: Record<string, unknown> };
    const error = Stripe.errors.StripeError.generate({ ...body.error, statusCode: response.status } as never);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.code).toBe("card_declined");
  });

  it("Idempotency-Key: the same key and params replay the answer; other params are an idempotency error", async () => {
    const { stripe } = setup();
    const first = await stripe.accounts.create({ type: "express", country: "NO" }, { idempotencyKey: "k-1" });
    const again = await stripe.accounts.create({ type: "express", country: "NO" }, { idempotencyKey: "k-1" });
    expect(again.id).toBe(first.id);
    const other = stripe.accounts.create({ type: "express", country: "SE" }, { idempotencyKey: "k-1" });
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    const fresh = await stripe.accounts.create({ type: "express", country: "NO" });
    expect(fresh.id).not.toBe(first.id);
  });

  it("GET /v1/events/:id: platform events on the platform, Connect events with the account's header", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    await paidSale(sim, stripe, accountId);
    const connectEvent = sim.events().find((event) => event.account === accountId);
    const platformEvent = sim.events().find((event) => event.type === "charge.succeeded");
    expect((await stripe.events.retrieve(platformEvent?.id as string)).type).toBe("charge.succeeded");
    expect((await stripe.events.retrieve(connectEvent?.id as string, {}, { stripeAccount: accountId })).type).toBe("account.updated");
    await expect(stripe.events.retrieve(connectEvent?.id as string)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("an unpaid Checkout Session expires after a day", async () => {
    const { sim, stripe } = setup();
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "nok", unit_amount: 10_000, product_data: { name: "Plan" } }, quantity: 1 }],
      success_url: "https://shop.example/ok",
    });
    expect(session.expires_at - session.created).toBe(86_400);
    await sim.advanceTo(sim.clock() + DAY + 1000);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: "expired", url: null });
    expect(sim.events().map((event) => event.type)).toEqual(["checkout.session.expired"]);
    expect((await sim.handle(new Request(session.url as string))).status).toBe(410);
  });

  it("lists page with limit and starting_after, newest first", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    for (const amount of [100, 200, 300]) sim.addAdjustment(accountId, amount, "nok", `a${amount}`);
    const onAccount = { stripeAccount: accountId };
    const page1 = await stripe.balanceTransactions.list({ limit: 2 }, onAccount);
    expect(page1.data.map((txn) => txn.amount)).toEqual([300, 200]);
    expect(page1.has_more).toBe(true);
    const page2 = await stripe.balanceTransactions.list({ limit: 2, starting_after: page1.data[1]?.id as string }, onAccount);
    expect(page2.data.map((txn) => txn.amount)).toEqual([100]);
    expect(page2.has_more).toBe(false);
    await expect(stripe.balanceTransactions.list({ limit: 101 }, onAccount)).rejects.toMatchObject({ param: "limit" });
  });
});
