/**
 * SESSION_SECRET: session and invitation tokens are stored as their HMAC under it, so a copy of the
 * database alone cannot confirm a token, and a server with another secret accepts none of them
 * (rotating it logs everyone out). Outside production an unset secret is made once into DATA_DIR.
 */
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { invitations, sessions } from "@pc/db";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createCaller } from "../src/router.js";
import { createTokenDigest } from "../src/services/session.service.js";
import { loadSessionSecret } from "../src/session-secret.js";
import { buildContext, type CookieJar } from "../src/trpc/context.js";
import { tokenOf } from "./expect-code.js";
import { createHarness, type Harness, PUBLIC_URL, TEST_SESSION_SECRET } from "./harness.js";

const OTHER_SECRET = "another-session-secret-9876543210fedcba98765432";
const CSRF = { "x-pc-csrf": "1", "content-type": "application/json" };
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");

let h: Harness;
let app: FastifyInstance;
let rotated: FastifyInstance;

beforeAll(async () => {
  h = await createHarness();
  const options = { db: h.db.db, dbKind: h.db.kind, publicUrl: PUBLIC_URL, logLevel: "silent" };
  app = await buildApp({ ...options, sessionSecret: TEST_SESSION_SECRET });
  rotated = await buildApp({ ...options, sessionSecret: OTHER_SECRET });
});
afterAll(async () => {
  await app.close();
  await rotated.close();
  await h.close();
});

/** A caller on the same database whose server has another SESSION_SECRET. */
function callerWithOtherSecret(token: string | undefined) {
  const jar: CookieJar = { get: () => token, set: () => {}, clear: () => {} };
  const services = { ...h.services, tokens: createTokenDigest(OTHER_SECRET) };
  return createCaller(() =>
    buildContext(services, { requestId: "rotated", ip: "198.51.100.9", userAgent: "vitest", secure: false }, jar, () => {}),
  );
}

const login = (server: FastifyInstance, email: string) =>
  server.inject({
    method: "POST",
    url: "/trpc/auth.login",
    headers: CSRF,
    payload: JSON.stringify({ json: { email, password: "demo-password-2026" } }),
  });
const me = (server: FastifyInstance, token: string) =>
  server.inject({ method: "GET", url: "/trpc/auth.me", headers: { cookie: `pc_session=${token}` } });
const cookieOf = (response: { headers: Record<string, unknown> }) => /pc_session=([^;]+)/.exec(String(response.headers["set-cookie"]))?.[1];

describe("stored session tokens", () => {
  it("are the HMAC of the token under the secret, not its sha256", async () => {
    const c = await h.as("viewer@beatlab.test");
    const token = c.token as string;
    const [row] = await h.db.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hmac(TEST_SESSION_SECRET, token)));
    expect(row).toBeDefined();
    expect(row?.tokenHash).not.toBe(sha256(token));
    expect(
      await h.db.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256(token))),
    ).toEqual([]);
  });

  it("do not authenticate on a server with another secret", async () => {
    const c = await h.as("admin@fjordsound.test");
    expect((await c.caller.auth.me())?.user.email).toBe("admin@fjordsound.test");
    expect(await callerWithOtherSecret(c.token).auth.me()).toBeNull();
  });

  it("work end to end over HTTP, and only under the secret that made them", async () => {
    const response = await login(app, "admin@northwave.test");
    expect(response.statusCode).toBe(200);
    const token = cookieOf(response);
    if (!token) throw new Error("no session cookie");
    const signedIn = await me(app, token);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().result.data.json.user.email).toBe("admin@northwave.test");

    const afterRotation = await me(rotated, token);
    expect(afterRotation.statusCode).toBe(200);
    expect(afterRotation.json().result.data.json).toBeNull();
    // An export route reads the cookie the same way.
    expect(
      (await rotated.inject({ method: "GET", url: "/api/exports/sales.csv", headers: { cookie: `pc_session=${token}` } })).statusCode,
    ).toBe(401);

    // A login on the rotated server works there, and not on the old one.
    const fresh = cookieOf(await login(rotated, "admin@northwave.test"));
    if (!fresh) throw new Error("no session cookie");
    expect((await me(rotated, fresh)).json().result.data.json.user.email).toBe("admin@northwave.test");
    expect((await me(app, fresh)).json().result.data.json).toBeNull();
  });
});

describe("invitation links", () => {
  it("are stored as their HMAC and stop working under another secret", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "rotation@example.test", role: "partner_viewer" });
    const token = tokenOf(invitation.url);
    const [row] = await h.db.db.select().from(invitations).where(eq(invitations.id, invitation.invitationId));
    expect(row?.tokenHash).toBe(hmac(TEST_SESSION_SECRET, token));

    await expect(callerWithOtherSecret(undefined).auth.invitation({ token })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await (await h.client()).caller.auth.invitation({ token })).email).toBe("rotation@example.test");
  });
});

describe("the secret itself", () => {
  it("must be at least 32 characters", () => {
    expect(() => createTokenDigest("too-short")).toThrow(/at least 32 characters/);
    expect(() => createTokenDigest(undefined as unknown as string)).toThrow(/at least 32 characters/);
    expect(createTokenDigest(TEST_SESSION_SECRET).digest("abc")).toBe(hmac(TEST_SESSION_SECRET, "abc"));
  });

  it("is made once into DATA_DIR (mode 0600) without SESSION_SECRET, and reused", () => {
    const dir = mkdtempSync(join(tmpdir(), "helperA-session-secret-"));
    try {
      const file = join(dir, "nested", "session-secret");
      const first = loadSessionSecret({ file });
      expect(first.length).toBeGreaterThanOrEqual(64);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadSessionSecret({ file })).toBe(first);
      expect(readFileSync(file, "utf8").trim()).toBe(first);
      // SESSION_SECRET wins over the file.
      expect(loadSessionSecret({ fromEnv: OTHER_SECRET, file })).toBe(OTHER_SECRET);
      writeFileSync(file, "short\n");
      expect(() => loadSessionSecret({ file })).toThrow(/holds no usable session secret .*delete it .*or set SESSION_SECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
