/**
 * The storefront API over HTTP: a tenant's public config and its brand assets, read without a
 * session from any origin, cached by ETag, showing only what is published and in effect now, and
 * answering unknown, suspended and malformed names with the same 404.
 */
import { createHash } from "node:crypto";
import { brandAssets, brandingVersions, priceBookVersions, tenantDomains, tenants, users } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { buttonLabelColor } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { TEST_SESSION_SECRET } from "./harness.js";

const PUBLIC_URL = "https://console.example.com";
const STOREFRONT = "https://shop.northwave.example";

let t: TestDatabase;
let app: FastifyInstance;
let ids: Record<"northwave" | "fjordsound" | "beatlab", string>;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  const idOf = (slug: string) => rows.find((row) => row.slug === slug)?.id as string;
  ids = { northwave: idOf("northwave"), fjordsound: idOf("fjordsound"), beatlab: idOf("beatlab") };
  app = await buildApp({ db: t.db, dbKind: t.kind, publicUrl: PUBLIC_URL, logLevel: "silent", sessionSecret: TEST_SESSION_SECRET });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const configOf = (slug: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url: `/api/public/tenants/${slug}/config`, headers });

/** The path of an absolute URL on the console's origin. */
function pathOf(url: string | null | undefined): string {
  expect(url, "an absolute URL on the console's origin").toMatch(new RegExp(`^${PUBLIC_URL}/api/public/assets/`));
  return (url as string).slice(PUBLIC_URL.length);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A published branding version, inserted as the table owner (published rows cannot change later). */
async function insertBranding(tenantId: string, version: number, effectiveFrom: Date, primary: string) {
  await t.db.insert(brandingVersions).values({
    tenantId,
    status: "published",
    version,
    displayName: `Beatlab v${version}`,
    legalName: "Beatlab Produksjon AS",
    legalAddress: "Olav Tryggvasons gate 40, 7011 Trondheim, Norway",
    supportEmail: "support@beatlab.test",
    colors: {
      light: { primary, accent: "#be185d", background: "#ffffff", text: "#111111" },
      dark: { primary: "#d946ef", accent: "#a3e635", background: "#09090b", text: "#f4f4f5" },
    },
    effectiveFrom,
    publishedAt: new Date(),
  });
}

async function insertPrice(tenantId: string, currency: string, version: number, effectiveFrom: Date, perTrackAmount: number) {
  await t.db.insert(priceBookVersions).values({
    tenantId,
    currency,
    status: "published",
    version,
    perTrackAmount,
    bundles: [],
    taxBehavior: "inclusive",
    revenueShareBps: 2000,
    effectiveFrom,
    publishedAt: new Date(),
  });
}

describe("GET /api/public/tenants/:slug/config", () => {
  it("answers a demo tenant's published branding, prices in effect and verified domains, in the documented shape", async () => {
    const res = await configOf("northwave");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    const body = res.json();
    expect(Object.keys(body)).toEqual(["tenant", "branding", "prices", "domains"]);
    expect(body.tenant).toEqual({ slug: "northwave", name: "Northwave Records" });
    expect(body.branding).toEqual({
      version: 1,
      effectiveFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      displayName: "Northwave Records",
      legalName: "Northwave Records AS",
      legalAddress: "Storgata 12, 0155 Oslo, Norway",
      supportEmail: "support@northwave.test",
      logoUrl: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/api/public/assets/northwave/[0-9a-f-]{36}$`)),
      faviconUrl: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/api/public/assets/northwave/[0-9a-f-]{36}$`)),
      light: { primary: "#1f6feb", accent: "#bc4c00", background: "#ffffff", text: "#1f2328", buttonLabel: buttonLabelColor("#1f6feb") },
      dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3", buttonLabel: buttonLabelColor("#58a6ff") },
      poweredBy: true,
    });
    expect(body.prices.map((price: { currency: string }) => price.currency)).toEqual(["NOK", "EUR", "USD"]);
    expect(body.prices[0]).toEqual({
      currency: "NOK",
      currencyExponent: 2,
      currencyDecimals: 2,
      version: 1,
      effectiveFrom: expect.any(String),
      taxBehavior: "inclusive",
      perTrack: { unitAmount: 14900 },
      bundles: [
        { tracks: 5, unitAmount: 59900 },
        { tracks: 10, unitAmount: 99900 },
      ],
    });
    expect(body.prices[2]).toMatchObject({ currency: "USD", taxBehavior: "exclusive", perTrack: { unitAmount: 1399 } });
    expect(body.domains).toEqual([]);
    // The NOK version scheduled a month ahead is not there yet.
    expect(res.body).not.toContain("15900");
    expect(new Date(body.prices[0].effectiveFrom).getTime()).toBeLessThan(Date.now());
  });

  it("needs no session and sets no cookie", async () => {
    const res = await configOf("fjordsound");
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.json().tenant).toEqual({ slug: "fjordsound", name: "Fjordsound Studio" });
  });

  it("lists verified custom domains only", async () => {
    await t.db.insert(tenantDomains).values([
      { tenantId: ids.northwave, hostname: "shop.northwave.example", token: "t1", status: "verified", verifiedAt: new Date() },
      { tenantId: ids.northwave, hostname: "old.northwave.example", token: "t2", status: "failed" },
      { tenantId: ids.northwave, hostname: "new.northwave.example", token: "t3", status: "pending" },
    ]);
    expect((await configOf("northwave")).json().domains).toEqual(["shop.northwave.example"]);
    // Fjordsound's seeded domain is still pending.
    expect((await configOf("fjordsound")).json().domains).toEqual([]);
  });

  it("leaks no draft, no scheduled version, no revenue share and no internal id", async () => {
    const [admin] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@northwave.test"));
    await t.db.insert(brandingVersions).values({
      tenantId: ids.northwave,
      status: "draft",
      displayName: "Secret Rebrand",
      legalName: "Northwave Records AS",
      legalAddress: "Storgata 12, 0155 Oslo, Norway",
      supportEmail: "support@northwave.test",
      colors: {
        light: { primary: "#123456", accent: "#0550ae", background: "#ffffff", text: "#1f2328" },
        dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
      },
      createdBy: admin?.id,
    });
    await t.db.insert(priceBookVersions).values({
      tenantId: ids.northwave,
      currency: "NOK",
      status: "draft",
      perTrackAmount: 77700,
      taxBehavior: "inclusive",
      revenueShareBps: 2000,
    });
    const res = await configOf("northwave");
    expect(res.statusCode).toBe(200);
    const text = res.body;
    expect(text).not.toContain("#123456");
    expect(text).not.toContain("Secret Rebrand");
    expect(text).not.toContain("77700");
    expect(text).not.toContain("15900");
    expect(text.toLowerCase()).not.toContain("revenue");
    expect(text).not.toContain("draft");
    expect(text).not.toContain(ids.northwave);
    expect(text).not.toContain(admin?.id);
    const rowIds = await t.db
      .select({ id: priceBookVersions.id })
      .from(priceBookVersions)
      .where(eq(priceBookVersions.tenantId, ids.northwave));
    for (const { id } of rowIds) expect(text).not.toContain(id);
    for (const price of res.json().prices) {
      expect(Object.keys(price).sort()).toEqual([
        "bundles",
        "currency",
        "currencyDecimals",
        "currencyExponent",
        "effectiveFrom",
        "perTrack",
        "taxBehavior",
        "version",
      ]);
    }
  });

  it("shows a scheduled version at its time, without a restart, and changes the ETag", async () => {
    const soon = new Date(Date.now() + 1500);
    await insertBranding(ids.beatlab, 2, new Date(Date.now() - 60_000), "#6d28d9");
    await insertBranding(ids.beatlab, 3, soon, "#4c1d95");
    await insertPrice(ids.beatlab, "EUR", 2, soon, 990);

    const before = await configOf("beatlab");
    expect(before.json().branding).toMatchObject({ version: 2, displayName: "Beatlab v2", light: { primary: "#6d28d9" } });
    expect(before.json().tenant.name).toBe("Beatlab v2");
    expect(before.json().prices.find((p: { currency: string }) => p.currency === "EUR")).toMatchObject({
      version: 1,
      perTrack: { unitAmount: 890 },
    });
    expect(before.body).not.toContain("#4c1d95");

    await sleep(Math.max(0, soon.getTime() - Date.now()) + 300);
    const after = await configOf("beatlab");
    expect(after.json().branding).toMatchObject({ version: 3, light: { primary: "#4c1d95", buttonLabel: "#ffffff" } });
    expect(after.json().prices.find((p: { currency: string }) => p.currency === "EUR")).toMatchObject({
      version: 2,
      perTrack: { unitAmount: 990 },
    });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The old ETag no longer matches: the storefront gets the new body.
    expect((await configOf("beatlab", { "if-none-match": String(before.headers.etag) })).statusCode).toBe(200);
  });

  it("answers a tenant that never published branding with branding null and its own name", async () => {
    await t.db.insert(tenants).values({ slug: "plain-audio", name: "Plain Audio" });
    const res = await configOf("plain-audio");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tenant: { slug: "plain-audio", name: "Plain Audio" }, branding: null, prices: [], domains: [] });
  });
});

