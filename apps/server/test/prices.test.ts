/**
 * Price books: a draft is saved (guarded by its revision), published now or at a scheduled time,
 * rolled back by publishing a copy, and never changed once published (the database refuses it).
 * Partner admins edit prices but never the revenue share; finance asks for a share change and
 * another staff member with the same right approves it; viewers read; another tenant sees nothing
 * of Northwave's.
 */
import { priceBookVersions } from "@pc/db";
import { messagesOf } from "@pc/db/testing";
import type { CurrencyCode } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffPriceVersions } from "../src/routers/prices/prices.diff.js";
import { auditMark, clientErrorFrom, codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let admin: Client;
let viewer: Client;
/** Finance asks for revenue share changes; the operator admin, a second person, approves them. */
let finance: Client;
let approver: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  finance = await h.as("finance@masterchannel.test");
  approver = await h.as("admin@masterchannel.test");
  for (const staff of [finance, approver]) await staff.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
});
afterAll(() => h.close());

// The demo seed gives every tenant NOK, EUR and USD books, so the tests below work in other
// currencies, each starting from an empty book.
const rowsOf = (currency: CurrencyCode, tenantId = h.tenantIds.northwave) =>
  h.db.db
    .select()
    .from(priceBookVersions)
    .where(and(eq(priceBookVersions.tenantId, tenantId), eq(priceBookVersions.currency, currency)))
    .orderBy(priceBookVersions.createdAt);

const bookOf = async (client: Client, currency: CurrencyCode) =>
  (await client.caller.prices.list()).find((book) => book.currency === currency);

/** Finance asks for a revenue share change and the operator admin approves it: the version it publishes. */
async function changeShare(currency: CurrencyCode, revenueShareBps: number) {
  const request = await finance.caller.prices.requestRevenueShare({ currency, revenueShareBps, reason: "Agreed with the partner" });
  return (await approver.caller.prices.approveRevenueShare({ requestId: request.id })).version;
}

/** Saves a fresh draft (none open) and publishes it now. */
async function publishNow(
  client: Client,
  currency: CurrencyCode,
  perTrack: number,
  bundles: { tracks: number; unitAmount: number }[] = [],
) {
  const draft = await client.caller.prices.saveDraft({ currency, perTrack: { unitAmount: perTrack }, bundles, taxBehavior: "inclusive" });
  return client.caller.prices.publish({ currency, expectedRevision: draft.revision });
}

describe("version lifecycle", () => {
  it("goes from draft to published to in effect, and a scheduled version takes over at its time", async () => {
    const draft = await admin.caller.prices.saveDraft({
      currency: "CZK",
      perTrack: { unitAmount: 14900 },
      bundles: [{ tracks: 5, unitAmount: 59900 }],
      taxBehavior: "inclusive",
      changeSummary: "Launch prices",
    });
    expect(draft).toMatchObject({ status: "draft", version: null, revision: 1, revenueShareBps: 2000, effectiveFrom: null });
    expect(await bookOf(admin, "CZK")).toMatchObject({ inEffect: null, scheduled: [], draft: { id: draft.id } });

    const v1 = await admin.caller.prices.publish({ currency: "CZK", expectedRevision: 1 });
    expect(v1).toMatchObject({ id: draft.id, status: "published", version: 1 });
    expect(await bookOf(admin, "CZK")).toMatchObject({ inEffect: { version: 1 }, scheduled: [], draft: null });

    const next = await admin.caller.prices.saveDraft({
      currency: "CZK",
      perTrack: { unitAmount: 16900 },
      bundles: [
        { tracks: 5, unitAmount: 64900 },
        { tracks: 10, unitAmount: 119900 },
      ],
      taxBehavior: "inclusive",
    });
    const at = new Date(Date.now() + 1200);
    const v2 = await admin.caller.prices.publish({ currency: "CZK", expectedRevision: next.revision, effectiveFrom: at });
    expect(v2).toMatchObject({ version: 2, effectiveFrom: at });
    const before = await bookOf(viewer, "CZK");
    expect(before?.inEffect?.version).toBe(1);
    expect(before?.scheduled.map((v) => v.version)).toEqual([2]);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await bookOf(viewer, "CZK");
    expect(after?.inEffect?.version).toBe(2);
    expect(after?.scheduled).toEqual([]);

    const history = await viewer.caller.prices.history({ currency: "CZK" });
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]?.publishedBy).toEqual({ name: expect.any(String), email: "admin@northwave.test" });
    expect(history[0]?.changes).toEqual([
      { field: "perTrack.unitAmount", before: 14900, after: 16900 },
      { field: "bundles.5", before: 59900, after: 64900 },
      { field: "bundles.10", before: null, after: 119900 },
    ]);
    expect(history[1]?.changes.map((c) => c.field)).toEqual(["perTrack.unitAmount", "bundles.5", "taxBehavior", "revenueShareBps"]);
  });

  it("discards a draft, checking its revision", async () => {
    const draft = await admin.caller.prices.saveDraft({
      currency: "CHF",
      perTrack: { unitAmount: 1500 },
      bundles: [],
      taxBehavior: "exclusive",
    });
    expect(await codeOf(admin.caller.prices.discardDraft({ currency: "CHF", expectedRevision: draft.revision + 1 }))).toBe("CONFLICT");
    await admin.caller.prices.discardDraft({ currency: "CHF", expectedRevision: draft.revision });
    expect(await rowsOf("CHF")).toEqual([]);
    expect(await codeOf(admin.caller.prices.publish({ currency: "CHF", expectedRevision: 1 }))).toBe("NOT_FOUND");
  });
});

