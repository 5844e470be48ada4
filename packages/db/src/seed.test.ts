/**
 * The demo data as the seed stored it (the template database every test starts from): each
 * tenant's branding passes the contrast checks that gate publishing, every amount is one Stripe
 * will charge, and the storefronts the issue promises are there.
 */
import { createHash } from "node:crypto";
import {
  type CurrencyCode,
  checkBrandingContrast,
  checkMinorAmount,
  MIN_LOGO_SIDE_PX,
  ZBrandingFields,
  ZSavePriceDraftInput,
} from "@pc/shared";
import { asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, brandAssets, brandingVersions, priceBookVersions, tenantDomains, tenants } from "./schema/index.js";
import { DEMO_STOREFRONTS, DEMO_TENANTS, seedDemoData } from "./seed.js";
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

describe("seeded domains and audit trail", () => {
  it("leaves Fjordsound's custom domain pending with a token, and no other domain", async () => {
    const domains = await t.db.select().from(tenantDomains);
    expect(domains).toEqual([
      expect.objectContaining({ tenantId: tenantIds.get("fjordsound"), hostname: "master.fjordsound.no", status: "pending" }),
    ]);
    expect(domains[0]?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("records the seeded branding and prices in each tenant's audit trail, after its creation", async () => {
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
    ]);
    expect(events.every((event) => event.actorLabel === "demo seed")).toBe(true);
  });

  it("does not seed twice", async () => {
    expect(await seedDemoData(t.db)).toEqual({ seeded: false });
  });
});
