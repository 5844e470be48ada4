/**
 * Revenue share changes take two people: one with prices.set_revenue_share asks (with a reason),
 * another with the same right approves, which publishes a new version, or rejects with a note. The
 * one who asked may withdraw, never approve or reject. One open request per tenant and currency; a
 * decided request stays decided; partners never see or touch requests; a request belongs to its
 * tenant only; every step is audited.
 */
import { priceBookVersions, revenueShareRequests } from "@pc/db";
import type { CurrencyCode } from "@pc/shared";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, clientErrorFrom, codeOf, errorOf, userIdOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
/** Partner admin of Northwave: publishes the prices the share applies to. */
let partnerAdmin: Client;
let viewer: Client;
/** Two different staff members with prices.set_revenue_share, both acting on Northwave. */
let finance: Client;
let operator: Client;
let financeId: string;
let operatorId: string;

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
const REASON = "Agreed in the quarterly review";

beforeAll(async () => {
  h = await createHarness();
  partnerAdmin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  finance = await h.as("finance@masterchannel.test");
  operator = await h.as("admin@masterchannel.test");
  for (const staff of [finance, operator]) await staff.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
  financeId = await userIdOf(h, "finance@masterchannel.test");
  operatorId = await userIdOf(h, "admin@masterchannel.test");
});
afterAll(() => h.close());

/** Northwave's first prices in a currency the seed left empty, in effect now with the default 20 % share. */
async function publishPrices(currency: CurrencyCode, perTrack = 14900) {
  const draft = await partnerAdmin.caller.prices.saveDraft({
    currency,
    perTrack: { unitAmount: perTrack },
    bundles: [],
    taxBehavior: "inclusive",
  });
  const published = await partnerAdmin.caller.prices.publish({ currency, expectedRevision: draft.revision });
  expect(published).toMatchObject({ version: 1, revenueShareBps: 2000 });
  return published;
}

const versionsOf = (currency: CurrencyCode) =>
  h.db.db
    .select({ version: priceBookVersions.version, status: priceBookVersions.status, revenueShareBps: priceBookVersions.revenueShareBps })
    .from(priceBookVersions)
    .where(and(eq(priceBookVersions.tenantId, h.tenantIds.northwave), eq(priceBookVersions.currency, currency)))
    .orderBy(priceBookVersions.version);

const requestRow = async (id: string) => {
  const [row] = await h.db.db.select().from(revenueShareRequests).where(eq(revenueShareRequests.id, id));
  if (!row) throw new Error(`no revenue share request ${id}`);
  return row;
};

const bookOf = async (currency: CurrencyCode) => (await viewer.caller.prices.list()).find((book) => book.currency === currency);