describe("concurrency", () => {
  it("refuses the second save of a draft opened at the same revision, and changes nothing", async () => {
    const other = await h.as("admin@northwave.test");
    const opened = await admin.caller.prices.saveDraft({
      currency: "JPY",
      perTrack: { unitAmount: 1290 },
      bundles: [],
      taxBehavior: "inclusive",
    });
    // Both editors opened revision 1; the first save wins.
    const first = await admin.caller.prices.saveDraft({
      currency: "JPY",
      perTrack: { unitAmount: 1390 },
      bundles: [],
      taxBehavior: "inclusive",
      expectedRevision: opened.revision,
    });
    expect(first.revision).toBe(2);
    const refused = await clientErrorFrom(
      other.caller.prices.saveDraft({
        currency: "JPY",
        perTrack: { unitAmount: 990 },
        bundles: [],
        taxBehavior: "exclusive",
        expectedRevision: 1,
      }),
    );
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: "Someone else saved this draft since you opened it; reload to see their changes",
    });
    // Without a revision, a save cannot overwrite a draft someone else has open either.
    expect(
      await codeOf(
        other.caller.prices.saveDraft({ currency: "JPY", perTrack: { unitAmount: 990 }, bundles: [], taxBehavior: "exclusive" }),
      ),
    ).toBe("CONFLICT");
    const rows = await rowsOf("JPY");
    expect(rows.map((r) => [r.status, r.revision, r.perTrackAmount, r.taxBehavior])).toEqual([["draft", 2, 1390, "inclusive"]]);
  });

  it("publishes a draft once when two people publish it at the same moment", async () => {
    const other = await h.as("admin@northwave.test");
    const draft = await admin.caller.prices.saveDraft({
      currency: "HUF",
      perTrack: { unitAmount: 299900 },
      bundles: [],
      taxBehavior: "exclusive",
    });
    const outcomes = await Promise.all([
      codeOf(admin.caller.prices.publish({ currency: "HUF", expectedRevision: draft.revision })),
      codeOf(other.caller.prices.publish({ currency: "HUF", expectedRevision: draft.revision })),
    ]);
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "OK")[0]).toMatch(/^(NOT_FOUND|CONFLICT)$/);
    const rows = await rowsOf("HUF");
    expect(rows.map((r) => [r.status, r.version])).toEqual([["published", 1]]);
  });

  it("numbers versions without gaps or duplicates when different changes publish at once", async () => {
    await publishNow(admin, "PLN", 2500);
    // Finance asked for a share change beforehand; its approval publishes alongside the others.
    const request = await finance.caller.prices.requestRevenueShare({ currency: "PLN", revenueShareBps: 1800, reason: "Volume deal" });
    const draft = await admin.caller.prices.saveDraft({
      currency: "PLN",
      perTrack: { unitAmount: 2900 },
      bundles: [],
      taxBehavior: "inclusive",
    });
    const outcomes = await Promise.all([
      codeOf(admin.caller.prices.publish({ currency: "PLN", expectedRevision: draft.revision })),
      codeOf(approver.caller.prices.approveRevenueShare({ requestId: request.id })),
      codeOf(admin.caller.prices.rollback({ currency: "PLN", version: 1 })),
    ]);
    expect(outcomes).toEqual(["OK", "OK", "OK"]);
    const rows = await rowsOf("PLN");
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    // Effective times follow the order the changes committed in, so the last one is in effect.
    const byVersion = [...rows].sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    const times = byVersion.map((row) => row.effectiveFrom?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await bookOf(admin, "PLN"))?.inEffect?.version).toBe(4);
  });
});

