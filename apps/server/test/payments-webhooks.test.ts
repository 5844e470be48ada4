/**
 * Stripe webhooks: signatures (tampered, stale, wrong secret, missing) refused with nothing stored;
 * duplicates change nothing; unknown types stored and acknowledged; and hundreds of shuffled,
 * duplicated orderings of one scenario's events all reach the same final state, each effect once.
 */
import { createHmac } from "node:crypto";
import { auditEvents, type Database, payoutItems, payouts, saleAdjustments, sales, stripeAccounts, stripeEvents } from "@pc/db";
import { mulberry32 } from "@pc/shared";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveEvent } from "../src/payments/webhooks.service.js";
import type { SimEvent } from "../src/stripe/simulator/index.js";
import { SIMULATOR_WEBHOOK_SECRETS, type StripeEvent } from "../src/stripe/stripe-gateway.js";
import { createHarness, type Harness } from "./harness.js";
import { buy, fundPlatform, onboard, paymentsApp } from "./payments-fixtures.js";

let h: Harness;
let app: FastifyInstance;

beforeAll(async () => {
  h = await createHarness();
  app = await paymentsApp(h);
});
afterAll(async () => {
  await app.close();
  await h.close();
});

function sign(body: string, secret: string, at = Math.floor(Date.now() / 1000)) {
  return `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`;
}

function post(path: "webhook" | "connect-webhook", body: string, signature?: string) {
  return app.inject({
    method: "POST",
    url: `/api/stripe/${path}`,
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    payload: body,
  });
}

const eventBody = (id: string, type = "customer.created") =>
  JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { id: "cus_1", object: "customer" } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });

async function storedEvent(id: string) {
  const [row] = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row ?? null;
}

describe("webhook signatures", () => {
  it("stores and acknowledges a signed event of a type the console does not act on", async () => {
    const body = eventBody("evt_unknown_type");
    const response = await post("webhook", body, sign(body, SIMULATOR_WEBHOOK_SECRETS.platform));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ received: true, duplicate: false, outcome: "ignored" });
    expect((await storedEvent("evt_unknown_type"))?.type).toBe("customer.created");
  });

  it("answers a second delivery of the same event as a duplicate and stores it once", async () => {
    const body = eventBody("evt_twice");
    for (const expected of [false, true]) {
      const response = await post("webhook", body, sign(body, SIMULATOR_WEBHOOK_SECRETS.platform));
      expect(response.statusCode).toBe(200);
      expect(response.json().duplicate).toBe(expected);
    }
    expect(await storedEvent("evt_twice")).not.toBeNull();
  });

  it("asks Stripe to retry a fresh event naming a sale not recorded yet (nothing stored), and files an old one as unmatched", async () => {
    const event = (id: string, created: number) =>
      JSON.stringify({
        id,
        object: "event",
        api_version: "2026-10-28.endive",
        created,
        type: "checkout.session.completed",
        data: {
          object: { id: `cs_test_${id}`, object: "checkout.session", metadata: { sale_id: "5b0b4a8e-5a4e-4c3e-9a59-3d6f0c1f2a11" } },
        },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      });
    const now = Math.floor(Date.now() / 1000);
    const fresh = event("evt_sale_not_yet", now);
    const response = await post("webhook", fresh, sign(fresh, SIMULATOR_WEBHOOK_SECRETS.platform));
    expect(response.statusCode).toBe(409);
    expect(await storedEvent("evt_sale_not_yet")).toBeNull();
    const old = event("evt_sale_never", now - 3600);
    const late = await post("webhook", old, sign(old, SIMULATOR_WEBHOOK_SECRETS.platform));
    expect(late.statusCode).toBe(200);
    expect((await storedEvent("evt_sale_never"))?.outcome).toBe("unmatched");
  });

  it("refuses a tampered, stale, wrongly signed or unsigned event with 400, storing nothing", async () => {
    const body = eventBody("evt_refused");
    const cases = [
      ["tampered", "webhook", body.replace("cus_1", "cus_2"), sign(body, SIMULATOR_WEBHOOK_SECRETS.platform)],
      ["stale", "webhook", body, sign(body, SIMULATOR_WEBHOOK_SECRETS.platform, Math.floor(Date.now() / 1000) - 600)],
      ["wrong secret", "webhook", body, sign(body, "whsec_someone_else")],
      ["the other endpoint's secret", "webhook", body, sign(body, SIMULATOR_WEBHOOK_SECRETS.connect)],
      ["unsigned", "connect-webhook", body, undefined],
    ] as const;
    for (const [name, path, payload, signature] of cases) {
      const response = await post(path, payload, signature);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toMatch(/BAD_SIGNATURE|BAD_REQUEST/);
    }
    expect(await storedEvent("evt_refused")).toBeNull();
  });
});