describe("approval by a second person", () => {
  it("publishes a version with the new share when another person approves, and marks the request approved with it", async () => {
    await publishPrices("SEK");
    const asked = await finance.caller.prices.requestRevenueShare({ currency: "SEK", revenueShareBps: 1500, reason: REASON });
    expect(asked).toMatchObject({
      currency: "SEK",
      revenueShareBps: 1500,
      effectiveFrom: null,
      reason: REASON,
      status: "pending",
      requestedBy: { id: financeId },
      decidedBy: null,
      appliedVersion: null,
    });
    // Asking publishes nothing.
    expect(await versionsOf("SEK")).toEqual([{ version: 1, status: "published", revenueShareBps: 2000 }]);
    const listed = (await operator.caller.prices.revenueShareRequests()).find((request) => request.id === asked.id);
    expect(listed).toMatchObject({
      status: "pending",
      requestedBy: { id: financeId, name: expect.any(String) },
      requestedAt: expect.any(Date),
    });

    const approved = await operator.caller.prices.approveRevenueShare({ requestId: asked.id, note: "Matches the contract" });
    expect(approved.version).toMatchObject({ version: 2, revenueShareBps: 1500, perTrack: { unitAmount: 14900 } });
    expect(approved.request).toMatchObject({
      id: asked.id,
      status: "approved",
      appliedVersion: 2,
      decidedBy: { id: operatorId },
      decisionNote: "Matches the contract",
    });
    expect((await bookOf("SEK"))?.inEffect).toMatchObject({ version: 2, revenueShareBps: 1500 });
    expect(await requestRow(asked.id)).toMatchObject({
      status: "approved",
      appliedVersion: 2,
      decidedBy: operatorId,
      decidedAt: expect.any(Date),
    });
    const after = (await finance.caller.prices.revenueShareRequests()).find((request) => request.id === asked.id);
    expect(after).toMatchObject({ status: "approved", appliedVersion: 2, decidedBy: { id: operatorId, name: expect.any(String) } });
  });

  it("lets the person who asked neither approve nor reject, and only that person withdraw", async () => {
    await publishPrices("DKK");
    const asked = await finance.caller.prices.requestRevenueShare({ currency: "DKK", revenueShareBps: 1000, reason: REASON });
    const ownApproval = await errorOf(finance.caller.prices.approveRevenueShare({ requestId: asked.id }));
    expect(ownApproval.code).toBe("FORBIDDEN");
    expect(ownApproval.message).toMatch(/Someone other than the person who asked/);
    expect(await codeOf(finance.caller.prices.rejectRevenueShare({ requestId: asked.id, note: "Changed my mind" }))).toBe("FORBIDDEN");
    expect(await codeOf(operator.caller.prices.withdrawRevenueShare({ requestId: asked.id }))).toBe("FORBIDDEN");
    expect(await requestRow(asked.id)).toMatchObject({ status: "pending", decidedBy: null });
    expect(await versionsOf("DKK")).toHaveLength(1);

    const withdrawn = await finance.caller.prices.withdrawRevenueShare({ requestId: asked.id });
    expect(withdrawn).toMatchObject({ id: asked.id, status: "withdrawn", decidedBy: { id: financeId }, appliedVersion: null });
    expect(await versionsOf("DKK")).toEqual([{ version: 1, status: "published", revenueShareBps: 2000 }]);
    // A withdrawn request no longer holds the currency: the operator may ask, and finance approve.
    const again = await operator.caller.prices.requestRevenueShare({ currency: "DKK", revenueShareBps: 1000, reason: REASON });
    const approved = await finance.caller.prices.approveRevenueShare({ requestId: again.id });
    expect(approved.version).toMatchObject({ version: 2, revenueShareBps: 1000 });
  });

  it("publishes a scheduled version when a request with a start time is approved", async () => {
    await publishPrices("CZK");
    const at = inDays(10);
    const asked = await finance.caller.prices.requestRevenueShare({
      currency: "CZK",
      revenueShareBps: 2500,
      effectiveFrom: at,
      reason: REASON,
    });
    expect(asked.effectiveFrom).toEqual(at);
    const approved = await operator.caller.prices.approveRevenueShare({ requestId: asked.id });
    expect(approved.version).toMatchObject({ version: 2, revenueShareBps: 2500, effectiveFrom: at });
    expect(approved.request).toMatchObject({ status: "approved", appliedVersion: 2 });
    const book = await bookOf("CZK");
    expect(book?.inEffect).toMatchObject({ version: 1, revenueShareBps: 2000 });
    expect(book?.scheduled.map((version) => [version.version, version.revenueShareBps, version.effectiveFrom])).toEqual([[2, 2500, at]]);
  });

  it("refuses to approve a request whose start time has passed, publishing nothing", async () => {
    await publishPrices("CHF");
    const asked = await finance.caller.prices.requestRevenueShare({
      currency: "CHF",
      revenueShareBps: 1200,
      effectiveFrom: new Date(Date.now() + 1000),
      reason: REASON,
    });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await codeOf(operator.caller.prices.approveRevenueShare({ requestId: asked.id }))).toBe("PRECONDITION_FAILED");
    expect(await requestRow(asked.id)).toMatchObject({ status: "pending" });
    expect(await versionsOf("CHF")).toHaveLength(1);
    // It can still be rejected, freeing the currency for a new request.
    await operator.caller.prices.rejectRevenueShare({ requestId: asked.id, note: "Too late, ask again" });
  });
});