describe("rollback", () => {
  it("publishes version n+1 equal to the old one, effective now, leaving history as it was", async () => {
    await publishNow(admin, "GBP", 1200, [{ tracks: 3, unitAmount: 3000 }]);
    await publishNow(admin, "GBP", 1500, [{ tracks: 4, unitAmount: 4500 }]);
    const before = await rowsOf("GBP");
    const v3 = await admin.caller.prices.rollback({ currency: "GBP", version: 1 });
    expect(v3).toMatchObject({
      version: 3,
      basedOnVersion: 1,
      perTrack: { unitAmount: 1200 },
      bundles: [{ tracks: 3, unitAmount: 3000 }],
      taxBehavior: "inclusive",
    });
    expect((await bookOf(admin, "GBP"))?.inEffect?.version).toBe(3);
    const after = await rowsOf("GBP");
    expect(after.slice(0, 2)).toEqual(before);
    expect(await codeOf(admin.caller.prices.rollback({ currency: "GBP", version: 9 }))).toBe("NOT_FOUND");
  });
});

describe("published versions are immutable in the database", () => {
  it("refuses UPDATE and DELETE of a published row, even as the owner with raw SQL", async () => {
    const [row] = await rowsOf("GBP");
    if (!row) throw new Error("no GBP version");
    const update = await errorOf(
      h.db.db.execute(sql`update price_book_versions set per_track_amount = 1 where tenant_id = ${row.tenantId} and id = ${row.id}`),
    ).catch((error: unknown) => error);
    expect(messagesOf(update)).toContain("published price versions never change");
    const remove = await Promise.resolve(
      h.db.db.execute(sql`delete from price_book_versions where tenant_id = ${row.tenantId} and id = ${row.id}`),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(messagesOf(remove)).toContain("published price versions never change");
    const [still] = await h.db.db.select().from(priceBookVersions).where(eq(priceBookVersions.id, row.id));
    expect(still).toEqual(row);
  });
});

describe("bad input", () => {
  const valid = { currency: "SEK" as const, perTrack: { unitAmount: 12900 }, bundles: [], taxBehavior: "inclusive" as const };

  it.each([
    ["an amount below the currency minimum", { perTrack: { unitAmount: 299 } }, "perTrack", /below the SEK minimum of 3.00/],
    ["a fraction of a minor unit", { perTrack: { unitAmount: 12900.5 } }, "perTrack", /whole number of minor units/],
    ["a bundle below the minimum", { bundles: [{ tracks: 2, unitAmount: 100 }] }, "bundles", /Bundle of 2 tracks: .*minimum/],
    [
      "two bundles of the same size",
      {
        bundles: [
          { tracks: 5, unitAmount: 50000 },
          { tracks: 5, unitAmount: 45000 },
        ],
      },
      "bundles",
      /Two bundles of 5 tracks/,
    ],
    ["a one-track bundle", { bundles: [{ tracks: 1, unitAmount: 50000 }] }, "bundles", /2 to 100 tracks/],
    [
      "eleven bundles",
      { bundles: Array.from({ length: 11 }, (_, i) => ({ tracks: i + 2, unitAmount: 50000 })) },
      "bundles",
      /At most 10 bundles/,
    ],
    ["an unknown currency", { currency: "XXX" }, "currency", /Currency must be one of/],
    ["an unknown tax behaviour", { taxBehavior: "included" }, "taxBehavior", /inclusive/],
    ["a NUL in the change summary (PostgreSQL cannot store it)", { changeSummary: "New\u0000" }, "changeSummary", /NUL/],
  ])("refuses %s naming the field, and saves nothing", async (_name, change, field, message) => {
    const error = await clientErrorFrom(admin.caller.prices.saveDraft({ ...valid, ...change } as never));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await rowsOf("SEK")).toEqual([]);
  });

  it("refuses an effective-from in the past or over a year ahead, and publishes nothing", async () => {
    const draft = await admin.caller.prices.saveDraft(valid);
    for (const effectiveFrom of [new Date(Date.now() - 60_000), new Date(Date.now() + 400 * 24 * 3600 * 1000)]) {
      const error = await clientErrorFrom(
        admin.caller.prices.publish({ currency: "SEK", expectedRevision: draft.revision, effectiveFrom }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.effectiveFrom?.[0]).toMatch(/future|a year ahead/);
    }
    expect((await rowsOf("SEK")).map((r) => r.status)).toEqual(["draft"]);
    for (const revenueShareBps of [-1, 10_001, 12.5]) {
      const error = await clientErrorFrom(
        finance.caller.prices.requestRevenueShare({ currency: "NOK", revenueShareBps, reason: "Testing the limits" }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.revenueShareBps?.[0]).toMatch(/basis points/);
    }
    // Nothing was asked for.
    expect((await approver.caller.prices.revenueShareRequests()).filter((request) => request.currency === "NOK")).toEqual([]);
  });
});

describe("margin preview", () => {
  it("splits every price exactly into platform fee and partner share", async () => {
    const draft = await admin.caller.prices.saveDraft({
      currency: "DKK",
      perTrack: { unitAmount: 9995 },
      bundles: [
        { tracks: 3, unitAmount: 25_005 },
        { tracks: 7, unitAmount: 55_555 },
      ],
      taxBehavior: "exclusive",
    });
    const prices = [draft.perTrack, ...draft.bundles];
    for (const price of prices) {
      expect(price.margin.gross).toBe(price.unitAmount);
      expect(price.margin.platformFee + price.margin.partnerShare).toBe(price.unitAmount);
    }
    // 20 % of 99.95 is 19.99; of 250.05 is 50.01 (half-up from 50.010).
    expect(draft.perTrack.margin).toMatchObject({ platformFee: 1999, partnerShare: 7996, currency: "DKK" });
    expect(draft.bundles[0]?.margin).toMatchObject({ platformFee: 5001, partnerShare: 20_004 });
    expect(draft.perTrack.margin.estimatedStripeFee).toBeGreaterThan(0);
  });
});

describe("audit trail", () => {
  it("writes one event with before and after for each step", async () => {
    const mark = await auditMark(h);
    const draft = await admin.caller.prices.saveDraft({
      currency: "CAD",
      perTrack: { unitAmount: 1999 },
      bundles: [],
      taxBehavior: "exclusive",
    });
    const saved = await admin.caller.prices.saveDraft({
      currency: "CAD",
      perTrack: { unitAmount: 2199 },
      bundles: [],
      taxBehavior: "exclusive",
      expectedRevision: draft.revision,
    });
    await admin.caller.prices.publish({ currency: "CAD", expectedRevision: saved.revision });
    await admin.caller.prices.rollback({ currency: "CAD", version: 1 });
    const events = await mark.events();
    expect(events.map((e) => e.action)).toEqual(["prices.save_draft", "prices.save_draft", "prices.publish", "prices.rollback"]);
    expect(events.every((e) => e.tenantId === h.tenantIds.northwave && e.actorLabel === "admin@northwave.test")).toBe(true);
    expect(events[0]?.before).toBeNull();
    expect(events[1]).toMatchObject({ before: { perTrackAmount: 1999, revision: 1 }, after: { perTrackAmount: 2199, revision: 2 } });
    expect(events[2]).toMatchObject({ before: null, after: { status: "published", version: 1 } });
    expect(events[3]).toMatchObject({ before: { version: 1 }, after: { version: 2, basedOnVersion: 1 } });
    // A refused step writes nothing.
    const refusedMark = await auditMark(h);
    await codeOf(admin.caller.prices.publish({ currency: "CAD", expectedRevision: 1 }));
    expect(await refusedMark.events()).toEqual([]);
  });
});

describe("permissions", () => {
  it("lets finance change the revenue share with a second person's approval, never a partner admin, and keeps it through a rollback", async () => {
    await publishNow(admin, "AUD", 1990);
    expect(
      await codeOf(admin.caller.prices.requestRevenueShare({ currency: "AUD", revenueShareBps: 0, reason: "We keep it all now" })),
    ).toBe("FORBIDDEN");
    const v2 = await changeShare("AUD", 1500);
    expect(v2).toMatchObject({ version: 2, revenueShareBps: 1500, perTrack: { unitAmount: 1990, margin: { platformFee: 299 } } });
    // Finance may not edit prices; a partner admin rolling back to version 1 keeps finance's share.
    expect(
      await codeOf(
        finance.caller.prices.saveDraft({ currency: "AUD", perTrack: { unitAmount: 990 }, bundles: [], taxBehavior: "inclusive" }),
      ),
    ).toBe("FORBIDDEN");
    const v3 = await admin.caller.prices.rollback({ currency: "AUD", version: 1 });
    expect(v3).toMatchObject({ version: 3, revenueShareBps: 1500 });
    const draft = await admin.caller.prices.saveDraft({
      currency: "AUD",
      perTrack: { unitAmount: 2490 },
      bundles: [],
      taxBehavior: "inclusive",
    });
    expect(draft.revenueShareBps).toBe(1500);
    expect(Object.keys(draft)).not.toContain("tenantId");
  });

  it("lets a viewer read but not change anything", async () => {
    expect((await viewer.caller.prices.list()).length).toBeGreaterThan(0);
    expect((await viewer.caller.prices.history({ currency: "NOK" })).length).toBeGreaterThan(0);
    const attempts = [
      () => viewer.caller.prices.saveDraft({ currency: "NOK", perTrack: { unitAmount: 100000 }, bundles: [], taxBehavior: "inclusive" }),
      () => viewer.caller.prices.discardDraft({ currency: "NOK", expectedRevision: 1 }),
      () => viewer.caller.prices.publish({ currency: "NOK", expectedRevision: 1 }),
      () => viewer.caller.prices.rollback({ currency: "NOK", version: 1 }),
      () => viewer.caller.prices.requestRevenueShare({ currency: "NOK", revenueShareBps: 0, reason: "We keep it all now" }),
    ];
    for (const attempt of attempts) expect(await codeOf(attempt())).toBe("FORBIDDEN");
  });

  it("shows another tenant's admin none of Northwave's prices", async () => {
    const other = await h.as("admin@fjordsound.test");
    // Fjordsound sees its own seeded books only, none of the currencies Northwave added above.
    const theirs = await other.caller.prices.list();
    expect(theirs.map((book) => book.currency)).toEqual(["NOK", "EUR", "USD"]);
    const northwaveIds = (
      await h.db.db
        .select({ id: priceBookVersions.id })
        .from(priceBookVersions)
        .where(eq(priceBookVersions.tenantId, h.tenantIds.northwave))
    ).map((row) => row.id);
    const text = JSON.stringify(theirs);
    for (const id of northwaveIds) expect(text).not.toContain(id);
    expect(await other.caller.prices.history({ currency: "GBP" })).toEqual([]);
    // Its own GBP book starts at version 1, untouched by Northwave's GBP versions.
    const v1 = await publishNow(other, "GBP", 990);
    expect(v1.version).toBe(1);
    expect((await other.caller.prices.list()).map((book) => book.currency)).toEqual(["NOK", "EUR", "USD", "GBP"]);
    expect(await codeOf(other.caller.prices.rollback({ currency: "GBP", version: 2 }))).toBe("NOT_FOUND");
    expect((await rowsOf("GBP")).every((row) => row.tenantId === h.tenantIds.northwave)).toBe(true);
  });
});

describe("diffPriceVersions", () => {
  const base = { perTrackAmount: 100, bundles: [{ tracks: 3, unitAmount: 250 }], taxBehavior: "inclusive", revenueShareBps: 2000 };
  it("lists only what changed, bundles by size regardless of order", () => {
    expect(diffPriceVersions(base, base)).toEqual([]);
    expect(
      diffPriceVersions(base, {
        ...base,
        bundles: [
          { tracks: 5, unitAmount: 400 },
          { tracks: 3, unitAmount: 250 },
        ],
        taxBehavior: "exclusive",
      }),
    ).toEqual([
      { field: "bundles.5", before: null, after: 400 },
      { field: "taxBehavior", before: "inclusive", after: "exclusive" },
    ]);
    expect(diffPriceVersions(base, { ...base, bundles: [] })).toEqual([{ field: "bundles.3", before: 250, after: null }]);
  });
});
