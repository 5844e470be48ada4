/**
 * /readyz and /metrics: ready only with the database answering, every shipped migration applied
 * and the job runner ticking (503 naming what failed otherwise); metrics only with the token, in
 * Prometheus text, labelled by route pattern, and moving with requests, ledger commits, webhooks
 * and job runs.
 */
import { createHmac } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrationsFolder, queryRows } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { loadEnv } from "../src/env.js";
import { createJobRunner, type JobDefinition, type JobRunner } from "../src/jobs/runner.js";
import { checkReadiness } from "../src/observability/readiness.js";
import { SIMULATOR_WEBHOOK_SECRETS } from "../src/stripe/stripe-gateway.js";
import { TEST_SESSION_SECRET } from "./harness.js";
import { consentEvent } from "./ledger-fixtures.js";

const TOKEN = "metrics-token-for-tests-0123456789";
const PUBLIC_URL = "http://console.test";

let t: TestDatabase;
let app: FastifyInstance;
let clockMs = Date.parse("2030-01-01T00:00:00Z");
let failNextRun = false;

const job: JobDefinition = {
  name: "observability-test-job",
  intervalMs: 1000,
  run: async () => {
    if (failNextRun) {
      failNextRun = false;
      throw new Error("failed on purpose");
    }
    return { ok: true };
  },
};
let jobs: JobRunner;

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = createJobRunner({
    db: t.db,
    jobs: [job],
    tickMs: 60_000,
    now: () => new Date(clockMs),
    onRun: (run) => app.metrics?.jobRan(run),
  });
  app = await buildApp({
    db: t.db,
    dbKind: t.kind,
    publicUrl: PUBLIC_URL,
    logLevel: "silent",
    ingestCacheTtlMs: 0,
    jobRunner: jobs,
    metricsToken: TOKEN,
    poolStats: t.poolStats,
    sessionSecret: TEST_SESSION_SECRET,
  });
});
afterAll(async () => {
  await jobs.stop();
  await app.close();
  await t.close();
});

const readyz = async (target = app) => {
  const response = await target.inject({ method: "GET", url: "/readyz" });
  return { status: response.statusCode, body: response.json() as { status: string; reason?: string; checks: Record<string, string> } };
};
const scrape = (authorization?: string, target = app) =>
  target.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });
