/**
 * Scheduled versions of price books and branding: a version is the whole book (or the whole
 * brand), so nothing may be published to take effect before one already scheduled (it would be
 * replaced, silently, at that time). A scheduled version can be cancelled before its time; revenue
 * share changes (asked for by finance, approved by a second person) and staff's "powered by"
 * changes carry over to versions already scheduled.
 */
import { brandingVersions, priceBookVersions } from "@pc/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let admin: Client;
let viewer: Client;
let finance: Client;
let operator: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  finance = await h.as("finance@masterchannel.test");
  operator = await h.as("admin@masterchannel.test");
  for (const staff of [finance, operator]) await staff.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
});
afterAll(() => h.close());

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

async function saveGbpDraft(perTrack: number) {
  return admin.caller.prices.saveDraft({ currency: "GBP", perTrack: { unitAmount: perTrack }, bundles: [], taxBehavior: "exclusive" });
}

async function publishGbp(perTrack: number, effectiveFrom?: Date) {
  const draft = await saveGbpDraft(perTrack);
  return admin.caller.prices.publish({ currency: "GBP", expectedRevision: draft.revision, effectiveFrom });
}

/** Finance asks for a GBP revenue share change and the operator admin approves it: the version it publishes. */
async function changeGbpShare(revenueShareBps: number, effectiveFrom?: Date) {
  const request = await finance.caller.prices.requestRevenueShare({
    currency: "GBP",
    revenueShareBps,
    effectiveFrom,
    reason: "Renegotiated with the partner",
  });
  const approved = await operator.caller.prices.approveRevenueShare({ requestId: request.id });
  expect(approved.request).toMatchObject({ status: "approved", appliedVersion: approved.version.version });
  return approved.version;
}

const gbpBook = async (client: Client = viewer) => (await client.caller.prices.list()).find((book) => book.currency === "GBP");

const gbpRows = () =>
  h.db.db
    .select()
    .from(priceBookVersions)
    .where(and(eq(priceBookVersions.tenantId, h.tenantIds.northwave), eq(priceBookVersions.currency, "GBP")))
    .orderBy(priceBookVersions.version);

