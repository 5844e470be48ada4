/**
 * A sale from the storefront's checkout to the partner's bank: onboarding, checkout priced from the
 * price book in effect, the webhook marking it paid with its split, a refund taken back in
 * proportion, and a weekly payout whose items reconcile to the cent.
 */
import { splitRevenue } from "@pc/shared";
import type { FastifyInstance } from "fastify";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKOUT_RATE, checkoutRoutes } from "../src/http/public/checkout.routes.js";
import { createRateLimiter } from "../src/ledger/rate-limit.js";
import { createHarness, type Harness } from "./harness.js";
import {
  accountRow,
  adjustmentsOf,
  buy,
  checkoutRequest,
  itemsOf,
  onboard,
  paymentsApp,
  payoutsOf,
  RETURN_URLS,
  saleOfSession,
} from "./payments-fixtures.js";

let h: Harness;
let app: FastifyInstance;
let account: string;

beforeAll(async () => {
  h = await createHarness();
  app = await paymentsApp(h);
  account = await onboard(h, h.tenantIds.northwave);
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe("checkout to payout", () => {
  it("mirrors the onboarded account from Stripe", async () => {
    const row = await accountRow(h, h.tenantIds.northwave);
    expect(row?.stripeAccountId).toBe(account);
    expect(row?.chargesEnabled).toBe(true);
    expect(row?.payoutsEnabled).toBe(true);
    expect(row?.requirements.currentlyDue).toEqual([]);
  });

  it("prices a checkout from the book in effect and records the paid sale with its split", async () => {
    const { sessionId } = await buy(h, app, { tracks: 2, currency: "NOK" });
    const sale = await saleOfSession(h, sessionId);
    expect(sale.status).toBe("paid");
    expect(sale.gross).toBe(2 * 14_900);
    const split = splitRevenue(sale.gross, sale.revenueShareBps);
    expect(sale.platformFee).toBe(split.platformFee);
    expect(sale.partnerShare).toBe(split.partnerShare);
    expect(sale.priceVersion).toBe(1);
    expect(sale.chargeId).toMatch(/^ch_/);
    expect(sale.destinationPaymentId).toMatch(/^py_/);
    expect(sale.stripeFee).toBeGreaterThan(0);
    expect(sale.availableOn?.getTime()).toBeGreaterThan(Date.now());
  });

  it("answers 400 naming the problem for a bundle the book lacks, an unknown currency, or a bad count", async () => {
    for (const [body, path] of [
      [{ bundle: 7, currency: "NOK" }, "bundle"],
      [{ tracks: 1, currency: "XYZ" }, "currency"],
      [{ tracks: 0, currency: "NOK" }, "tracks"],
      [{ tracks: -2, currency: "NOK" }, "tracks"],
      [{ currency: "NOK" }, "tracks"],
      [{ tracks: 1, currency: "SEK" }, "currency"],
    ] as const) {
      const response = await checkoutRequest(app, { ...RETURN_URLS, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.problems[0].path).toBe(path);
    }
  });

  it("limits how fast one storefront key may start checkouts (429 with Retry-After), leaving other keys alone", async () => {
    // The console's ingestion service authorises the key; the buckets' clock stands still.
    const limited = Fastify({ logger: false });
    await limited.register(checkoutRoutes, {
      prefix: "/api/public/checkout",
      db: h.db.db,
      gateway: h.stripe,
      ingest: app.ledger.ingest,
      limiter: createRateLimiter(() => 0),
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < CHECKOUT_RATE.burst + 5; i++) {
        const response = await checkoutRequest(limited, { ...RETURN_URLS, tracks: 0, currency: "NOK" }, "pk_demo_beatlab");
        statuses.push(response.statusCode);
        if (response.statusCode === 429) retryAfter = response.headers["retry-after"] as string;
      }
      expect(statuses.slice(0, CHECKOUT_RATE.burst).every((status) => status === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await checkoutRequest(limited, { ...RETURN_URLS, tracks: 0, currency: "NOK" }, "pk_demo_fjordsound")).statusCode).toBe(400);
    } finally {
      await limited.close();
    }
  });

  it("takes a refund back in proportion: the transfer reversed by the refund, the platform's part refunded to the partner", async () => {
    const { sessionId } = await buy(h, app, { bundle: 5, currency: "NOK" });
    const sale = await saleOfSession(h, sessionId);
    await h.stripe.stripe.refunds.create({ charge: sale.chargeId as string, amount: 20_000 });
    await h.simulator.flushWebhooks();
    const [refund] = await adjustmentsOf(h, sale.id);
    expect(refund?.kind).toBe("refund");
    expect(refund?.amount).toBe(20_000);
    expect(refund?.partnerAmount).toBe(Math.floor((20_000 * sale.partnerShare) / sale.gross));
    expect((refund?.partnerAmount ?? 0) + (refund?.platformAmount ?? 0)).toBe(20_000);
    const transfer = await h.stripe.stripe.transfers.retrieve(sale.transferId as string);
    expect(transfer.amount_reversed).toBe(20_000);
    const after = await saleOfSession(h, sessionId);
    expect(after.amountRefunded).toBe(20_000);
    expect(after.partnerReversed).toBe(refund?.partnerAmount);
  });

  it("pays out the available balance on the schedule, and the payout's items reconcile to the cent", async () => {
    await h.simulator.advanceTo(Date.now() + 12 * 86_400_000);
    await h.simulator.flushWebhooks();
    const [payout] = await payoutsOf(h, h.tenantIds.northwave);
    expect(payout).toBeDefined();
    expect(payout?.currency).toBe("NOK");
    const items = await itemsOf(h, payout?.id as string);
    expect(items.reduce((sum, item) => sum + item.net, 0)).toBe(payout?.amount);
    const finance = await h.as("finance@masterchannel.test");
    const detail = await finance.caller.payouts.detail({ payoutId: payout?.id as string });
    expect(detail.reconciliation.unexplainedDifference).toBe(0);
    expect(detail.reconciliation.balanced).toBe(true);
  });
});