const metricsText = async () => {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.statusCode).toBe(200);
  return response.body;
};
/** One series' value ("name{labels}" exactly as Prometheus prints it), 0 when absent. */
const seriesValue = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe("GET /readyz", () => {
  it("waits for the job runner to start, then is ready with every check ok", async () => {
    expect(await readyz()).toMatchObject({ status: 503, body: { status: "not_ready", reason: "job runner not started" } });
    jobs.start();
    await jobs.tick();
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.database).toBe("ok");
    expect(body.checks.migrations).toMatch(/^ok \(\d+ applied\)$/);
    expect(body.checks.jobRunner).toBe("ok");
  });

  it("is not ready when the runner has not finished a tick for too long, and ready again after one", async () => {
    clockMs += 10 * 60_000;
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.reason).toBe("job runner stuck: no tick finished for 600 s");
    expect(body.checks.database).toBe("ok");
    await jobs.tick();
    expect((await readyz()).status).toBe(200);
  });

  it("is not ready when the database lacks a shipped migration, naming it", async () => {
    const [latest] = await queryRows<{ id: number; hash: string; created_at: string }>(
      t.db,
      sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    if (!latest) throw new Error("no applied migrations");
    const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
      entries: { tag: string; when: number }[];
    };
    const tag = journal.entries.find((entry) => entry.when === Number(latest.created_at))?.tag;
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${latest.id}`);
    try {
      const { status, body } = await readyz();
      expect(status).toBe(503);
      expect(body.reason).toBe(`migrations: 1 of ${journal.entries.length} not applied: ${tag}`);
    } finally {
      await t.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest.id}, ${latest.hash}, ${latest.created_at})`,
      );
    }
    expect((await readyz()).status).toBe(200);
  });

  it("is not ready when the build ships a migration the database never ran (a journal entry more)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "pc-migrations-"));
    try {
      cpSync(migrationsFolder, folder, { recursive: true });
      const path = join(folder, "meta/_journal.json");
      const journal = JSON.parse(readFileSync(path, "utf8")) as { entries: { idx: number; tag: string; when: number }[] };
      journal.entries.push({ idx: journal.entries.length, tag: "9999_not_applied", when: Date.parse("2099-01-01T00:00:00Z") });
      writeFileSync(path, JSON.stringify(journal));
      const result = await checkReadiness({ db: t.db, migrationsFolder: folder });
      expect(result).toMatchObject({ ready: false, reason: `migrations: 1 of ${journal.entries.length} not applied: 9999_not_applied` });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("treats a missing job runner as not configured, and a closed database as unreachable", async () => {
    const other = await createTestDatabase();
    const bare = await buildApp({
      db: other.db,
      dbKind: other.kind,
      publicUrl: PUBLIC_URL,
      logLevel: "silent",
      sessionSecret: TEST_SESSION_SECRET,
    });
    try {
      expect(await readyz(bare)).toMatchObject({
        status: 200,
        body: { status: "ready", checks: { database: "ok", jobRunner: "not configured" } },
      });
      await other.close();
      const { status, body } = await readyz(bare);
      expect(status).toBe(503);
      expect(body.status).toBe("not_ready");
      expect(body.reason).toMatch(/^database: unreachable \(.+\)$/);
      expect(body.checks.migrations).toBe("not checked");
    } finally {
      await bare.close();
    }
  });
});

