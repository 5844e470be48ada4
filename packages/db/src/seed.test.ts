/**
 * The demo data as the seed stored it (the template database every test starts from): each
 * tenant's branding passes the contrast checks that gate publishing, every amount is one Stripe
 * will charge, the storefronts the issue promises are there, and so are the policy versions, the
 * re-consent wave of the material 2.0 and Northwave's addendum, hashed as publishing hashes them.
 */
import { createHash } from "node:crypto";
import {
  addendumContentSha256,
  type CurrencyCode,
  checkBrandingContrast,
  checkMinorAmount,
  MIN_LOGO_SIDE_PX,
  policyContentSha256,
  unknownVariables,
  ZBrandingFields,
  ZPolicyPurposes,
  ZSavePriceDraftInput,
} from "@pc/shared";
import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  brandAssets,
  brandingVersions,
  policyAddendumVersions,
  policyReconsentRequirements,
  policyRenditions,
  policyVersions,
  priceBookVersions,
  tenantDomains,
  tenants,
  users,
} from "./schema/index.js";
import { DEMO_STOREFRONTS, DEMO_TENANTS, seedDemoData } from "./seed.js";
import { DEMO_ADDENDA, PRIVACY_POLICY_VERSIONS } from "./seed-data/policies.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
let tenantIds: Map<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  tenantIds = new Map(rows.map((row) => [row.slug, row.id]));
});
afterAll(() => t.close());

describe("seeded branding", () => {
  it("gives each demo tenant one published version, in effect, passing every contrast check and the draft schema", async () => {
    const rows = await t.db.select().from(brandingVersions).where(sql`${brandingVersions.effectiveFrom} <= now()`);
    expect(rows).toHaveLength(DEMO_TENANTS.length);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "published", version: 1, poweredBy: true });
      const report = checkBrandingContrast(row.colors);
      expect(report.checks.filter((check) => !check.passes)).toEqual([]);
      expect(report.passes).toBe(true);
      expect(ZBrandingFields.safeParse(row).error).toBeUndefined();
    }
    const names = rows.map((row) => row.displayName).sort();
    expect(names).toEqual(["Beatlab", "Fjordsound Studio", "Northwave Records"]);
    // Distinct looks, and Beatlab's dark theme is nearly black.
    expect(new Set(rows.map((row) => row.colors.light.primary)).size).toBe(3);
    expect(DEMO_STOREFRONTS.beatlab.colors.dark.background).toBe("#09090b");
  });

  it("stores a logo and a favicon per tenant as safe SVG whose hash, size and dimensions match", async () => {
    const versions = await t.db.select().from(brandingVersions);
    const assets = await t.db.select().from(brandAssets);
    expect(assets).toHaveLength(2 * DEMO_TENANTS.length);
    for (const version of versions) {
      const logo = assets.find((asset) => asset.id === version.logoAssetId && asset.tenantId === version.tenantId);
      const favicon = assets.find((asset) => asset.id === version.faviconAssetId && asset.tenantId === version.tenantId);
      expect(logo?.kind).toBe("logo");
      expect(favicon?.kind).toBe("favicon");
      expect(Math.min(logo?.width ?? 0, logo?.height ?? 0)).toBeGreaterThanOrEqual(MIN_LOGO_SIDE_PX);
    }
    for (const asset of assets) {
      expect(asset.contentType).toBe("image/svg+xml");
      expect(asset.byteSize).toBe(asset.bytes.byteLength);
      expect(asset.sha256).toBe(createHash("sha256").update(asset.bytes).digest("hex"));
      const svg = asset.bytes.toString("utf8");
      expect(svg).toContain(`viewBox="0 0 ${asset.width} ${asset.height}"`);
      expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+=|href|url\(|<!DOCTYPE|<!ENTITY/i);
    }
  });
});

