/** The HTTP surface: health, cross-site protection, security headers, cookies, the SPA, errors. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { TEST_SESSION_SECRET } from "./harness.js";

let t: TestDatabase;
let app: FastifyInstance;
let proxied: FastifyInstance;
let webDist: string;

const CSRF = { "x-pc-csrf": "1", "content-type": "application/json" };
const login = (email: string, password = "demo-password-2026") => JSON.stringify({ json: { email, password } });

beforeAll(async () => {
  t = await createTestDatabase();
  webDist = mkdtempSync(join(tmpdir(), "pc-web-"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>Partner Console</title><div id=root></div>");
  writeFileSync(join(webDist, "app.js"), "console.info('app')");
  const options = {
    db: t.db,
    dbKind: t.kind,
    publicUrl: "http://localhost:3000",
    webDistDir: webDist,
    logLevel: "silent",
    sessionSecret: TEST_SESSION_SECRET,
  };
  app = await buildApp(options);
  proxied = await buildApp({ ...options, trustProxy: true });
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await t.close();
  rmSync(webDist, { recursive: true, force: true });
});

describe("health", () => {
  it("answers ok with the database kind", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", db: t.kind });
  });
});

describe("tRPC answers", () => {
  it("are sent whole with their length, not chunked: a query, a batch and an error", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: null }));
    const batchInput = encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null } }));
    const answers = [
      await app.inject({ method: "GET", url: `/trpc/auth.me?input=${input}` }),
      await app.inject({ method: "GET", url: `/trpc/auth.me,auth.me?batch=1&input=${batchInput}` }),
      await app.inject({ method: "GET", url: `/trpc/tenants.list?input=${input}` }),
    ];
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 401]);
    for (const res of answers) {
      expect(res.headers["transfer-encoding"]).toBeUndefined();
      expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(() => res.json()).not.toThrow();
    }
    expect(answers[1]?.json()).toHaveLength(2);
  });
});

describe("cross-site request protection", () => {
  it("refuses a tRPC POST without the custom header", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { "content-type": "application/json" },
      payload: login("admin@northwave.test"),
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a tRPC POST from another origin even with the header", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { ...CSRF, origin: "https://evil.example" },
      payload: login("admin@northwave.test"),
    });
    expect(res.statusCode).toBe(403);
  });

  it("accepts the same origin", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { ...CSRF, origin: "http://localhost:3000", host: "localhost:3000" },
      payload: login("admin@northwave.test"),
    });
    expect(res.statusCode).toBe(200);
  });
});

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, on / and not Secure over plain http", async () => {
    const res = await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload: login("viewer@northwave.test") });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^pc_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
  });

  it("is Secure behind an https proxy", async () => {
    const res = await proxied.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { ...CSRF, "x-forwarded-proto": "https" },
      payload: login("viewer@beatlab.test"),
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers["set-cookie"])).toContain("Secure");
  });

  it("signs the browser in for later requests and out again", async () => {
    const res = await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload: login("admin@beatlab.test") });
    const token = /pc_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1];
    const me = await app.inject({ method: "GET", url: "/trpc/auth.me", cookies: { pc_session: token as string } });
    expect(me.json().result.data.json.user.email).toBe("admin@beatlab.test");
    const out = await app.inject({ method: "POST", url: "/trpc/auth.logout", headers: CSRF, cookies: { pc_session: token as string } });
    expect(String(out.headers["set-cookie"])).toMatch(/pc_session=;/);
    const after = await app.inject({ method: "GET", url: "/trpc/auth.me", cookies: { pc_session: token as string } });
    expect(after.json().result.data.json).toBeNull();
  });
});

describe("errors", () => {
  it("answers 429 with Retry-After once an account has too many failures", async () => {
    let last = 0;
    let retryAfter: string | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: CSRF,
        payload: login("finance@masterchannel.test", `wrong-${i}`),
      });
      last = res.statusCode;
      retryAfter = res.headers["retry-after"] as string | undefined;
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("answers bad input with 400 and field errors, never 500", async () => {
    const payloads = [
      "{",
      "null",
      '{"json":{"email":[]}}',
      '{"json":"x"}',
      "[]",
      `{"json":{"email":"a","password":"${"x".repeat(5000)}"}}`,
    ];
    for (const payload of payloads) {
      const res = await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload });
      expect(res.statusCode, payload.slice(0, 30)).toBe(400);
    }
    const res = await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload: '{"json":{"email":5}}' });
    const error = res.json().error.json;
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.data.fieldErrors)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("answers a body over the 1 MB limit with 413, before any procedure runs", async () => {
    const cookie = String(
      (await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload: login("admin@northwave.test") })).headers[
        "set-cookie"
      ],
    ).split(";")[0] as string;
    const data = "A".repeat(2 * 1024 * 1024);
    const res = await app.inject({
      method: "POST",
      url: "/trpc/branding.uploadAsset",
      headers: { ...CSRF, cookie },
      payload: JSON.stringify({ json: { kind: "logo", fileName: "logo.png", contentType: "image/png", dataBase64: data } }),
    });
    expect(res.statusCode).toBe(413);

    // Inside the body limit but over 512 KB decoded: BAD_REQUEST naming the field.
    const tooBig = "A".repeat(800 * 1024);
    const refused = await app.inject({
      method: "POST",
      url: "/trpc/branding.uploadAsset",
      headers: { ...CSRF, cookie },
      payload: JSON.stringify({ json: { kind: "logo", fileName: "logo.png", contentType: "image/png", dataBase64: tooBig } }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.json.data.fieldErrors).toEqual({ dataBase64: ["File must be at most 512 KB"] });
  });

  it("refuses multipart and other non-JSON tRPC bodies with 415 without reading them (they bypass the body limit)", async () => {
    const boundary = "pcboundary";
    const big = "A".repeat(2 * 1024 * 1024);
    const multipart = `--${boundary}\r\ncontent-disposition: form-data; name="email"\r\n\r\n${big}\r\n--${boundary}--\r\n`;
    for (const [contentType, payload] of [
      [`multipart/form-data; boundary=${boundary}`, multipart],
      ["application/octet-stream", big],
      ["text/plain", "{}"],
    ] as const) {
      const res = await app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: { "x-pc-csrf": "1", "content-type": contentType },
        payload,
      });
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(res.json().error.message).toMatch(/application\/json/);
    }
  });

  it("answers text PostgreSQL cannot store (a NUL) with 400, not 500, in any procedure without a rule of its own", async () => {
    const cookie = String(
      (await app.inject({ method: "POST", url: "/trpc/auth.login", headers: CSRF, payload: login("admin@masterchannel.test") })).headers[
        "set-cookie"
      ],
    ).split(";")[0] as string;
    const res = await app.inject({
      method: "POST",
      url: "/trpc/tenants.create",
      headers: { ...CSRF, cookie },
      payload: JSON.stringify({ json: { name: "Nul\u0000 Records", slug: "nul-records" } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.json).toMatchObject({ message: "Text cannot contain NUL characters", data: { code: "BAD_REQUEST" } });
  });

  it("answers an unknown procedure with 404, not 500", async () => {
    const res = await app.inject({ method: "GET", url: "/trpc/nope.nothing" });
    expect(res.statusCode).toBe(404);
  });

  it("answers a procedure without a session with 401", async () => {
    const res = await app.inject({ method: "GET", url: "/trpc/tenants.list" });
    expect(res.statusCode).toBe(401);
  });
});

describe("the single-page app", () => {
  it("serves index.html with a CSP that allows only our scripts and no framing", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Partner Console");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("falls back to index.html for client-side routes", async () => {
    const res = await app.inject({ method: "GET", url: "/tenants/123?tab=team" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
  });

  it("serves the app for a page whose path has a dot in it, such as a version number", async () => {
    const res = await app.inject({ method: "GET", url: "/policies/privacy/2.0" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
  });

  it("serves files and answers missing files with 404", async () => {
    expect((await app.inject({ method: "GET", url: "/app.js" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/missing.js" })).statusCode).toBe(404);
  });
});