describe("rules of a request", () => {
  it("allows one pending request per currency", async () => {
    await publishPrices("PLN");
    const first = await finance.caller.prices.requestRevenueShare({ currency: "PLN", revenueShareBps: 1800, reason: REASON });
    const second = await errorOf(operator.caller.prices.requestRevenueShare({ currency: "PLN", revenueShareBps: 1900, reason: REASON }));
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toMatch(/already waiting for approval/);
    const pending = await h.db.db
      .select({ id: revenueShareRequests.id })
      .from(revenueShareRequests)
      .where(
        and(
          eq(revenueShareRequests.tenantId, h.tenantIds.northwave),
          eq(revenueShareRequests.currency, "PLN"),
          eq(revenueShareRequests.status, "pending"),
        ),
      );
    expect(pending).toEqual([{ id: first.id }]);
    // Once decided, the currency is free again.
    await operator.caller.prices.rejectRevenueShare({ requestId: first.id, note: "Not this quarter" });
    expect(await codeOf(operator.caller.prices.requestRevenueShare({ currency: "PLN", revenueShareBps: 1900, reason: REASON }))).toBe("OK");
  });

  it("refuses to decide a request already decided", async () => {
    await publishPrices("GBP");
    const rejected = await finance.caller.prices.requestRevenueShare({ currency: "GBP", revenueShareBps: 1700, reason: REASON });
    await operator.caller.prices.rejectRevenueShare({ requestId: rejected.id, note: "Not agreed yet" });
    const again = [
      () => operator.caller.prices.approveRevenueShare({ requestId: rejected.id }),
      () => operator.caller.prices.rejectRevenueShare({ requestId: rejected.id, note: "Still not agreed" }),
      () => finance.caller.prices.withdrawRevenueShare({ requestId: rejected.id }),
    ];
    for (const attempt of again) expect(await codeOf(attempt())).toBe("PRECONDITION_FAILED");
    expect(await requestRow(rejected.id)).toMatchObject({ status: "rejected", decisionNote: "Not agreed yet" });

    const approvedOnce = await finance.caller.prices.requestRevenueShare({ currency: "GBP", revenueShareBps: 1700, reason: REASON });
    await operator.caller.prices.approveRevenueShare({ requestId: approvedOnce.id });
    const twice = await errorOf(operator.caller.prices.approveRevenueShare({ requestId: approvedOnce.id }));
    expect(twice.code).toBe("PRECONDITION_FAILED");
    expect(twice.message).toMatch(/already approved/);
    expect(await codeOf(operator.caller.prices.rejectRevenueShare({ requestId: approvedOnce.id, note: "Too late now" }))).toBe(
      "PRECONDITION_FAILED",
    );
    // Only the one approval published a version.
    expect(await versionsOf("GBP")).toEqual([
      { version: 1, status: "published", revenueShareBps: 2000 },
      { version: 2, status: "published", revenueShareBps: 1700 },
    ]);
  });

  it("needs a note to reject and a reason to ask, saving nothing without them", async () => {
    await publishPrices("AUD");
    for (const note of ["", "   ", "no"]) {
      const error = await clientErrorFrom(operator.caller.prices.rejectRevenueShare({ requestId: crypto.randomUUID(), note }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.note?.[0]).toMatch(/reason/);
    }
    const missing = await clientErrorFrom(finance.caller.prices.requestRevenueShare({ currency: "AUD", revenueShareBps: 1500 } as never));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.fieldErrors?.reason?.[0]).toMatch(/reason/);
    expect(await codeOf(finance.caller.prices.requestRevenueShare({ currency: "AUD", revenueShareBps: 1500, reason: " " }))).toBe(
      "BAD_REQUEST",
    );
    expect((await operator.caller.prices.revenueShareRequests()).filter((request) => request.currency === "AUD")).toEqual([]);

    const asked = await finance.caller.prices.requestRevenueShare({ currency: "AUD", revenueShareBps: 1500, reason: REASON });
    expect(await codeOf(operator.caller.prices.rejectRevenueShare({ requestId: asked.id, note: "" }))).toBe("BAD_REQUEST");
    expect(await requestRow(asked.id)).toMatchObject({ status: "pending" });
    await finance.caller.prices.withdrawRevenueShare({ requestId: asked.id });
  });
});

