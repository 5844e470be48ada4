/**
 * GET /embed/consent.js over HTTP (headers, size, ETag), the demo storefront outside production (its
 * own CSP over helmet's, the tenant's key) and its 404s. The banner's behaviour in a page is tested in
 * consent-banner.test.ts and consent-banner-a11y.test.ts.
 */
import { gzipSync } from "node:zlib";
import { consentPublishableKeys, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleConsentScript } from "../src/embed/consent-script.js";
import { embedServer } from "./banner-harness.js";

const MAX_GZIP_BYTES = 15 * 1024;

let t: TestDatabase;
let app: FastifyInstance;
let production: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await embedServer(t.db, false);
  production = await embedServer(t.db, true);
});
afterAll(async () => {
  await app.close();
  await production.close();
  await t.close();
});

describe("GET /embed/consent.js", () => {
  it("serves the banner's bytes as JavaScript any origin may load, cached five minutes with a strong ETag", async () => {
    const res = await app.inject({ method: "GET", url: "/embed/consent.js" });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(await assembleConsentScript())).toBe(true);
    expect(res.body.startsWith("/*!\n * Masterchannel consent banner for storefronts.")).toBe(true);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("stays small: at most 15 KB gzipped", async () => {
    const gzipped = gzipSync(await assembleConsentScript(), { level: 9 }).length;
    console.info(`consent.js: ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it("answers 304 without a body when the ETag matches (strong, weak or in a list), 200 otherwise", async () => {
    const first = await app.inject({ method: "GET", url: "/embed/consent.js" });
    const etag = first.headers.etag as string;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await app.inject({ method: "GET", url: "/embed/consent.js", headers: { "if-none-match": ifNoneMatch } });
      expect(res.statusCode, ifNoneMatch).toBe(304);
      expect(res.body).toBe("");
      expect(res.headers.etag).toBe(etag);
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
    }
    const stale = await app.inject({ method: "GET", url: "/embed/consent.js", headers: { "if-none-match": '"stale"' } });
    expect(stale.statusCode).toBe(200);
  });

  it("is served in production too", async () => {
    const res = await production.inject({ method: "GET", url: "/embed/consent.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });
});

describe("the demo storefront", () => {
  const directives = (header: string | string[] | number | undefined) =>
    new Map(
      String(header)
        .split(";")
        .map((part) => part.trim().split(/\s+/))
        .map(([name = "", ...values]) => [name, values.join(" ")]),
    );

  it("serves the tenant's shop page with the banner and its current key, under its own CSP rather than helmet's", async () => {
    const res = await app.inject({ method: "GET", url: "/demo/storefront/northwave" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = directives(res.headers["content-security-policy"]);
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data:");
    expect(csp.get("frame-ancestors")).toBe("'none'");

    const { document } = new JSDOM(res.body).window;
    expect(document.querySelector("h1")?.textContent).toBe("Mastering for your tracks");
    expect(document.querySelector("nav")).not.toBeNull();
    const banner = document.querySelector('script[src="/embed/consent.js"]');
    expect(banner?.getAttribute("data-tenant")).toBe("northwave");
    expect(banner?.getAttribute("data-key")).toBe("pk_demo_northwave");
    expect(document.querySelector("footer [data-mc-consent-settings]")?.textContent).toBe("Privacy settings");
    expect(document.querySelector('[data-testid="consent-log"]')).not.toBeNull();
    // The CSP blocks inline scripts: every script must be a file.
    for (const script of document.querySelectorAll("script")) expect(script.getAttribute("src")).toMatch(/^\//);
  });

  it("embeds the key a rotation made current", async () => {
    const [beatlab] = await t.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "beatlab"));
    await t.db
      .update(consentPublishableKeys)
      .set({ expiresAt: new Date(Date.now() + 3600_000) })
      .where(and(eq(consentPublishableKeys.tenantId, beatlab?.id as string), isNull(consentPublishableKeys.expiresAt)));
    await t.db.insert(consentPublishableKeys).values({ tenantId: beatlab?.id as string, key: "pk_live_demoPageRotated000000000" });
    const res = await app.inject({ method: "GET", url: "/demo/storefront/beatlab" });
    const { document } = new JSDOM(res.body).window;
    expect(document.querySelector('script[src="/embed/consent.js"]')?.getAttribute("data-key")).toBe("pk_live_demoPageRotated000000000");
  });

  it("serves the page's script, which loads Tidio only when granted", async () => {
    const res = await app.inject({ method: "GET", url: "/demo/storefront.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.body).toContain("mc:consent");
    expect(res.body).toContain("tidio-widget");
  });

  it("answers 404 for a name that is not a tenant slug, or names no tenant", async () => {
    for (const slug of ["nowhere", "North_Wave", "a".repeat(64), "%3Cscript%3E", "north%20wave"]) {
      const res = await app.inject({ method: "GET", url: `/demo/storefront/${slug}` });
      expect(res.statusCode, slug).toBe(404);
      expect(res.body).not.toContain("<script");
    }
  });

  it("does not exist in production", async () => {
    for (const url of ["/demo/storefront/northwave", "/demo/storefront.js"]) {
      const res = await production.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});
