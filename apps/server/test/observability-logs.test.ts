/**
 * The log of a full run: sign-in, tRPC calls, consent events from IPv4 and IPv6 addresses, a
 * webhook, an export, a job run, and failures whose errors carry personal data (a database error
 * while storing a consent event, and while inviting someone by e-mail). Every line is JSON, every
 * line of a request names its request id, a job run's lines name the run, and no password,
 * session token, raw subject id, e-mail address, IP address or secret appears anywhere.
 */
import { createHmac } from "node:crypto";
import { DEMO_PASSWORD } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createJobRunner } from "../src/jobs/runner.js";
import { scrubText, serializeError } from "../src/observability/logging.js";
import { SIMULATOR_WEBHOOK_SECRETS } from "../src/stripe/stripe-gateway.js";
import { TEST_SESSION_SECRET } from "./harness.js";
import { consentEvent } from "./ledger-fixtures.js";

const PUBLIC_URL = "http://console.test";
const METRICS_TOKEN = "log-test-metrics-token-0123456789";
const IPV4 = "203.0.113.77";
const IPV6 = "2001:db8:85a3::8a2e:370:7334";
const SUBJECT_ID = "dev_subject_7f3a9c_private";
const INVITEE = "jane.invitee@example.org";
const WRONG_PASSWORD = "not-the-password-9931";
const CSRF = { "x-pc-csrf": "1", "content-type": "application/json" };