describe("seeded prices", () => {
  it("publishes NOK, EUR and USD for every tenant at the default revenue share, each amount one Stripe charges", async () => {
    const rows = await t.db.select().from(priceBookVersions).orderBy(asc(priceBookVersions.currency), asc(priceBookVersions.version));
    for (const slug of tenantIds.keys()) {
      const currencies = new Set(rows.filter((row) => row.tenantId === tenantIds.get(slug)).map((row) => row.currency));
      expect([...currencies].sort(), slug).toEqual(["EUR", "NOK", "USD"]);
    }
    for (const row of rows) {
      const currency = row.currency as CurrencyCode;
      expect(row).toMatchObject({ status: "published", revenueShareBps: 2000 });
      for (const amount of [row.perTrackAmount, ...row.bundles.map((bundle) => bundle.unitAmount)]) {
        expect(checkMinorAmount(amount, currency), `${currency} ${amount}`).toBeNull();
      }
      const input = { currency, perTrack: { unitAmount: row.perTrackAmount }, bundles: row.bundles, taxBehavior: row.taxBehavior };
      expect(ZSavePriceDraftInput.safeParse(input).error).toBeUndefined();
      expect(row.taxBehavior).toBe(currency === "USD" ? "exclusive" : "inclusive");
    }
  });

  it("has Northwave's NOK version 2 scheduled about a month ahead, and nothing else scheduled", async () => {
    const scheduled = await t.db.select().from(priceBookVersions).where(gt(priceBookVersions.effectiveFrom, sql`now()`));
    expect(scheduled.map((row) => [row.tenantId, row.currency, row.version, row.perTrackAmount])).toEqual([
      [tenantIds.get("northwave"), "NOK", 2, 15900],
    ]);
    const daysAhead = ((scheduled[0]?.effectiveFrom?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(25);
    expect(daysAhead).toBeLessThanOrEqual(30);
  });
});

const DAY_MS = 86_400_000;

describe("seeded policies", () => {
  const versionsOf = (kind: "privacy" | "terms") =>
    t.db.select().from(policyVersions).where(eq(policyVersions.kind, kind)).orderBy(asc(policyVersions.major), asc(policyVersions.minor));
  const emailOf = async (id: string | null) =>
    id ? (await t.db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]?.email : null;

  it("publishes privacy 1.0, 1.1 and the material 2.0 at their times, each hashed as publishing hashes it", async () => {
    const rows = await versionsOf("privacy");
    expect(rows.map((row) => [`${row.major}.${row.minor}`, row.status, row.material, row.retiredAt])).toEqual([
      ["1.0", "published", false, null],
      ["1.1", "published", false, null],
      ["2.0", "published", true, null],
    ]);
    expect(rows[0]?.effectiveFrom?.toISOString()).toBe("2026-02-12T00:00:00.000Z");
    expect(rows[1]?.effectiveFrom?.toISOString()).toBe("2026-04-15T00:00:00.000Z");
    // 2.0 took effect a few weeks before seeding (the template database is seeded when the tests start).
    const daysAgo = (Date.now() - (rows[2]?.effectiveFrom?.getTime() ?? 0)) / DAY_MS;
    expect(daysAgo).toBeGreaterThan((PRIVACY_POLICY_VERSIONS[2]?.effectiveDaysBeforeSeed ?? 0) - 1);
    expect(daysAgo).toBeLessThan((PRIVACY_POLICY_VERSIONS[2]?.effectiveDaysBeforeSeed ?? 0) + 1);
    for (const [index, row] of rows.entries()) {
      const seed = PRIVACY_POLICY_VERSIONS[index];
      expect(row.markdown).toBe(seed?.markdown);
      expect(row.purposes).toEqual(seed?.purposes);
      expect(row.sha256).toBe(policyContentSha256(row));
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(ZPolicyPurposes.safeParse(row.purposes).error).toBeUndefined();
      expect(unknownVariables(row.markdown)).toEqual([]);
    }
    expect(rows[2]?.purposes.map((purpose) => purpose.key)).toContain("product_analytics");
    // The version in force now is 2.0.
    const [inForce] = await t.db
      .select({ major: policyVersions.major, minor: policyVersions.minor })
      .from(policyVersions)
      .where(and(eq(policyVersions.kind, "privacy"), lte(policyVersions.effectiveFrom, sql`now()`)))
      .orderBy(desc(policyVersions.effectiveFrom))
      .limit(1);
    expect(inForce).toEqual({ major: 2, minor: 0 });
  });

  it("has 2.0 written by the operator admin and approved by compliance; the editorial versions written by compliance", async () => {
    const rows = await versionsOf("privacy");
    const people = await Promise.all(
      rows.map(async (row) => [await emailOf(row.createdBy), await emailOf(row.approvedBy), await emailOf(row.publishedBy)]),
    );
    expect(people).toEqual([
      ["compliance@masterchannel.test", null, "compliance@masterchannel.test"],
      ["compliance@masterchannel.test", null, "compliance@masterchannel.test"],
      ["admin@masterchannel.test", "compliance@masterchannel.test", "admin@masterchannel.test"],
    ]);
    expect(rows[2]?.approvedBy).not.toBe(rows[2]?.createdBy);
  });

  it("asks every demo tenant's users to consent again from 2.0, telling them its change summary", async () => {
    const [v2] = (await versionsOf("privacy")).filter((row) => row.major === 2);
    const requirements = await t.db.select().from(policyReconsentRequirements);
    expect(requirements.map((row) => row.tenantId).sort()).toEqual([...tenantIds.values()].sort());
    for (const row of requirements) {
      expect(row).toMatchObject({ kind: "privacy", policyVersionId: v2?.id, version: "2.0", voidedAt: null, summary: v2?.changeSummary });
      expect(row.since).toEqual(v2?.effectiveFrom);
    }
    expect(v2?.changeSummary).toMatch(/Product Analytics/);
  });

  it("publishes the terms of service 1.0 without purposes", async () => {
    const rows = await versionsOf("terms");
    expect(rows.map((row) => [`${row.major}.${row.minor}`, row.material, row.purposes, row.sha256 === policyContentSha256(row)])).toEqual([
      ["1.0", false, [], true],
    ]);
    expect(rows[0]?.effectiveFrom?.toISOString()).toBe("2026-02-12T00:00:00.000Z");
  });

  it("publishes Northwave's privacy addendum, written by its admin and approved by compliance, and no other", async () => {
    const addenda = await t.db.select().from(policyAddendumVersions);
    expect(addenda).toHaveLength(DEMO_ADDENDA.length);
    const [addendum] = addenda;
    expect(addendum).toMatchObject({
      tenantId: tenantIds.get("northwave"),
      kind: "privacy",
      status: "published",
      version: 1,
      retiredAt: null,
      sha256: createHash("sha256")
        .update(DEMO_ADDENDA[0]?.markdown ?? "", "utf8")
        .digest("hex"),
    });
    expect(addendum?.sha256).toBe(addendumContentSha256(addendum?.markdown ?? ""));
    expect(unknownVariables(addendum?.markdown ?? "")).toEqual([]);
    expect(await emailOf(addendum?.createdBy ?? null)).toBe("admin@northwave.test");
    expect(await emailOf(addendum?.approvedBy ?? null)).toBe("compliance@masterchannel.test");
    expect((addendum?.effectiveFrom?.getTime() ?? Infinity) <= Date.now()).toBe(true);
  });

  it("records no rendition: renditions are recorded when a tenant's policy is first served", async () => {
    expect(await t.db.select().from(policyRenditions)).toEqual([]);
  });
});

describe("seeded domains and audit trail", () => {
  it("leaves Fjordsound's custom domain pending with a token, and no other domain", async () => {
    const domains = await t.db.select().from(tenantDomains);
    expect(domains).toEqual([
      expect.objectContaining({ tenantId: tenantIds.get("fjordsound"), hostname: "master.fjordsound.no", status: "pending" }),
    ]);
    expect(domains[0]?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("records the seeded branding, prices and addendum in each tenant's audit trail, after its creation", async () => {
    const northwave = tenantIds.get("northwave") as string;
    const events = await t.db
      .select({ action: auditEvents.action, actorLabel: auditEvents.actorLabel })
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, northwave))
      .orderBy(asc(auditEvents.id));
    expect(events.map((event) => event.action)).toEqual([
      "tenant.create",
      "branding.upload_asset",
      "branding.upload_asset",
      "branding.publish",
      "prices.publish",
      "prices.publish",
      "prices.publish",
      "prices.publish",
      "addenda.approve",
    ]);
    expect(events.every((event) => event.actorLabel === "demo seed")).toBe(true);
  });

  it("records each published template version, with the material version's approval, outside any tenant", async () => {
    const events = await t.db
      .select({ action: auditEvents.action, targetId: auditEvents.targetId, tenantId: auditEvents.tenantId, after: auditEvents.after })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'policies.%'`)
      .orderBy(asc(auditEvents.id));
    const versions = await t.db.select().from(policyVersions);
    const labelOf = (id: string | null) => {
      const row = versions.find((version) => version.id === id);
      return row ? `${row.kind} ${row.major}.${row.minor}` : id;
    };
    expect(events.map((event) => `${event.action} ${labelOf(event.targetId)}`)).toEqual([
      "policies.publish privacy 1.0",
      "policies.publish privacy 1.1",
      "policies.approve privacy 2.0",
      "policies.publish privacy 2.0",
      "policies.publish terms 1.0",
    ]);
    expect(events.every((event) => event.tenantId === null)).toBe(true);
    expect(events.find((event) => labelOf(event.targetId) === "privacy 2.0" && event.action === "policies.publish")?.after).toMatchObject({
      reconsentTenants: DEMO_TENANTS.length,
    });
  });

  it("does not seed twice", async () => {
    expect(await seedDemoData(t.db)).toEqual({ seeded: false });
  });
});