describe("ETag", () => {
  it("is a quoted sha256 of the exact body, and a match answers 304 without a body", async () => {
    const first = await configOf("fjordsound");
    const etag = String(first.headers.etag);
    expect(etag).toBe(`"${createHash("sha256").update(first.body).digest("base64url")}"`);
    expect((await configOf("fjordsound")).headers.etag).toBe(etag);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`, "*"]) {
      const cached = await configOf("fjordsound", { "if-none-match": ifNoneMatch, origin: STOREFRONT });
      expect(cached.statusCode, ifNoneMatch).toBe(304);
      expect(cached.body).toBe("");
      expect(cached.headers.etag).toBe(etag);
      expect(cached.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
      expect(cached.headers["access-control-allow-origin"]).toBe("*");
    }
    expect((await configOf("fjordsound", { "if-none-match": '"stale"' })).statusCode).toBe(200);
  });

  it("answers HEAD with the headers of GET", async () => {
    const res = await app.inject({ method: "HEAD", url: "/api/public/tenants/fjordsound/config" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("");
    expect(res.headers.etag).toBe((await configOf("fjordsound")).headers.etag);
  });
});

describe("CORS", () => {
  it("lets any origin read the config and its ETag, without credentials", async () => {
    const res = await configOf("northwave", { origin: STOREFRONT });
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-expose-headers"]).toBe("ETag");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
  });

  it("answers a preflight for GET", async () => {
    const res = await app.inject({
      method: "OPTIONS",
      url: "/api/public/tenants/northwave/config",
      headers: { origin: STOREFRONT, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(
      String(res.headers["access-control-allow-methods"])
        .split(",")
        .map((method) => method.trim())
        .sort(),
    ).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(res.headers["access-control-allow-headers"]).toBe("if-none-match");
    expect(res.headers["access-control-max-age"]).toBe("86400");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("stays off the rest of the server", async () => {
    const health = await app.inject({ method: "GET", url: "/healthz", headers: { origin: STOREFRONT } });
    expect(health.headers["access-control-allow-origin"]).toBeUndefined();
    expect(health.headers["cross-origin-resource-policy"]).toBe("same-origin");
    const preflight = await app.inject({
      method: "OPTIONS",
      url: "/trpc/auth.login",
      headers: { origin: STOREFRONT, "access-control-request-method": "POST" },
    });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(preflight.headers["access-control-allow-methods"]).toBeUndefined();
    expect(preflight.statusCode).not.toBe(204);
  });
});

describe("GET /api/public/assets/:slug/:assetId", () => {
  it("serves the logo the config names: its bytes, content type, long cache, ETag and a sandboxing CSP", async () => {
    const config = (await configOf("northwave")).json();
    const res = await app.inject({ method: "GET", url: pathOf(config.branding.logoUrl), headers: { origin: STOREFRONT } });
    expect(res.statusCode).toBe(200);
    const assetId = pathOf(config.branding.logoUrl).split("/").at(-1) as string;
    const [stored] = await t.db.select().from(brandAssets).where(eq(brandAssets.id, assetId));
    expect(res.rawPayload.equals(stored?.bytes as Buffer)).toBe(true);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.etag).toBe(`"${createHash("sha256").update(res.rawPayload).digest("hex")}"`);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBe("sandbox");
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.headers["access-control-allow-origin"]).toBe("*");

    const cached = await app.inject({
      method: "GET",
      url: pathOf(config.branding.logoUrl),
      headers: { "if-none-match": String(res.headers.etag) },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe("");

    const favicon = await app.inject({ method: "GET", url: pathOf(config.branding.faviconUrl) });
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers["content-security-policy"]).toBe("sandbox");
  });

  it("keeps helmet's CSP on a raster image", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
    const [asset] = await t.db
      .insert(brandAssets)
      .values({
        tenantId: ids.beatlab,
        kind: "favicon",
        contentType: "image/png",
        bytes: png,
        byteSize: png.byteLength,
        sha256: createHash("sha256").update(png).digest("hex"),
        width: 1,
        height: 1,
        fileName: "dot.png",
      })
      .returning({ id: brandAssets.id });
    const res = await app.inject({ method: "GET", url: `/api/public/assets/beatlab/${asset?.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.rawPayload.equals(png)).toBe(true);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers 404, never 500, for a malformed id, an unknown id, or another tenant's asset", async () => {
    const [fjordLogo] = await t.db
      .select({ id: brandAssets.id })
      .from(brandAssets)
      .where(eq(brandAssets.tenantId, ids.fjordsound))
      .limit(1);
    const urls = [
      "/api/public/assets/northwave/not-a-uuid",
      "/api/public/assets/northwave/123e4567-e89b-12d3-a456-42661417400",
      "/api/public/assets/northwave/00000000-0000-4000-8000-000000000000",
      `/api/public/assets/northwave/${fjordLogo?.id}`,
      `/api/public/assets/no-such-shop/${fjordLogo?.id}`,
      `/api/public/assets/Fjordsound/${fjordLogo?.id}`,
    ];
    for (const url of urls) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: { code: "NOT_FOUND", message: "No such asset" } });
    }
  });
});