describe("who may", () => {
  it("refuses partner roles and staff without the right on all five procedures, changing nothing", async () => {
    await publishPrices("CAD");
    const asked = await finance.caller.prices.requestRevenueShare({ currency: "CAD", revenueShareBps: 1500, reason: REASON });
    const compliance = await h.as("compliance@masterchannel.test");
    await compliance.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
    for (const client of [partnerAdmin, viewer, compliance]) {
      const attempts = [
        () => client.caller.prices.revenueShareRequests(),
        () => client.caller.prices.requestRevenueShare({ currency: "CAD", revenueShareBps: 0, reason: "We keep it all now" }),
        () => client.caller.prices.approveRevenueShare({ requestId: asked.id }),
        () => client.caller.prices.rejectRevenueShare({ requestId: asked.id, note: "We do not agree" }),
        () => client.caller.prices.withdrawRevenueShare({ requestId: asked.id }),
      ];
      for (const attempt of attempts) expect(await codeOf(attempt())).toBe("FORBIDDEN");
    }
    expect(await requestRow(asked.id)).toMatchObject({ status: "pending", decidedBy: null });
    expect(await versionsOf("CAD")).toHaveLength(1);
    await finance.caller.prices.withdrawRevenueShare({ requestId: asked.id });
  });

  it("answers NOT_FOUND for another tenant's request when the session is on a different tenant", async () => {
    await publishPrices("HUF", 299_900);
    const asked = await finance.caller.prices.requestRevenueShare({ currency: "HUF", revenueShareBps: 1600, reason: REASON });
    // The same two people, in other sessions, acting on Fjordsound.
    const operatorElsewhere = await h.as("admin@masterchannel.test");
    const financeElsewhere = await h.as("finance@masterchannel.test");
    for (const staff of [operatorElsewhere, financeElsewhere]) await staff.caller.auth.switchTenant({ tenantId: h.tenantIds.fjordsound });
    expect(await codeOf(operatorElsewhere.caller.prices.approveRevenueShare({ requestId: asked.id }))).toBe("NOT_FOUND");
    expect(await codeOf(operatorElsewhere.caller.prices.rejectRevenueShare({ requestId: asked.id, note: "Not from here" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(financeElsewhere.caller.prices.withdrawRevenueShare({ requestId: asked.id }))).toBe("NOT_FOUND");
    const theirs = await operatorElsewhere.caller.prices.revenueShareRequests();
    expect(JSON.stringify(theirs)).not.toContain(asked.id);
    expect(theirs.filter((request) => request.currency === "HUF")).toEqual([]);
    expect(await requestRow(asked.id)).toMatchObject({ status: "pending", tenantId: h.tenantIds.northwave });
    expect((await bookOf("HUF"))?.inEffect).toMatchObject({ version: 1, revenueShareBps: 2000 });

    // From Northwave the same id is found and approved.
    const approved = await operator.caller.prices.approveRevenueShare({ requestId: asked.id });
    expect(approved.version).toMatchObject({ version: 2, revenueShareBps: 1600 });
  });
});

describe("audit trail", () => {
  it("records asking, approving, rejecting and withdrawing, and nothing for a refused step", async () => {
    const currency: CurrencyCode = "JPY";
    await publishPrices(currency, 1490);
    const mark = await auditMark(h);
    const toApprove = await finance.caller.prices.requestRevenueShare({ currency, revenueShareBps: 900, reason: REASON });
    await operator.caller.prices.approveRevenueShare({ requestId: toApprove.id, note: "Fine" });
    const toReject = await finance.caller.prices.requestRevenueShare({ currency, revenueShareBps: 800, reason: REASON });
    await operator.caller.prices.rejectRevenueShare({ requestId: toReject.id, note: "Too low for us" });
    const toWithdraw = await operator.caller.prices.requestRevenueShare({ currency, revenueShareBps: 700, reason: REASON });
    await operator.caller.prices.withdrawRevenueShare({ requestId: toWithdraw.id });

    const events = await mark.events();
    expect(events.map((event) => [event.action, event.actorLabel])).toEqual([
      ["prices.request_revenue_share", "finance@masterchannel.test"],
      ["prices.set_revenue_share", "admin@masterchannel.test"],
      ["prices.approve_revenue_share", "admin@masterchannel.test"],
      ["prices.request_revenue_share", "finance@masterchannel.test"],
      ["prices.reject_revenue_share", "admin@masterchannel.test"],
      ["prices.request_revenue_share", "admin@masterchannel.test"],
      ["prices.withdraw_revenue_share", "admin@masterchannel.test"],
    ]);
    expect(events.every((event) => event.tenantId === h.tenantIds.northwave)).toBe(true);
    const ofRequests = events.filter((event) => event.targetType === "revenue_share_request");
    expect(ofRequests.map((event) => event.targetId)).toEqual([
      toApprove.id,
      toApprove.id,
      toReject.id,
      toReject.id,
      toWithdraw.id,
      toWithdraw.id,
    ]);
    expect(ofRequests[0]).toMatchObject({ after: { currency, revenueShareBps: 900, reason: REASON, from: 2000 } });
    expect(ofRequests[1]).toMatchObject({
      before: { status: "pending", requestedBy: financeId },
      after: { status: "approved", note: "Fine" },
    });
    expect(ofRequests[3]).toMatchObject({ after: { status: "rejected", note: "Too low for us" } });
    expect(ofRequests[5]).toMatchObject({ before: { status: "pending" }, after: { status: "withdrawn" } });

    // The tenant's partner admin reads them in its audit list.
    const decisions = [
      ["prices.approve_revenue_share", toApprove.id],
      ["prices.reject_revenue_share", toReject.id],
      ["prices.withdraw_revenue_share", toWithdraw.id],
    ] as const;
    for (const [action, requestId] of decisions) {
      const listed = await partnerAdmin.caller.audit.list({ action });
      expect(listed.items.map((item) => item.targetId)).toContain(requestId);
    }

    // A refused step writes nothing.
    const refusedMark = await auditMark(h);
    const pending = await finance.caller.prices.requestRevenueShare({ currency, revenueShareBps: 600, reason: REASON });
    const afterAsk = await auditMark(h);
    expect(await codeOf(finance.caller.prices.approveRevenueShare({ requestId: pending.id }))).toBe("FORBIDDEN");
    expect(await codeOf(operator.caller.prices.withdrawRevenueShare({ requestId: pending.id }))).toBe("FORBIDDEN");
    expect(await afterAsk.events()).toEqual([]);
    expect((await refusedMark.events()).map((event) => event.action)).toEqual(["prices.request_revenue_share"]);
  });
});
