/**
 * Finance's review and the partner's earnings: payouts across tenants (filters, sorting, keyset
 * pages, totals per currency, failed first with what the code means), a payout's reconciliation
 * (balanced, and flagged when Stripe paid out something the books cannot explain), holds, the CSV
 * exports, and a partner seeing only its own tenant's money.
 */
import { auditEvents, payouts } from "@pc/db";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";
import { buy, onboard, paymentsApp, payoutsOf } from "./payments-fixtures.js";

const DAY = 86_400_000;
let h: Harness;
let app: FastifyInstance;
let finance: Client;
let northwaveAccount: string;

beforeAll(async () => {
  h = await createHarness();
  app = await paymentsApp(h);
  northwaveAccount = await onboard(h, h.tenantIds.northwave);
  await onboard(h, h.tenantIds.fjordsound);
  await buy(h, app, { tracks: 2, currency: "NOK" });
  await buy(h, app, { tracks: 1, currency: "EUR" });
  await buy(h, app, { tracks: 1, currency: "NOK" }, "pk_demo_fjordsound");
  // Northwave's first payouts fail: its bank account was closed.
  h.simulator.failNextPayouts(northwaveAccount, "account_closed");
  await h.simulator.advanceTo(Date.now() + 12 * DAY);
  h.simulator.failNextPayouts(northwaveAccount, null);
  await buy(h, app, { tracks: 3, currency: "NOK" });
  await h.simulator.advanceTo(Date.now() + 24 * DAY);
  await h.simulator.flushWebhooks();
  finance = await h.as("finance@masterchannel.test");
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe("payouts.list", () => {
  it("lists every tenant's payouts with totals per currency, never across currencies", async () => {
    const page = await finance.caller.payouts.list({});
    const tenants = new Set(page.items.map((item) => item.tenant.slug));
    expect(tenants).toEqual(new Set(["northwave", "fjordsound"]));
    const currencies = page.totals.map((total) => total.currency).sort();
    expect(currencies).toEqual([...new Set(page.items.map((item) => item.currency))].sort());
    for (const total of page.totals) {
      const mine = page.items.filter((item) => item.currency === total.currency);
      expect(total.count).toBe(mine.length);
      expect(total.total).toBe(mine.reduce((sum, item) => sum + item.amount, 0));
      expect(total.failed).toBe(mine.filter((item) => item.status === "failed").reduce((sum, item) => sum + item.amount, 0));
    }
  });

  it("shows failed payouts first with the code, its meaning and what to do", async () => {
    const page = await finance.caller.payouts.list({});
    expect(page.failed.length).toBeGreaterThan(0);
    const failed = page.failed[0];
    expect(failed?.tenant.slug).toBe("northwave");
    expect(failed?.failure?.code).toBe("account_closed");
    expect(failed?.failure?.meaning.en).toMatch(/closed/i);
    expect(failed?.failure?.action.en.length).toBeGreaterThan(10);
  });

  it("filters by tenant, status, currency and amount, and refuses an amount filter without a currency", async () => {
    const fjordsound = await finance.caller.payouts.list({ filters: { tenantId: h.tenantIds.fjordsound } });
    expect(fjordsound.items.length).toBeGreaterThan(0);
    expect(fjordsound.items.every((item) => item.tenant.slug === "fjordsound")).toBe(true);
    const paidNok = await finance.caller.payouts.list({ filters: { status: ["paid"], currency: "NOK" } });
    expect(paidNok.items.every((item) => item.status === "paid" && item.currency === "NOK")).toBe(true);
    const all = await finance.caller.payouts.list({ filters: { currency: "NOK" } });
    const smallest = Math.min(...all.items.map((item) => item.amount));
    const over = await finance.caller.payouts.list({ filters: { currency: "NOK", minAmount: smallest + 1 } });
    expect(over.items.every((item) => item.amount > smallest)).toBe(true);
    expect(over.items.length).toBe(all.items.filter((item) => item.amount > smallest).length);
    expect(await codeOf(finance.caller.payouts.list({ filters: { minAmount: 100 } }))).toBe("BAD_REQUEST");
  });

  it("pages with a cursor in any sort order without skipping or repeating a payout", async () => {
    for (const sort of ["created_desc", "amount_asc", "arrival_desc"] as const) {
      const whole = await finance.caller.payouts.list({ sort, limit: 200 });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof finance.caller.payouts.list>> = await finance.caller.payouts.list({ sort, limit: 2, cursor });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(whole.items.map((item) => item.id));
    }
    expect(await codeOf(finance.caller.payouts.list({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });
});

describe("payouts.detail", () => {
  it("reconciles a paid payout to the cent", async () => {
    const paid = (await payoutsOf(h, h.tenantIds.northwave)).find((row) => row.status === "paid");
    expect(paid).toBeDefined();
    const detail = await finance.caller.payouts.detail({ payoutId: paid?.id as string });
    expect(detail.reconciliation.balanced).toBe(true);
    expect(detail.reconciliation.unexplainedDifference).toBe(0);
    expect(detail.reconciliation.explainedTotal).toBe(paid?.amount);
    expect(detail.items.length).toBeGreaterThan(0);
  });

  it("counts a failed payout's returned funds in the next payout", async () => {
    const rows = await payoutsOf(h, h.tenantIds.northwave);
    const failed = rows.find((row) => row.status === "failed");
    const later = rows.filter((row) => row.status === "paid" && failed && row.stripeCreatedAt > failed.stripeCreatedAt);
    const details = await Promise.all(later.map((row) => finance.caller.payouts.detail({ payoutId: row.id })));
    const returned = details.find((detail) =>
      detail.reconciliation.lines.some((line) => line.kind === "returned_payouts" && line.count > 0),
    );
    expect(returned?.reconciliation.balanced).toBe(true);
  });

  it("flags an unexplained difference when Stripe pays out something the books cannot explain", async () => {
    h.simulator.addAdjustment(northwaveAccount, 1_234, "nok", "Manual adjustment nobody told us about");
    await buy(h, app, { tracks: 1, currency: "NOK" });
    await h.simulator.advanceTo(Date.now() + 36 * DAY);
    await h.simulator.flushWebhooks();
    const rows = await payoutsOf(h, h.tenantIds.northwave);
    const details = await Promise.all(rows.map((row) => finance.caller.payouts.detail({ payoutId: row.id })));
    const flagged = details.find((detail) => !detail.reconciliation.balanced);
    expect(flagged?.reconciliation.unexplainedDifference).toBe(1_234);
    expect(flagged?.reconciliation.mismatches.map((m) => m.reason)).toContain("unmatched");
  });

  it("answers NOT_FOUND for an unknown payout", async () => {
    expect(await codeOf(finance.caller.payouts.detail({ payoutId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
  });
});

describe("holds", () => {
  it("holds a partner's payouts (manual schedule at Stripe), audited with the reason, and releases them", async () => {
    const held = await finance.caller.payouts.hold({ tenantId: h.tenantIds.fjordsound, reason: "Unusual refund rate this week" });
    expect(held.held).toBe(true);
    const accounts = await finance.caller.payouts.accounts();
    const fjordsound = accounts.find((row) => row.tenant.slug === "fjordsound");
    expect(fjordsound?.hold?.reason).toBe("Unusual refund rate this week");
    const atStripe = await h.stripe.stripe.accounts.retrieve(fjordsound?.stripeAccountId as string);
    expect(atStripe.settings?.payouts?.schedule?.interval).toBe("manual");
    expect(await codeOf(finance.caller.payouts.hold({ tenantId: h.tenantIds.fjordsound, reason: "Again please" }))).toBe(
      "PRECONDITION_FAILED",
    );
    // No automatic payout while held.
    const before = (await payoutsOf(h, h.tenantIds.fjordsound)).length;
    await buy(h, app, { tracks: 1, currency: "NOK" }, "pk_demo_fjordsound");
    await h.simulator.advanceTo(Date.now() + 48 * DAY);
    await h.simulator.flushWebhooks();
    expect((await payoutsOf(h, h.tenantIds.fjordsound)).length).toBe(before);

    await finance.caller.payouts.release({ tenantId: h.tenantIds.fjordsound, reason: "Explained by the partner" });
    const released = await h.stripe.stripe.accounts.retrieve(fjordsound?.stripeAccountId as string);
    expect(released.settings?.payouts?.schedule?.interval).not.toBe("manual");
    const audit = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, h.tenantIds.fjordsound), eq(auditEvents.action, "payouts.hold")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).toContain("Unusual refund rate this week");
  });

  it("refuses a hold without a reason", async () => {
    expect(await codeOf(finance.caller.payouts.hold({ tenantId: h.tenantIds.northwave, reason: " " }))).toBe("BAD_REQUEST");
  });
});

describe("a partner's earnings", () => {
  it("shows the tenant's own sales, payouts and balances, none of another tenant's", async () => {
    const fjordsound = await h.as("admin@fjordsound.test");
    const northwave = await h.as("viewer@northwave.test");
    const theirs = await fjordsound.caller.earnings.sales({ limit: 200 });
    const ours = await northwave.caller.earnings.sales({ limit: 200 });
    const ourIds = new Set(ours.items.map((sale) => sale.id));
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.some((sale) => ourIds.has(sale.id))).toBe(false);
    const theirPayouts = await fjordsound.caller.earnings.payouts({ limit: 200 });
    const fjordsoundRows = await h.db.db.select({ id: payouts.id }).from(payouts).where(eq(payouts.tenantId, h.tenantIds.fjordsound));
    expect(theirPayouts.items.map((p) => p.id).sort()).toEqual(fjordsoundRows.map((row) => row.id).sort());
    const summary = await northwave.caller.earnings.summary();
    expect(summary.account.state).toBe("active");
    expect(summary.months.length).toBeGreaterThan(0);
    for (const month of summary.months) expect(month.platformFee + month.partnerShare).toBe(month.gross);
  });

  it("shows each sale's split: gross = platform fee + partner share, and Stripe's fee", async () => {
    const admin = await h.as("admin@northwave.test");
    const { items } = await admin.caller.earnings.sales({ limit: 50 });
    for (const sale of items) {
      expect(sale.platformFee + sale.partnerShare).toBe(sale.gross);
      expect(sale.stripeFee).toBeGreaterThan(0);
    }
  });

  it("lets only a partner admin start onboarding", async () => {
    const viewer = await h.as("viewer@beatlab.test");
    expect(await codeOf(viewer.caller.earnings.startOnboarding({}))).toBe("FORBIDDEN");
    const admin = await h.as("admin@beatlab.test");
    const before = await admin.caller.earnings.account();
    expect(before.connected).toBe(false);
    const link = await admin.caller.earnings.startOnboarding({});
    expect(link.url).toMatch(/\/hosted\/onboarding\//);
    expect((await admin.caller.earnings.account()).state).toBe("onboarding_incomplete");
  });
});

describe("exports", () => {
  async function exportAs(client: Client | null, path: string) {
    return app.inject({ method: "GET", url: path, headers: client?.token ? { cookie: `pc_session=${client.token}` } : {} });
  }

  it("streams payouts as CSV with the filters, and the Norwegian variant with semicolons, decimal commas and a BOM", async () => {
    const standard = await exportAs(finance, "/api/exports/payouts.csv?currency=NOK");
    expect(standard.statusCode).toBe(200);
    expect(standard.headers["content-type"]).toMatch(/text\/csv/);
    const lines = standard.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "payout_id,tenant,tenant_slug,created_at,arrival_date,currency,amount,status,automatic,failure_code,failure_message",
    );
    const nok = await finance.caller.payouts.list({ filters: { currency: "NOK" }, limit: 200 });
    expect(lines).toHaveLength(nok.items.length + 1);
    expect(lines.slice(1).every((line) => line.includes(",NOK,"))).toBe(true);
    const nb = await exportAs(finance, "/api/exports/payouts.csv?currency=NOK&variant=nb");
    expect(nb.body.startsWith("\uFEFF")).toBe(true);
    const first = nb.body.replace("\uFEFF", "").split("\r\n")[1] ?? "";
    expect(first.split(";")[6]).toMatch(/^\d+,\d{2}$/);
    const audit = await h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "payouts.export"));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect((audit[0]?.after as { rows?: number } | undefined)?.rows).toBe(nok.items.length);
  });

  it("streams sales with their split", async () => {
    const response = await exportAs(finance, `/api/exports/sales.csv?tenantId=${h.tenantIds.northwave}`);
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = response.body.trim().split("\r\n");
    expect(header?.split(",")).toContain("partner_share");
    expect(rows.length).toBeGreaterThan(0);
  });

  it("refuses partners and strangers, and names a bad filter", async () => {
    expect((await exportAs(null, "/api/exports/payouts.csv")).statusCode).toBe(401);
    expect((await exportAs(await h.as("admin@northwave.test"), "/api/exports/sales.csv")).statusCode).toBe(403);
    const bad = await exportAs(finance, "/api/exports/payouts.csv?status=lost");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/status/);
  });
});