class Rollback extends Error {}

/** The books as the handlers left them: everything but clocks and generated row ids. */
async function books(db: Database) {
  const order = <T>(rows: T[], key: (row: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    sales: order(await db.select().from(sales), (row) => row.checkoutSessionId).map(({ updatedAt: _u, createdAt: _c, ...row }) => row),
    adjustments: order(await db.select().from(saleAdjustments), (row) => row.stripeObjectId).map(
      ({ id: _i, updatedAt: _u, createdAt: _c, ...row }) => row,
    ),
    payouts: order(await db.select().from(payouts), (row) => row.stripePayoutId).map(
      ({ id: _i, updatedAt: _u, createdAt: _c, itemsSyncedAt: _s, ...row }) => row,
    ),
    items: order(await db.select().from(payoutItems), (row) => row.balanceTransactionId).map(
      ({ payoutId: _p, createdAt: _c, ...row }) => row,
    ),
    accounts: order(await db.select().from(stripeAccounts), (row) => row.stripeAccountId).map(
      ({ updatedAt: _u, syncedAt: _s, balance, ...row }) => ({
        ...row,
        balance: balance && { available: balance.available, pending: balance.pending },
      }),
    ),
    events: (await db.select({ id: stripeEvents.id }).from(stripeEvents)).length,
  };
}

describe("event order and repetition", () => {
  let scenario: SimEvent[];
  let inOrder: Awaited<ReturnType<typeof books>>;

  async function replay(events: readonly SimEvent[]) {
    let result: Awaited<ReturnType<typeof books>> | undefined;
    await h.db.db
      .transaction(async (tx) => {
        for (const event of events) {
          const endpoint = event.account ? "connect" : "platform";
          await receiveEvent(tx as Database, h.stripe, endpoint, event as unknown as StripeEvent, { publicUrl: h.services.publicUrl });
        }
        result = await books(tx as Database);
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
    if (!result) throw new Error("replay produced nothing");
    return result;
  }

  beforeAll(async () => {
    const northwave = await onboard(h, h.tenantIds.northwave);
    // From here the simulator records events without delivering them: the test delivers them.
    const before = h.simulator.events().length;
    h.simulator.setWebhookEndpoints({});
    const bought = [];
    for (const body of [
      { tracks: 3, currency: "NOK" },
      { bundle: 5, currency: "NOK" },
      { tracks: 1, currency: "EUR" },
      { tracks: 2, currency: "NOK" },
    ]) {
      bought.push(await buy(h, app, body));
    }
    const sessions = await Promise.all(
      bought.map(({ sessionId }) => h.stripe.stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] })),
    );
    const chargeOf = (index: number) => String((sessions[index]?.payment_intent as { latest_charge?: string } | null)?.latest_charge);
    await h.stripe.stripe.refunds.create({ charge: chargeOf(0), amount: 10_001 });
    await h.stripe.stripe.refunds.create({ charge: chargeOf(0), amount: 7_777 });
    await h.stripe.stripe.refunds.create({ charge: chargeOf(1) });
    // The platform gives the partner its part back from its own balance when a dispute is won.
    await fundPlatform(h, "eur", 50_000);
    const won = h.simulator.createDispute(chargeOf(2), { reason: "fraudulent" });
    h.simulator.closeDispute(won.id, "won");
    const lost = h.simulator.createDispute(chargeOf(3), { reason: "product_not_received" });
    h.simulator.closeDispute(lost.id, "lost");
    h.simulator.failNextPayouts(northwave, "account_closed");
    await h.simulator.advanceTo(Date.now() + 11 * 86_400_000);
    h.simulator.failNextPayouts(northwave, null);
    await h.simulator.advanceTo(Date.now() + 15 * 86_400_000);
    await h.simulator.flushWebhooks();
    scenario = h.simulator.events().slice(before);
    inOrder = await replay(scenario);
  });

  it("records the scenario in order: each refund, dispute and payout once", () => {
    expect(scenario.length).toBeGreaterThan(30);
    expect(inOrder.sales.filter((sale) => sale.status === "paid")).toHaveLength(4);
    expect(inOrder.adjustments.map((row) => row.kind).sort()).toEqual([
      "dispute",
      "dispute",
      "dispute_reinstated",
      "refund",
      "refund",
      "refund",
    ]);
    expect(inOrder.payouts.some((payout) => payout.status === "failed" && payout.failureCode === "account_closed")).toBe(true);
    expect(inOrder.payouts.some((payout) => payout.status === "paid")).toBe(true);
    // Refunds never take back more than the partner was given.
    for (const sale of inOrder.sales) expect(sale.partnerReversed).toBeLessThanOrEqual(sale.partnerShare);
  });

  it("reaches the same books from 200 shuffled orderings with duplicates", { timeout: 300_000 }, async () => {
    const rand = mulberry32(6);
    for (let run = 0; run < 200; run++) {
      const events = [...scenario, ...scenario.filter(() => rand() < 0.25)];
      for (let i = events.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [events[i], events[j]] = [events[j] as SimEvent, events[i] as SimEvent];
      }
      expect(await replay(events), `ordering ${run}`).toEqual(inOrder);
    }
  });

  it("moved money at Stripe once per refund and dispute, however often the events came", async () => {
    for (const sale of inOrder.sales.filter((row) => row.transferId)) {
      const transfer = await h.stripe.stripe.transfers.retrieve(sale.transferId as string);
      const taken = inOrder.adjustments
        .filter((row) => row.saleId === sale.id && row.kind !== "dispute_reinstated")
        .reduce((sum, row) => sum + row.amount, 0);
      expect(transfer.amount_reversed, sale.checkoutSessionId).toBe(taken);
    }
  });

  it("reaches the same books when every event, twice, is delivered at once (concurrent transactions)", async () => {
    const rand = mulberry32(11);
    const events = [...scenario, ...scenario].sort(() => rand() - 0.5);
    await Promise.all(
      events.map((event) =>
        receiveEvent(h.db.db, h.stripe, event.account ? "connect" : "platform", event as unknown as StripeEvent, {
          publicUrl: h.services.publicUrl,
        }),
      ),
    );
    expect(await books(h.db.db)).toEqual(inOrder);
  });

  it("replays a stored event from the dashboard without changing the books, and audits it", async () => {
    const refund = scenario.find((event) => event.type === "charge.refunded");
    const payout = scenario.find((event) => event.type === "payout.failed");
    const finance = await h.as("finance@masterchannel.test");
    for (const event of [refund, payout]) {
      const replayed = await finance.caller.stripeEvents.replay({ eventId: event?.id as string });
      expect(replayed.outcome).toBe("applied");
      expect(replayed.replayCount).toBe(1);
    }
    expect(await books(h.db.db)).toEqual(inOrder);
    const audit = await h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "stripe_events.replay"));
    expect(audit.map((row) => row.targetId).sort()).toEqual([refund?.id, payout?.id].sort());
    const listed = await finance.caller.stripeEvents.list({ type: "payout.failed", limit: 50 });
    expect(listed.items.every((item) => item.type === "payout.failed")).toBe(true);
    expect(listed.items.find((item) => item.id === payout?.id)?.replayCount).toBe(1);
  });
});
