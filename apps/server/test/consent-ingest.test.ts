/**
 * Consent ingestion over HTTP: POST /api/public/consent and /batch store what storefronts send as
 * chained records and answer each refusal with a 4xx naming the problem, storing nothing.
 */
import { createHmac } from "node:crypto";
import {
  consentDevOrigins,
  consentIngestSettings,
  consentPersonalData,
  consentPublishableKeys,
  consentRecords,
  consentSubjectSecrets,
  type Database,
  tenantDomains,
  tenants,
} from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { MAX_CONSENT_BATCH } from "@pc/shared";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { verifyTenantLedger } from "../src/ledger/ledger-verify.js";
import { TEST_SESSION_SECRET, TEST_TRUSTED_KEYS } from "./harness.js";
import { consentEvent } from "./ledger-fixtures.js";

const PUBLIC_URL = "https://console.example.com";
const SHOP = "https://shop.northwave.example";
const KEY = "pk_demo_northwave";
/** Beatlab's key after the rotation test retires pk_demo_beatlab. */
const BEATLAB_KEY = "pk_live_beatlabNewKey0000000000";

let t: TestDatabase;
let app: FastifyInstance;
let ids: Record<"northwave" | "fjordsound" | "beatlab", string>;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  const idOf = (slug: string) => rows.find((row) => row.slug === slug)?.id as string;
  ids = { northwave: idOf("northwave"), fjordsound: idOf("fjordsound"), beatlab: idOf("beatlab") };
  // Northwave's storefront domain is verified: its origin may post.
  await t.db
    .insert(tenantDomains)
    .values({ tenantId: ids.northwave, hostname: "shop.northwave.example", token: "t", status: "verified", verifiedAt: new Date() });
  app = await buildApp({
    db: t.db,
    dbKind: t.kind,
    publicUrl: PUBLIC_URL,
    logLevel: "silent",
    ingestCacheTtlMs: 0,
    sessionSecret: TEST_SESSION_SECRET,
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

function post(body: unknown, options: { key?: string | null; origin?: string; batch?: boolean; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Mozilla/5.0 (test)", ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? KEY}`;
  if (options.origin) headers.origin = options.origin;
  return app.inject({
    method: "POST",
    url: options.batch ? "/api/public/consent/batch" : "/api/public/consent",
    headers,
    payload: typeof body === "string" ? body : JSON.stringify(body),
    remoteAddress: "203.0.113.77",
  });
}

const recordCount = async (db: Database = t.db) => (await db.select({ n: count() }).from(consentRecords))[0]?.n ?? 0;
const errorOf = (response: { json(): unknown }) =>
  (response.json() as { error: { code: string; message: string; problems?: { path: string; message: string }[] } }).error;

describe("a stored event", () => {
  it("answers 201 with its record id, sequence number, hash and receipt time, once committed", async () => {
    const event = consentEvent({ subjectId: "dev_5f1c9a", country: "no" });
    const response = await post(event, { origin: SHOP });
    expect(response.statusCode).toBe(201);
    expect(response.headers["access-control-allow-origin"]).toBe(SHOP);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("no-store");
    const ack = response.json() as { recordId: string; seq: number; hash: string; receivedAt: string };
    expect(Object.keys(ack).sort()).toEqual(["hash", "receivedAt", "recordId", "seq"]);
    const [row] = await t.db.select().from(consentRecords).where(eq(consentRecords.id, ack.recordId));
    expect(row).toMatchObject({
      tenantId: ids.northwave,
      seq: ack.seq,
      hash: ack.hash,
      country: "NO",
      jurisdiction: "EEA",
      action: event.action,
    });
    expect(row?.receivedAt.toISOString()).toBe(ack.receivedAt);
    expect(row?.purposes).toEqual(event.purposes);
  });

  it("keeps the subject only as its keyed hash and the personal data truncated, in the side table", async () => {
    const response = await post(consentEvent({ subjectId: "dev_only_here" }));
    const ack = response.json() as { recordId: string };
    const [row] = await t.db.select().from(consentRecords).where(eq(consentRecords.id, ack.recordId));
    const [secret] = await t.db.select().from(consentSubjectSecrets).where(eq(consentSubjectSecrets.tenantId, ids.northwave));
    expect(row?.subjectDigest).toBe(
      createHmac("sha256", Buffer.from(secret?.secret ?? "", "hex"))
        .update("dev_only_here")
        .digest("hex"),
    );
    expect(JSON.stringify(row)).not.toContain("dev_only_here");
    const [personal] = await t.db
      .select()
      .from(consentPersonalData)
      .where(and(eq(consentPersonalData.tenantId, ids.northwave), eq(consentPersonalData.digest, row?.personalDataDigest ?? "")));
    expect(personal).toMatchObject({ ip: "203.0.113.0", userAgent: "Mozilla/5.0 (test)" });
    expect(personal?.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it("stores a batch in order with consecutive sequence numbers", async () => {
    const events = Array.from({ length: 5 }, (_, index) => consentEvent({ consentId: `c_batch_${index}` }));
    const response = await post({ events }, { batch: true });
    expect(response.statusCode).toBe(201);
    const { records } = response.json() as { records: { recordId: string; seq: number }[] };
    expect(records).toHaveLength(5);
    for (const [index, record] of records.entries()) expect(record.seq).toBe((records[0]?.seq ?? 0) + index);
    const stored = await t.db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.tenantId, ids.northwave))
      .orderBy(asc(consentRecords.seq));
    expect(stored.slice(-5).map((row) => row.consentId)).toEqual(events.map((event) => event.consentId));
  });
});

describe("refusals store nothing", () => {
  let before: number;
  beforeEach(async () => {
    before = await recordCount();
  });
  const nothingStored = async () => expect(await recordCount()).toBe(before);

  it("401 without a key, with a malformed or unknown key", async () => {
    for (const key of [null, "not a key", "pk_demo_nobody"]) {
      const response = await post(consentEvent(), { key });
      expect(response.statusCode, String(key)).toBe(401);
      expect(errorOf(response).code).toBe("UNAUTHORIZED");
    }
    await nothingStored();
  });

  it("401 for a rotated key after its grace period, while the new key and a key in grace work", async () => {
    const [old] = await t.db
      .select()
      .from(consentPublishableKeys)
      .where(and(eq(consentPublishableKeys.tenantId, ids.beatlab), isNull(consentPublishableKeys.expiresAt)));
    await t.db
      .update(consentPublishableKeys)
      .set({ expiresAt: new Date(Date.now() + 3600_000) })
      .where(eq(consentPublishableKeys.id, old?.id ?? ""));
    await t.db.insert(consentPublishableKeys).values({ tenantId: ids.beatlab, key: BEATLAB_KEY });
    expect((await post(consentEvent(), { key: "pk_demo_beatlab" })).statusCode).toBe(201);
    expect((await post(consentEvent(), { key: BEATLAB_KEY })).statusCode).toBe(201);
    await t.db
      .update(consentPublishableKeys)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(consentPublishableKeys.id, old?.id ?? ""));
    before = await recordCount();
    const refused = await post(consentEvent(), { key: "pk_demo_beatlab" });
    expect(refused.statusCode).toBe(401);
    expect(errorOf(refused).message).toMatch(/expired after rotation/);
    await nothingStored();
  });

  it("401 for a suspended tenant's key", async () => {
    await t.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, ids.fjordsound));
    try {
      expect((await post(consentEvent(), { key: "pk_demo_fjordsound" })).statusCode).toBe(401);
    } finally {
      await t.db.update(tenants).set({ status: "active" }).where(eq(tenants.id, ids.fjordsound));
    }
    await nothingStored();
  });

  it("401 for a demo key in production", async () => {
    const production = await buildApp({
      db: t.db,
      dbKind: t.kind,
      publicUrl: PUBLIC_URL,
      logLevel: "silent",
      production: true,
      ingestCacheTtlMs: 0,
      sessionSecret: TEST_SESSION_SECRET,
    });
    try {
      const response = await production.inject({
        method: "POST",
        url: "/api/public/consent",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        payload: JSON.stringify(consentEvent()),
      });
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).message).toBe("Demo keys are refused in production");
    } finally {
      await production.close();
    }
    await nothingStored();
  });

  it("403 from an origin that is neither the tenant's verified domain nor a development origin", async () => {
    const response = await post(consentEvent(), { origin: "https://evil.example" });
    expect(response.statusCode).toBe(403);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(errorOf(response).message).toContain("https://evil.example");
    // Another tenant's verified domain is not this tenant's.
    expect((await post(consentEvent(), { key: BEATLAB_KEY, origin: SHOP })).statusCode).toBe(403);
    await nothingStored();
  });

  it("answers preflights for origins some tenant may use, and allows the operator's development origins", async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: "OPTIONS",
        url: "/api/public/consent",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const allowed = await preflight(SHOP);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe(SHOP);
    expect(allowed.headers["access-control-allow-headers"]).toContain("authorization");
    expect((await preflight("https://evil.example")).statusCode).toBe(403);

    // Outside production the console's own origin (the demo storefront) may post; listed development origins too.
    expect((await post(consentEvent(), { origin: PUBLIC_URL })).statusCode).toBe(201);
    expect((await post(consentEvent(), { origin: "http://localhost:5173" })).statusCode).toBe(403);
    await t.db.insert(consentDevOrigins).values({ origin: "http://localhost:5173" });
    expect((await preflight("http://localhost:5173")).statusCode).toBe(204);
    expect((await post(consentEvent(), { key: BEATLAB_KEY, origin: "http://localhost:5173" })).statusCode).toBe(201);
  });

  it("413 for a body over 64 KB (one event) or 1 MB (a batch), with the same JSON error shape", async () => {
    const big = consentEvent({ path: `/${"a".repeat(70 * 1024)}` });
    const single = await post(big);
    expect(single.statusCode).toBe(413);
    expect(errorOf(single)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const batch = await post({ events: Array.from({ length: 20 }, () => big) }, { batch: true });
    expect(batch.statusCode).toBe(413);
    await nothingStored();
  });

  it("400 for malformed JSON, a missing or unknown field, and a non-JSON body, naming the problem", async () => {
    const malformed = await post('{"subjectId": ');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).message).toMatch(/not valid JSON/);

    const { consentId: _dropped, ...missing } = consentEvent();
    const missingField = await post(missing);
    expect(missingField.statusCode).toBe(400);
    expect(errorOf(missingField).problems).toContainEqual({ path: "consentId", message: "consentId is required" });

    const unknown = await post({ ...consentEvent(), purpose: {} });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).problems?.[0]?.path).toBe("purpose");

    const xml = await post("<consent/>", { headers: { "content-type": "application/xml" } });
    expect(xml.statusCode).toBe(415);
    expect(errorOf(xml).message).toMatch(/Content-Type: application\/json/);
    await nothingStored();
  });

  it("400 for a batch with one invalid event, naming its index, and stores none of it", async () => {
    const events = Array.from({ length: 6 }, () => consentEvent());
    events[3] = consentEvent({ action: "maybe" });
    const response = await post({ events }, { batch: true });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(/^events\[3\]\.action/);
    expect(errorOf(response).problems?.map((problem) => problem.path)).toEqual(["events[3].action"]);

    const tooMany = await post({ events: Array.from({ length: MAX_CONSENT_BATCH + 1 }, () => consentEvent()) }, { batch: true });
    expect(tooMany.statusCode).toBe(400);
    expect(errorOf(tooMany).message).toMatch(/1 to 500/);
    await nothingStored();
  });

  it("422 for a policy version never published, or a purpose the version does not define", async () => {
    const neverPublished = await post(consentEvent({ policy: { kind: "privacy", version: "9.0" } }));
    expect(neverPublished.statusCode).toBe(422);
    expect(errorOf(neverPublished).problems?.[0]?.path).toBe("policy.version");

    // 1.0 asked nothing about product analytics.
    const undefinedPurpose = await post(consentEvent({ policy: { kind: "privacy", version: "1.0" } }));
    expect(undefinedPurpose.statusCode).toBe(422);
    expect(errorOf(undefinedPurpose).problems).toContainEqual({
      path: "purposes.product_analytics",
      message: "purposes.product_analytics is not a purpose of privacy 1.0",
    });

    const events = [consentEvent(), consentEvent({ purposes: { preferences: "acknowledged" } })];
    const batch = await post({ events }, { batch: true });
    expect(batch.statusCode).toBe(422);
    expect(errorOf(batch).problems?.[0]?.path).toMatch(/^events\[1\]\.purposes\./);
    await nothingStored();
  });

  it("429 with Retry-After once the key's events-per-second budget is spent, configurable per tenant", async () => {
    await t.db.insert(consentIngestSettings).values({ tenantId: ids.fjordsound, ratePerSecond: 1, burst: MAX_CONSENT_BATCH });
    const events = Array.from({ length: MAX_CONSENT_BATCH }, () => consentEvent());
    const first = await post({ events }, { key: "pk_demo_fjordsound", batch: true });
    expect(first.statusCode).toBe(201);
    before = await recordCount();
    const limited = await post(consentEvent(), { key: "pk_demo_fjordsound" });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(errorOf(limited).message).toMatch(/1 events a second/);
    await nothingStored();
    // Other tenants keep their own budget.
    expect((await post(consentEvent())).statusCode).toBe(201);
  });

  it("never answers a 5xx, whatever the body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.record({ events: fc.array(fc.anything(), { maxLength: 3 }) }), fc.string()),
        async (body) => {
          const text = typeof body === "string" ? body : JSON.stringify(body);
          const single = await post(text ?? "null");
          const batch = await post(text ?? "null", { batch: true });
          expect(single.statusCode).toBeLessThan(500);
          expect(batch.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("concurrency", () => {
  it("gives one tenant a gap-free, verifiable chain under parallel single and batch posts", async () => {
    const posts = Array.from({ length: 60 }, (_, index) =>
      index % 6 === 0
        ? post({ events: Array.from({ length: 20 }, () => consentEvent()) }, { key: BEATLAB_KEY, batch: true })
        : post(consentEvent(), { key: BEATLAB_KEY }),
    );
    const responses = await Promise.all(posts);
    expect(responses.map((response) => response.statusCode).every((status) => status === 201)).toBe(true);
    const acked = responses.flatMap((response) => {
      const body = response.json() as { seq?: number; records?: { seq: number }[] };
      return body.records ? body.records.map((record) => record.seq) : [body.seq as number];
    });
    expect(acked).toHaveLength(50 + 10 * 20);
    const stored = await t.db
      .select({ seq: consentRecords.seq })
      .from(consentRecords)
      .where(eq(consentRecords.tenantId, ids.beatlab))
      .orderBy(asc(consentRecords.seq));
    expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: stored.length }, (_, index) => index + 1));
    expect(new Set(acked).size).toBe(acked.length);
    for (const seq of acked) expect(stored.some((row) => row.seq === seq)).toBe(true);
    const report = await verifyTenantLedger(t.db, ids.beatlab, TEST_TRUSTED_KEYS);
    expect(report).toMatchObject({ ok: true, records: stored.length, problem: null });
  });
});