describe("price versions and the schedule", () => {
  it("refuses to publish before a scheduled version, until that version is cancelled", async () => {
    await publishGbp(999);
    const scheduled = await publishGbp(1299, inDays(10));
    const draft = await saveGbpDraft(1099);

    const refused = await errorOf(admin.caller.prices.publish({ currency: "GBP", expectedRevision: draft.revision }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(new RegExp(`GBP version ${scheduled.version} is scheduled for .*; cancel it first`));
    expect(await codeOf(admin.caller.prices.publish({ currency: "GBP", expectedRevision: draft.revision, effectiveFrom: inDays(5) }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect((await gbpBook())?.draft?.revision).toBe(draft.revision);
    expect(await codeOf(admin.caller.prices.rollback({ currency: "GBP", version: 1 }))).toBe("PRECONDITION_FAILED");

    expect(await codeOf(viewer.caller.prices.cancelScheduled({ currency: "GBP", version: scheduled.version ?? 0 }))).toBe("FORBIDDEN");
    const audit = await auditMark(h);
    const cancelled = await admin.caller.prices.cancelScheduled({ currency: "GBP", version: scheduled.version ?? 0 });
    expect(cancelled).toMatchObject({ status: "cancelled", version: scheduled.version, cancelledAt: expect.any(Date) });
    expect((await audit.events()).map((event) => event.action)).toEqual(["prices.cancel_scheduled"]);
    expect((await gbpBook())?.scheduled).toEqual([]);

    const published = await admin.caller.prices.publish({ currency: "GBP", expectedRevision: draft.revision });
    expect(published.version).toBe((scheduled.version ?? 0) + 1);
    expect((await gbpBook())?.inEffect?.perTrack.unitAmount).toBe(1099);

    const history = await viewer.caller.prices.history({ currency: "GBP" });
    expect(history.map((entry) => [entry.version, entry.status])).toEqual([
      [3, "published"],
      [2, "cancelled"],
      [1, "published"],
    ]);
    // Version 3 is measured from version 1, the last one that was not withdrawn.
    expect(history[0]?.changes).toEqual([{ field: "perTrack.unitAmount", before: 999, after: 1099 }]);

    // A cancelled version stays cancelled, and one in effect cannot be cancelled.
    expect(await codeOf(admin.caller.prices.cancelScheduled({ currency: "GBP", version: 2 }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.caller.prices.cancelScheduled({ currency: "GBP", version: 3 }))).toBe("NOT_FOUND");
  });

  it("lets only finance cancel a scheduled revenue share change, and a later publish comes after it", async () => {
    const shareChange = await changeGbpShare(2500, inDays(20));
    expect(shareChange.revenueShareBps).toBe(2500);
    expect(await codeOf(admin.caller.prices.cancelScheduled({ currency: "GBP", version: shareChange.version ?? 0 }))).toBe("FORBIDDEN");

    // Scheduled after the share change, a price change carries the share that will be in effect then.
    const later = await publishGbp(1199, inDays(30));
    expect(later.revenueShareBps).toBe(2500);
    await admin.caller.prices.cancelScheduled({ currency: "GBP", version: later.version ?? 0 });

    const cancelled = await finance.caller.prices.cancelScheduled({ currency: "GBP", version: shareChange.version ?? 0 });
    expect(cancelled.status).toBe("cancelled");
    expect((await gbpBook())?.scheduled).toEqual([]);
  });

  it("carries a new revenue share into versions already scheduled, and takes the prices in effect at its own time", async () => {
    const scheduledPrices = await publishGbp(1399, inDays(10));
    expect(scheduledPrices.revenueShareBps).toBe(2000);

    // A share change scheduled after those prices copies them, not the prices in effect today.
    const share = await changeGbpShare(1500, inDays(15));
    expect(share.perTrack.unitAmount).toBe(1399);

    // A share change now re-publishes both scheduled versions with the new share, cancelling the old ones.
    const now = await changeGbpShare(3000);
    expect(now.revenueShareBps).toBe(3000);
    const book = await gbpBook();
    expect(book?.inEffect?.revenueShareBps).toBe(3000);
    expect(book?.scheduled.map((version) => [version.perTrack.unitAmount, version.revenueShareBps, version.basedOnVersion])).toEqual([
      [1399, 3000, scheduledPrices.version],
      [1399, 3000, share.version],
    ]);
    const rows = await gbpRows();
    expect(rows.filter((row) => row.version === scheduledPrices.version || row.version === share.version).map((row) => row.status)).toEqual(
      ["cancelled", "cancelled"],
    );
  });
});

describe("branding versions and the schedule", () => {
  it("refuses to publish before a scheduled version, cancels it, and staff's powered-by change carries over", async () => {
    const current = await admin.caller.branding.get();
    expect(current.inEffect).not.toBeNull();
    const fields = (displayName: string) => {
      const base = current.inEffect as NonNullable<typeof current.inEffect>;
      return {
        displayName,
        legalName: base.legalName,
        legalAddress: base.legalAddress,
        supportEmail: base.supportEmail,
        logoAssetId: base.logo?.id ?? null,
        faviconAssetId: base.favicon?.id ?? null,
        colors: base.colors,
      };
    };
    if (current.draft) await admin.caller.branding.discardDraft({ expectedRevision: current.draft.revision });
    const first = await admin.caller.branding.saveDraft(fields("Northwave Winter"));
    const scheduled = await admin.caller.branding.publish({ expectedRevision: first.revision, effectiveFrom: inDays(7) });

    const second = await admin.caller.branding.saveDraft(fields("Northwave Now"));
    const refused = await errorOf(admin.caller.branding.publish({ expectedRevision: second.revision }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(`Branding version ${scheduled.version} is scheduled`);

    // Staff hide "powered by" now: the scheduled version is replaced by a copy without it.
    await operator.caller.branding.setPoweredBy({ poweredBy: false });
    const after = await viewer.caller.branding.get();
    expect(after.inEffect?.poweredBy).toBe(false);
    expect(after.scheduled.map((version) => [version.displayName, version.poweredBy, version.basedOnVersion])).toEqual([
      ["Northwave Winter", false, scheduled.version],
    ]);
    const [old] = await h.db.db
      .select({ status: brandingVersions.status })
      .from(brandingVersions)
      .where(and(eq(brandingVersions.tenantId, h.tenantIds.northwave), eq(brandingVersions.version, scheduled.version ?? 0)));
    expect(old?.status).toBe("cancelled");

    const copy = after.scheduled[0];
    await admin.caller.branding.cancelScheduled({ version: copy?.version ?? 0 });
    const published = await admin.caller.branding.publish({ expectedRevision: (await admin.caller.branding.get()).draft?.revision ?? 0 });
    expect(published).toMatchObject({ displayName: "Northwave Now", poweredBy: false });
    const history = await viewer.caller.branding.history();
    expect(history.slice(0, 3).map((entry) => entry.status)).toEqual(["published", "cancelled", "published"]);
  });
});
