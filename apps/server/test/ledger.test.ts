/**
 * The ledger procedures: publishable key rotation with a grace period, ending a grace early, what
 * the ledger holds, verification from the dashboard, and the operator's ingestion limits and
 * development origins, each change audited.
 */
import { auditEvents, consentPublishableKeys } from "@pc/db";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { newPublishableKey } from "../src/ledger/publishable-key.js";
import { errorOf } from "./expect-code.js";
import { createHarness, type Harness, TEST_SIGNER } from "./harness.js";
import { appendTestRecords } from "./ledger-fixtures.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const lastAudit = async (action: string) =>
  (await h.db.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.createdAt)).limit(1))[0];

describe("publishable keys", () => {
  it("makes keys of pk_live_ and 24 base62 characters, never the same twice", () => {
    const keys = new Set(Array.from({ length: 200 }, () => newPublishableKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^pk_live_[0-9A-Za-z]{24}$/);
  });

  it("shows the demo key as the current key", async () => {
    const admin = await h.as("admin@northwave.test");
    const keys = await admin.caller.ledger.keys();
    expect(keys.map((key) => [key.key, key.state, key.isDemo])).toEqual([["pk_demo_northwave", "current", true]]);
  });

  it("rotates with a grace period: the old key works until then, the new one is current; both audited", async () => {
    const admin = await h.as("admin@northwave.test");
    const before = Date.now();
    const { key, previous } = await admin.caller.ledger.rotateKey({ graceHours: 24 });
    expect(key.key).toMatch(/^pk_live_/);
    expect(key.state).toBe("current");
    expect(previous?.key).toBe("pk_demo_northwave");
    expect(previous?.state).toBe("grace");
    const graceEnd = previous?.expiresAt?.getTime() ?? 0;
    expect(graceEnd).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect(graceEnd).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    const keys = await admin.caller.ledger.keys();
    expect(keys.map((row) => row.state)).toEqual(["current", "grace"]);
    const audit = await lastAudit("ledger.key.rotate");
    expect(audit?.after).toMatchObject({ key: key.key, graceHours: 24 });
  });

  it("ends a grace period early, refuses to end the current key, and rotating again keeps one current key", async () => {
    const admin = await h.as("admin@northwave.test");
    const [current, grace] = await admin.caller.ledger.keys();
    expect(await errorOf(admin.caller.ledger.expireKey({ keyId: current?.id as string }))).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "This is the current key: rotate it to replace it",
    });
    const ended = await admin.caller.ledger.expireKey({ keyId: grace?.id as string });
    expect(ended.state).toBe("expired");
    expect(await errorOf(admin.caller.ledger.expireKey({ keyId: grace?.id as string }))).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await lastAudit("ledger.key.expire"))?.targetId).toBe(grace?.id);

    // Concurrent rotations take turns: each succeeds, and one key is current afterwards.
    const rotations = await Promise.all(Array.from({ length: 4 }, () => admin.caller.ledger.rotateKey({ graceHours: 0 })));
    expect(new Set(rotations.map((rotation) => rotation.key.key)).size).toBe(4);
    const rows = await h.db.db.select().from(consentPublishableKeys).where(eq(consentPublishableKeys.tenantId, h.tenantIds.northwave));
    expect(rows.filter((row) => row.expiresAt === null)).toHaveLength(1);
  });

  it("refuses a grace period over 30 days or below zero, naming the limit", async () => {
    const admin = await h.as("admin@northwave.test");
    expect((await errorOf(admin.caller.ledger.rotateKey({ graceHours: 721 }))).message).toMatch(/at most 30 days/);
    expect((await errorOf(admin.caller.ledger.rotateKey({ graceHours: -1 }))).message).toMatch(/cannot be negative/);
  });

  it("gives a new tenant a live key at once", async () => {
    const operator = await h.as("admin@masterchannel.test");
    const tenant = await operator.caller.tenants.create({ slug: "soundforge", name: "Soundforge" });
    await operator.caller.auth.switchTenant({ tenantId: tenant.id });
    const keys = await operator.caller.ledger.keys();
    expect(keys.map((key) => [key.state, key.isDemo])).toEqual([["current", false]]);
    expect(keys[0]?.key).toMatch(/^pk_live_/);
  });

  it("lets a viewer read keys but not rotate or end them", async () => {
    const viewer = await h.as("viewer@fjordsound.test");
    expect((await viewer.caller.ledger.keys())[0]?.key).toBe("pk_demo_fjordsound");
    expect((await errorOf(viewer.caller.ledger.rotateKey({ graceHours: 1 }))).code).toBe("FORBIDDEN");
  });
});