describe("unknown, malformed and suspended tenants", () => {
  const notFoundBody = (slug: string) => ({ error: { code: "NOT_FOUND", message: `No storefront named ${slug}` } });

  it("answers an unknown or malformed slug with a 404 in the same shape, CORS headers included", async () => {
    for (const slug of ["no-such-shop", "NorthWave", "north_wave", "a".repeat(64)]) {
      const res = await configOf(encodeURIComponent(slug), { origin: STOREFRONT });
      expect(res.statusCode, slug).toBe(404);
      expect(res.json(), slug).toEqual(notFoundBody(slug));
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    }
    // Another path under /api/public: the same JSON 404, with CORS headers.
    const stray = await app.inject({ method: "GET", url: "/api/public/tenants/northwave", headers: { origin: STOREFRONT } });
    expect(stray.statusCode).toBe(404);
    expect(stray.json()).toEqual({ error: { code: "NOT_FOUND", message: "No route for GET /api/public/tenants/northwave" } });
    expect(stray.headers["access-control-allow-origin"]).toBe("*");
    // Past Fastify's 100-character parameter limit the router itself answers 414, never a 500.
    expect((await configOf("a".repeat(200))).statusCode).toBe(414);
  });

  it("answers a suspended tenant exactly as an unknown one, for its config and its assets", async () => {
    const config = (await configOf("fjordsound")).json();
    const logoPath = pathOf(config.branding.logoUrl);
    expect((await app.inject({ method: "GET", url: logoPath })).statusCode).toBe(200);

    await t.db
      .update(tenants)
      .set({ status: "suspended", suspendedAt: sql`now()`, suspendedReason: "unpaid invoices" })
      .where(eq(tenants.id, ids.fjordsound));
    const suspended = await configOf("fjordsound");
    const unknown = await configOf("fjordsound-x");
    expect(suspended.statusCode).toBe(404);
    expect(suspended.json()).toEqual(notFoundBody("fjordsound"));
    expect(Object.keys(suspended.json().error)).toEqual(Object.keys(unknown.json().error));
    expect(suspended.headers["cache-control"]).toBe(unknown.headers["cache-control"]);
    expect(suspended.body).not.toContain("unpaid");
    const asset = await app.inject({ method: "GET", url: logoPath });
    expect(asset.statusCode).toBe(404);
    expect(asset.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such asset" } });

    await t.db.update(tenants).set({ status: "active", suspendedAt: null, suspendedReason: null }).where(eq(tenants.id, ids.fjordsound));
    expect((await configOf("fjordsound")).statusCode).toBe(200);
  });
});
