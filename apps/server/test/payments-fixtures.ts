/**
 * Payments test helpers: a tenant onboarded at the simulator, storefront checkouts through the real
 * HTTP route, and the lookups tests assert on.
 */
import { type Database, payoutItems, payouts, SYSTEM_CONTEXT, saleAdjustments, sales, stripeAccounts, withRlsContext } from "@pc/db";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/app.js";
import { ensureConnectedAccount } from "../src/payments/connect-accounts.service.js";
import { type Harness, PUBLIC_URL, TEST_SESSION_SECRET } from "./harness.js";

export const SYSTEM_ACTOR = { userId: null, label: "test", requestId: null, ip: null };

export async function paymentsApp(h: Harness): Promise<FastifyInstance> {
  return buildApp({
    db: h.db.db,
    dbKind: h.db.kind,
    publicUrl: PUBLIC_URL,
    logLevel: "silent",
    ingestCacheTtlMs: 0,
    stripe: h.stripe,
    sessionSecret: TEST_SESSION_SECRET,
  });
}

/** Creates the tenant's connected account and completes its onboarding; answers the account id. */
export async function onboard(h: Harness, tenantId: string): Promise<string> {
  const account = await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) =>
    ensureConnectedAccount(tx as Database, h.stripe, SYSTEM_ACTOR, tenantId),
  );
  h.simulator.completeOnboarding(account.stripeAccountId);
  await h.simulator.flushWebhooks();
  return account.stripeAccountId;
}

export function checkoutRequest(app: FastifyInstance, body: unknown, key = "pk_demo_northwave") {
  return app.inject({
    method: "POST",
    url: "/api/public/checkout",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
}

export const RETURN_URLS = { successUrl: `${PUBLIC_URL}/thanks`, cancelUrl: `${PUBLIC_URL}/cart` };

/** A paid checkout: asked for through the route, paid with the test card, webhooks handled. */
export async function buy(h: Harness, app: FastifyInstance, body: Record<string, unknown>, key?: string) {
  const response = await checkoutRequest(app, { ...RETURN_URLS, ...body }, key);
  if (response.statusCode !== 201) throw new Error(`checkout answered ${response.statusCode}: ${response.body}`);
  const { sessionId } = response.json() as { sessionId: string; url: string };
  const paid = await h.simulator.completeCheckoutSession(sessionId);
  await h.simulator.flushWebhooks();
  return { sessionId, paid };
}

export async function saleOfSession(h: Harness, sessionId: string) {
  const [row] = await h.db.db.select().from(sales).where(eq(sales.checkoutSessionId, sessionId));
  if (!row) throw new Error(`no sale for ${sessionId}`);
  return row;
}

export async function adjustmentsOf(h: Harness, saleId: string) {
  return h.db.db.select().from(saleAdjustments).where(eq(saleAdjustments.saleId, saleId));
}

export async function payoutsOf(h: Harness, tenantId: string) {
  return h.db.db.select().from(payouts).where(eq(payouts.tenantId, tenantId));
}

export async function itemsOf(h: Harness, payoutId: string) {
  return h.db.db.select().from(payoutItems).where(eq(payoutItems.payoutId, payoutId));
}

export async function accountRow(h: Harness, tenantId: string) {
  const [row] = await h.db.db.select().from(stripeAccounts).where(eq(stripeAccounts.tenantId, tenantId));
  return row ?? null;
}

/**
 * Money in the platform's own balance (a charge to the platform, paid with the test card whose funds
 * are available at once): what Stripe draws on when the platform transfers to a partner outside a
 * charge, as after a won dispute.
 */
export async function fundPlatform(h: Harness, currency: string, amount: number) {
  const session = await h.stripe.stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: "Platform top-up" } } }],
    success_url: RETURN_URLS.successUrl,
    cancel_url: RETURN_URLS.cancelUrl,
  });
  await h.simulator.completeCheckoutSession(session.id, { card: "4000000000000077" });
}