describe("what the ledger holds", () => {
  it("shows the head, records in the last day, the last checkpoint and the rate limit", async () => {
    await appendTestRecords(h.db.db, h.tenantIds.beatlab, 4);
    await signDueCheckpoints(h.db.db, TEST_SIGNER);
    await appendTestRecords(h.db.db, h.tenantIds.beatlab, 2);
    const admin = await h.as("admin@beatlab.test");
    const overview = await admin.caller.ledger.overview();
    expect(overview).toMatchObject({ slug: "beatlab", records: 6, last24h: 6, head: { seq: 6 }, lastCheckpoint: { seq: 4 } });
    expect(overview.rateLimit).toEqual({ ratePerSecond: 2000, burst: 20000, custom: false });
    expect(overview).toMatchObject({
      embedUrl: "http://console.test/embed/consent.js",
      demoStorefrontUrl: "http://console.test/demo/storefront/beatlab",
      consoleOrigin: "http://console.test",
      production: false,
    });
    const { records } = await admin.caller.ledger.recentRecords({ limit: 3 });
    expect(records.map((record) => record.seq)).toEqual([6, 5, 4]);
  });

  it("verifies the tenant's chain from the dashboard, and all chains for staff", async () => {
    const admin = await h.as("admin@beatlab.test");
    expect(await admin.caller.ledger.verify()).toMatchObject({ ok: true, records: 6, checkpoints: 1, problem: null });
    const compliance = await h.as("compliance@masterchannel.test");
    const reports = await compliance.caller.ledger.verifyAll();
    expect(reports.map((report) => [report.slug, report.ok])).toEqual([
      ["beatlab", true],
      ["fjordsound", true],
      ["northwave", true],
      ["soundforge", true],
    ]);
  });
});

describe("the operator's ingestion settings", () => {
  it("sets a tenant's rate limit, refusing a burst below a full batch or below the rate", async () => {
    const operator = await h.as("admin@masterchannel.test");
    const tenantId = h.tenantIds.fjordsound;
    expect((await errorOf(operator.caller.ledger.updateIngestSettings({ tenantId, ratePerSecond: 100, burst: 499 }))).message).toMatch(
      /at least one full batch \(500 events\)/,
    );
    expect((await errorOf(operator.caller.ledger.updateIngestSettings({ tenantId, ratePerSecond: 5000, burst: 1000 }))).message).toMatch(
      /at least the rate per second/,
    );
    await operator.caller.ledger.updateIngestSettings({ tenantId, ratePerSecond: 5000, burst: 50_000 });
    const rows = await operator.caller.ledger.ingestSettings();
    expect(rows.find((row) => row.tenantId === tenantId)).toMatchObject({ ratePerSecond: 5000, burst: 50_000, custom: true });
    expect((await lastAudit("ledger.limits.update"))?.after).toEqual({ ratePerSecond: 5000, burst: 50_000 });
    expect(await operator.caller.ledger.resetIngestSettings({ tenantId })).toEqual({
      tenantId,
      ratePerSecond: 2000,
      burst: 20_000,
      custom: false,
    });
    expect((await operator.caller.ledger.ingestSettings()).find((row) => row.tenantId === tenantId)?.custom).toBe(false);
    expect((await errorOf(operator.caller.ledger.resetIngestSettings({ tenantId }))).code).toBe("PRECONDITION_FAILED");
    expect((await lastAudit("ledger.limits.reset"))?.before).toEqual({ ratePerSecond: 5000, burst: 50_000 });
    const compliance = await h.as("compliance@masterchannel.test");
    expect((await errorOf(compliance.caller.ledger.ingestSettings())).code).toBe("FORBIDDEN");
  });

  it("lists, adds and removes development origins, refusing anything that is not an origin", async () => {
    const operator = await h.as("admin@masterchannel.test");
    for (const origin of ["http://localhost:5173/", "localhost:5173", "ftp://files.example", "http://localhost:5173/app"]) {
      expect((await errorOf(operator.caller.ledger.addDevOrigin({ origin }))).message, origin).toMatch(/scheme, host and optional port/);
    }
    await operator.caller.ledger.addDevOrigin({ origin: "http://localhost:5173", note: "Vite dev server" });
    const duplicate = await errorOf(operator.caller.ledger.addDevOrigin({ origin: "http://localhost:5173" }));
    expect([duplicate.code, duplicate.message]).toEqual(["CONFLICT", "http://localhost:5173 is already listed"]);
    expect((await operator.caller.ledger.devOrigins()).map((row) => [row.origin, row.note])).toEqual([
      ["http://localhost:5173", "Vite dev server"],
    ]);
    await operator.caller.ledger.removeDevOrigin({ origin: "http://localhost:5173" });
    expect(await operator.caller.ledger.devOrigins()).toEqual([]);
    expect((await errorOf(operator.caller.ledger.removeDevOrigin({ origin: "http://localhost:5173" }))).code).toBe("NOT_FOUND");
    const audited = await h.db.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "origin"), eq(auditEvents.targetId, "http://localhost:5173")));
    expect(audited.map((row) => row.action).sort()).toEqual(["ledger.dev_origin.add", "ledger.dev_origin.remove"]);
  });
});