describe("GET /metrics", () => {
  it("does not exist without a token configured", async () => {
    const bare = await buildApp({
      db: t.db,
      dbKind: t.kind,
      publicUrl: PUBLIC_URL,
      logLevel: "silent",
      sessionSecret: TEST_SESSION_SECRET,
    });
    try {
      expect((await scrape(`Bearer ${TOKEN}`, bare)).statusCode).toBe(404);
      expect(bare.metrics).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it("answers 401 without the token, with another, or in another scheme", async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, "Bearer short", `Basic ${TOKEN}`, `Bearer`]) {
      const response = await scrape(authorization);
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(response.body).not.toContain("pc_http");
    }
  });

  it("counts requests by method, route pattern and status class", async () => {
    const before = await metricsText();
    const config = 'pc_http_requests_total{method="GET",route="/api/public/tenants/:slug/config",status_class="2xx"}';
    const trpc = 'pc_http_requests_total{method="GET",route="/trpc/auth.me",status_class="2xx"}';
    const unknownTrpc = 'pc_http_requests_total{method="GET",route="/trpc/:path",status_class="4xx"}';
    const unmatched = 'pc_http_requests_total{method="GET",route="unmatched",status_class="4xx"}';
    for (let i = 0; i < 3; i++)
      expect((await app.inject({ method: "GET", url: "/api/public/tenants/northwave/config" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/trpc/auth.me" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/trpc/no.such.procedure" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/nothing/here?x=1" })).statusCode).toBe(404);
    const after = await metricsText();
    expect(seriesValue(after, config) - seriesValue(before, config)).toBe(3);
    expect(seriesValue(after, trpc) - seriesValue(before, trpc)).toBe(1);
    expect(seriesValue(after, unknownTrpc) - seriesValue(before, unknownTrpc)).toBe(1);
    expect(seriesValue(after, unmatched) - seriesValue(before, unmatched)).toBe(1);
    expect(after).toContain(
      'pc_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/public/tenants/:slug/config",status_class="2xx"}',
    );
    // Raw URLs never become labels.
    expect(after).not.toContain("northwave/config");
    expect(after).not.toContain("no.such.procedure");
    expect(after).not.toContain("/api/nothing");
  });

  it("reports ledger commits, the ingestion queue, webhook lag, job runs and default process metrics", async () => {
    const before = await metricsText();
    const consent = await app.inject({
      method: "POST",
      url: "/api/public/consent",
      headers: { authorization: "Bearer pk_demo_northwave", "content-type": "application/json" },
      payload: JSON.stringify(consentEvent()),
    });
    expect(consent.statusCode).toBe(201);

    const body = JSON.stringify({
      id: "evt_metrics_lag",
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000) - 30,
      type: "customer.created",
      data: { object: { id: "cus_1", object: "customer" } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });
    const at = Math.floor(Date.now() / 1000);
    const signature = `t=${at},v1=${createHmac("sha256", SIMULATOR_WEBHOOK_SECRETS.platform).update(`${at}.${body}`).digest("hex")}`;
    const webhook = await app.inject({
      method: "POST",
      url: "/api/stripe/webhook",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      payload: body,
    });
    expect(webhook.statusCode).toBe(200);

    clockMs += 2000;
    await jobs.tick();
    failNextRun = true;
    clockMs += 2000;
    await jobs.tick();

    const after = await metricsText();
    expect(seriesValue(after, "pc_ledger_commit_entries_count") - seriesValue(before, "pc_ledger_commit_entries_count")).toBe(1);
    expect(seriesValue(after, "pc_ledger_commit_entries_sum") - seriesValue(before, "pc_ledger_commit_entries_sum")).toBe(1);
    expect(seriesValue(after, "pc_ledger_commit_seconds_count") - seriesValue(before, "pc_ledger_commit_seconds_count")).toBe(1);
    expect(after).toContain("pc_ledger_queue_entries 0");
    expect(seriesValue(after, 'pc_stripe_webhook_lag_seconds_count{endpoint="platform"}')).toBe(1);
    expect(seriesValue(after, 'pc_stripe_webhook_lag_seconds_sum{endpoint="platform"}')).toBeGreaterThanOrEqual(30);
    const runs = 'pc_job_runs_total{job="observability-test-job"}';
    const failures = 'pc_job_failures_total{job="observability-test-job"}';
    expect(seriesValue(after, runs) - seriesValue(before, runs)).toBe(2);
    expect(seriesValue(after, failures) - seriesValue(before, failures)).toBe(1);
    expect(after).toContain("process_cpu_seconds_total");
    expect(after).toContain("nodejs_eventloop_lag_seconds");
    // The pool's use on PostgreSQL; PGlite has no pool to report.
    if (t.kind === "postgres") {
      expect(seriesValue(after, "pc_db_pool_total_connections")).toBeGreaterThanOrEqual(1);
      expect(seriesValue(after, "pc_db_pool_max_connections")).toBe(4);
      expect(after).toContain("pc_db_pool_waiting_queries");
    } else {
      expect(after).not.toContain("pc_db_pool");
    }
  });

  it("keeps each app's series apart (one registry per app)", async () => {
    const other = await buildApp({
      db: t.db,
      dbKind: t.kind,
      publicUrl: PUBLIC_URL,
      logLevel: "silent",
      metricsToken: TOKEN,
      sessionSecret: TEST_SESSION_SECRET,
    });
    try {
      const text = (await scrape(`Bearer ${TOKEN}`, other)).body;
      expect(text).not.toContain('route="/trpc/auth.me"');
      expect(text).not.toContain("pc_job_runs_total{");
    } finally {
      await other.close();
    }
  });
});

describe("METRICS_TOKEN", () => {
  it("must be at least 24 characters without spaces", () => {
    expect(() => loadEnv({ METRICS_TOKEN: "too-short" })).toThrow(/^Invalid setting METRICS_TOKEN: /);
    expect(() => loadEnv({ METRICS_TOKEN: "twenty four characters with spaces" })).toThrow(/METRICS_TOKEN/);
    expect(loadEnv({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
    expect(loadEnv({}).METRICS_TOKEN).toBeUndefined();
  });
});