let t: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];
/** Values that must not appear in the log, gathered as the run produces them (session tokens). */
const secrets = new Set<string>([
  DEMO_PASSWORD,
  WRONG_PASSWORD,
  SUBJECT_ID,
  INVITEE,
  IPV4,
  IPV6,
  "203.0.113.0", // the stored (truncated) address
  SIMULATOR_WEBHOOK_SECRETS.platform,
  SIMULATOR_WEBHOOK_SECRETS.connect,
  METRICS_TOKEN,
  "pk_demo_northwave",
]);

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp({
    db: t.db,
    dbKind: t.kind,
    publicUrl: PUBLIC_URL,
    logLevel: "debug",
    ingestCacheTtlMs: 0,
    metricsToken: METRICS_TOKEN,
    logDestination: { write: (line) => lines.push(line) },
    sessionSecret: TEST_SESSION_SECRET,
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

function sessionOf(response: { headers: Record<string, unknown> }): string {
  const token = /pc_session=([^;]+)/.exec(String(response.headers["set-cookie"]))?.[1];
  if (!token) throw new Error("no session cookie");
  secrets.add(token);
  return token;
}

const trpcPost = (path: string, input: unknown, options: { token?: string; remoteAddress?: string } = {}) =>
  app.inject({
    method: "POST",
    url: `/trpc/${path}`,
    headers: { ...CSRF, ...(options.token ? { cookie: `pc_session=${options.token}` } : {}) },
    payload: JSON.stringify({ json: input }),
    remoteAddress: options.remoteAddress ?? IPV4,
  });

const postConsent = (event: unknown, remoteAddress: string) =>
  app.inject({
    method: "POST",
    url: "/api/public/consent",
    headers: { authorization: "Bearer pk_demo_northwave", "content-type": "application/json", "user-agent": "Mozilla/5.0 (log test)" },
    payload: JSON.stringify(event),
    remoteAddress,
  });

/** Every insert into the table fails while `work` runs: a database error carrying the row's values. */
async function failingInserts<T>(table: string, work: () => Promise<T>): Promise<T> {
  await t.db.execute(
    sql.raw(
      "create or replace function pc_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by a test trigger'; end $$",
    ),
  );
  await t.db.execute(sql.raw(`create trigger pc_test_refuse before insert on ${table} for each row execute function pc_test_refuse()`));
  try {
    return await work();
  } finally {
    await t.db.execute(sql.raw(`drop trigger pc_test_refuse on ${table}`));
  }
}

async function fullRun() {
  await app.inject({ method: "GET", url: "/healthz", remoteAddress: IPV4 });
  expect((await trpcPost("auth.login", { email: "admin@northwave.test", password: WRONG_PASSWORD })).statusCode).toBe(401);
  const admin = sessionOf(await trpcPost("auth.login", { email: "admin@northwave.test", password: DEMO_PASSWORD }));
  const staff = sessionOf(
    await trpcPost("auth.login", { email: "compliance@masterchannel.test", password: DEMO_PASSWORD }, { remoteAddress: IPV6 }),
  );
  const cookie = (token: string) => ({ cookie: `pc_session=${token}` });

  // tRPC queries, one with personal data in its query string.
  expect((await app.inject({ method: "GET", url: "/trpc/auth.me", headers: cookie(admin), remoteAddress: IPV4 })).statusCode).toBe(200);
  const input = encodeURIComponent(JSON.stringify({ json: { email: INVITEE, ip: IPV4 } }));
  await app.inject({ method: "GET", url: `/trpc/team.list?input=${input}`, headers: cookie(admin), remoteAddress: IPV4 });

  // Consent events from both address families, one of them a batch.
  expect((await postConsent(consentEvent({ subjectId: SUBJECT_ID }), IPV4)).statusCode).toBe(201);
  expect((await postConsent(consentEvent({ subjectId: `${SUBJECT_ID}_v6` }), IPV6)).statusCode).toBe(201);

  // Failures whose errors carry personal data: the ledger insert (addresses, subject digests) and an invitation (an e-mail).
  const refused = await failingInserts("consent_records", () => postConsent(consentEvent({ subjectId: SUBJECT_ID }), IPV4));
  expect(refused.statusCode).toBe(503);
  const invite = await failingInserts("invitations", () =>
    trpcPost("team.invite", { email: INVITEE, role: "partner_viewer" }, { token: admin }),
  );
  expect(invite.statusCode).toBe(500);

  // A path nobody serves, with personal data in it and in its query string.
  await app.inject({ method: "GET", url: `/api/users/${INVITEE}/from/${IPV4}/${IPV6}?ip=${IPV4}&token=${admin}`, remoteAddress: IPV4 });

  // A Stripe webhook, signed, and one with a bad signature.
  const body = JSON.stringify({
    id: "evt_log_test",
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    type: "customer.created",
    data: { object: { id: "cus_log", object: "customer", email: INVITEE } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
  const at = Math.floor(Date.now() / 1000);
  const signature = `t=${at},v1=${createHmac("sha256", SIMULATOR_WEBHOOK_SECRETS.platform).update(`${at}.${body}`).digest("hex")}`;
  const webhook = (stripeSignature: string) =>
    app.inject({
      method: "POST",
      url: "/api/stripe/webhook",
      headers: { "content-type": "application/json", "stripe-signature": stripeSignature },
      payload: body,
      remoteAddress: IPV4,
    });
  expect((await webhook(signature)).statusCode).toBe(200);
  expect((await webhook(`t=${at},v1=${"0".repeat(64)}`)).statusCode).toBe(400);

  // An export and a metrics scrape.
  const exported = await app.inject({
    method: "GET",
    url: "/api/exports/consent-records.csv?country=NO",
    headers: cookie(staff),
    remoteAddress: IPV6,
  });
  expect(exported.statusCode).toBe(200);
  expect(exported.body.trim().split("\n").length).toBeGreaterThanOrEqual(3); // the header and this run's records
  expect((await app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode).toBe(
    200,
  );

  expect((await trpcPost("auth.logout", undefined, { token: admin })).statusCode).toBe(200);
}

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  req?: unknown;
  res?: unknown;
  runId?: string;
  job?: string;
  err?: { type: string; message: string; stack: string; cause?: unknown };
  [key: string]: unknown;
}

describe("the log of a full run", () => {
  let parsed: LogLine[];

  beforeAll(async () => {
    await fullRun();
    const runner = createJobRunner({
      db: t.db,
      jobs: [{ name: "log-test-job", intervalMs: 60_000, run: async () => ({ checked: 3 }) }],
      logger: app.log,
    });
    await runner.tick();
    await runner.stop();
    parsed = lines.map((line) => JSON.parse(line) as LogLine);
  });

  it("is JSON lines, with the requests and failures of the run in it", () => {
    expect(parsed.length).toBeGreaterThan(30);
    expect(parsed.filter((line) => line.msg === "incoming request").length).toBeGreaterThanOrEqual(15);
    const ledgerFailure = parsed.find((line) => line.msg === "consent ingestion failed");
    expect(ledgerFailure?.err?.message).toMatch(/^Failed query: [\s\S]+\nparams: \[redacted\]$/);
    expect(JSON.stringify(ledgerFailure?.err)).toContain("refused by a test trigger");
    const procedureFailure = parsed.find((line) => line.msg === "procedure failed");
    expect(procedureFailure).toMatchObject({ path: "team.invite" });
    expect(procedureFailure?.err?.message).toContain("params: [redacted]");
  });

  it("names the request id on every line of a request, and the run on every line of a job", () => {
    const requestIds = new Set(parsed.filter((line) => line.msg === "incoming request").map((line) => line.reqId));
    for (const line of parsed) {
      if (line.job !== undefined) {
        expect(line.runId, JSON.stringify(line)).toMatch(/^log-test-job#\d+$/);
        continue;
      }
      // Nothing else in this run happens outside a request.
      expect(line.reqId, JSON.stringify(line)).toMatch(/^[0-9a-f-]{36}$/);
      expect(requestIds.has(line.reqId)).toBe(true);
    }
    expect(parsed.find((line) => line.msg === "procedure failed")?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed.find((line) => line.msg === "job finished")).toMatchObject({ job: "log-test-job", result: { checked: 3 } });
  });

  it("holds no password, session token, raw subject id, e-mail, IP address, key or secret", () => {
    const log = lines.join("");
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
    // The match itself, so that a failure shows what leaked.
    expect(log.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/)?.[0]).toBeUndefined();
    expect(log.match(/\b(?:\d{1,3}\.){3}\d{1,3}\b/)?.[0]).toBeUndefined();
    expect(log.match(/(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}(?![\w:.])/i)?.[0]).toBeUndefined();
    expect(log).not.toContain("pc_session");
    expect(log).not.toMatch(/whsec_|sk_test_|sk_live_|Bearer /);
    // Query strings are dropped from request lines.
    expect(log).not.toContain("?input=");
  });
});

describe("masking free text", () => {
  it("masks e-mail and IP addresses and a failed query's values, and leaves times and stack positions alone", () => {
    expect(scrubText(`from ${IPV4} and ${IPV6}, ::1 and fe80::1ff:fe23:4567:890a for ${INVITEE} at 12:30:45 (app.ts:130:55)`)).toBe(
      "from [ip] and [ip], [ip] and [ip] for [email] at 12:30:45 (app.ts:130:55)",
    );
    expect(scrubText("Failed query: select $1::jsonb\nparams: jane@example.org,203.0.113.7")).toBe(
      "Failed query: select $1::jsonb\nparams: [redacted]",
    );
  });

  it("keeps an error's type, message, code and cause, and drops what else it carries", () => {
    const cause = Object.assign(new Error(`duplicate key for ${INVITEE}`), {
      code: "23505",
      detail: `Key (email)=(${INVITEE}) already exists.`,
    });
    const error = Object.assign(new Error("Failed query: insert into users\nparams: x", { cause }), {
      params: [INVITEE],
      body: { email: INVITEE },
    });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({
      type: "Error",
      message: "Failed query: insert into users\nparams: [redacted]",
      cause: { type: "Error", message: "duplicate key for [email]", code: "23505" },
    });
    expect(serialized.stack).toMatch(/^Error: Failed query: insert into users\n {4}at /);
    expect(JSON.stringify(serialized)).not.toContain(INVITEE);
  });
});
