/**
 * Two server processes on one PostgreSQL database behave as one: started together on an empty
 * database they migrate and seed it once; ingesting for one tenant through both at the same moment
 * keeps that tenant's chain gap-free (every acknowledged record where its answer said, seqs 1..N,
 * `npm run ledger:verify` OK); and a scheduled job (ledger checkpoints every 5 s) runs once per due
 * time, not once per process.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEMO_STAFF, DEMO_TENANTS, demoPublishableKey, migrationsFolder } from "@pc/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, runLedgerVerify, signalConsole, startConsole, stopAllConsoles } from "./console-process.js";
import { acksOf, ConsentEvents, type Outcome, postConsent, startLoad, tally } from "./ingestion-load.js";
import { chainShape, gapFree, storedAcks, tenantIdOf } from "./ledger-checks.js";
import { createOpsDatabase, type OpsDatabase } from "./ops-database.js";

const TENANT = "northwave";
const CHECKPOINT_SECONDS = 5;
/** Per server: single events (0) and batches of 50 to 500, in a shuffled order. */
const PLAN = [...Array.from({ length: 800 }, () => 0), ...Array.from({ length: 10 }, (_, i) => 50 * (i + 1))];
const CONCURRENCY = 32;
/**
 * The checkpoint job is watched until it ran at least twice and for at least this long (with a run
 * per process it would have run four times or more by then), and at most MAX_OBSERVE_MS.
 */
const MIN_OBSERVE_MS = 11_000;
const MAX_OBSERVE_MS = 40_000;
const INTERVAL_MS = CHECKPOINT_SECONDS * 1000;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface JobRow {
  runs: number;
}

describe("two server processes on one database", () => {
  let database: OpsDatabase;
  let servers: Child[] = [];

  beforeAll(async () => {
    database = await createOpsDatabase();
  });
  afterAll(async () => {
    await stopAllConsoles();
    await database?.drop();
  });

  it("start together on an empty database: the migrations and the demo data are applied once", async () => {
    const settings = { LEDGER_CHECKPOINT_SECONDS: String(CHECKPOINT_SECONDS) };
    // allSettled: a process that did start is kept (and stopped afterwards) even when the other failed.
    const started = await Promise.allSettled([startConsole(database.url, settings), startConsole(database.url, settings)]);
    servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    for (const result of started) if (result.status === "rejected") throw result.reason;

    const journal = JSON.parse(readFileSync(resolve(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const [migrations] = await database.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(migrations?.n).toBe(journal.entries.length);
    const [counts] = await database.query<{ tenants: number; users: number }>(
      "select (select count(*)::int from tenants) as tenants, (select count(*)::int from users) as users",
    );
    expect(counts).toEqual({ tenants: DEMO_TENANTS.length, users: DEMO_STAFF.length + 2 * DEMO_TENANTS.length });
  });

  it("ingest for one tenant through both at the same moment: every acknowledged record stored, seqs 1..N, the verifier passes", async () => {
    expect(servers).toHaveLength(2);
    const tenantId = await tenantIdOf(database, TENANT);
    const key = demoPublishableKey(TENANT);
    const before = await chainShape(database, tenantId);
    expect(before).toEqual(gapFree(before.records));

    const observeFrom = performance.now();
    const observeFromDate = new Date();
    const jobBefore = await checkpointJob(database);
    const loads = servers.map((server, index) => {
      const plan = shuffled(PLAN, index + 1);
      return startLoad({
        server: server.url,
        key,
        events: new ConsentEvents(`two_${index}`),
        concurrency: CONCURRENCY,
        next: () => plan.pop() ?? null,
      });
    });
    const loadMs = loads.map(() => 0);
    const loadsDone = Promise.all(loads.map((load, i) => load.finished.then(() => (loadMs[i] = performance.now() - observeFrom))));
    // A trickle through both servers by turns while the checkpoint job is watched, so that every
    // run of it finds a head that moved (and would sign a checkpoint of its own).
    const trickle: Outcome[] = [];
    const trickleEvents = new ConsentEvents("two_trickle");
    let jobAfter = jobBefore;
    for (let turn = 0; ; turn++) {
      trickle.push(await postConsent((servers[turn % 2] as Child).url, key, trickleEvents, 0));
      await sleep(150);
      const elapsed = performance.now() - observeFrom;
      if (turn % 5 !== 4 && elapsed < MAX_OBSERVE_MS) continue;
      jobAfter = await checkpointJob(database);
      const loadsFinished = loadMs.every((ms) => ms > 0);
      if ((loadsFinished && jobAfter.runs - jobBefore.runs >= 2 && elapsed >= MIN_OBSERVE_MS) || elapsed >= MAX_OBSERVE_MS) break;
    }
    await loadsDone;
    const observedMs = performance.now() - observeFrom;

    const outcomes = [...loads.flatMap((load) => load.outcomes), ...trickle];
    const sent = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
    expect(tally(outcomes)).toEqual({ "201": outcomes.length });
    for (const server of servers)
      expect(outcomes.filter((outcome) => outcome.server === server.url).length).toBeGreaterThanOrEqual(PLAN.length);
    const acks = acksOf(outcomes);
    console.info(
      `two servers: ${sent} events in ${outcomes.length} requests; the loads took ${loadMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(" and ")}`,
    );
    expect(acks).toHaveLength(sent);
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(acks.length);
    expect(await storedAcks(database, tenantId, acks)).toBe(acks.length);
    expect(await chainShape(database, tenantId)).toEqual(gapFree(before.records + acks.length));

    const verify = await runLedgerVerify(database.url, TENANT);
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toContain("OK: every chain verifies.");
    expect(verify.code).toBe(0);

    // Once per due time: a run claims its due time and sets the next one an interval later, so in
    // the time watched at most one run per interval (+1) can start, from whichever process; with a
    // run per process it would be about twice that. Checkpoints (one per run that found moved
    // heads) are then at least an interval apart, less the time a run takes to sign.
    // (A claim already on its way when the watch began may count too: one second's allowance.)
    const runs = jobAfter.runs - jobBefore.runs;
    console.info(
      `two servers: the checkpoint job ran ${runs} times in ${(observedMs / 1000).toFixed(1)} s (every ${CHECKPOINT_SECONDS} s)`,
    );
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(Math.floor((observedMs + 1000) / INTERVAL_MS) + 1);
    const checkpoints = await database.query<{ signed_at: Date }>(
      "select signed_at from consent_checkpoints where tenant_id = $1 and signed_at >= $2 order by signed_at",
      [tenantId, observeFromDate],
    );
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    const gaps = checkpoints
      .slice(1)
      .map((row, i) => row.signed_at.getTime() - (checkpoints[i] as { signed_at: Date }).signed_at.getTime());
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - 1000);
  });

  it("both stop on SIGTERM with exit code 0", async () => {
    expect(servers).toHaveLength(2);
    const exits = await Promise.all(servers.map((server) => signalConsole(server, "SIGTERM")));
    for (const exit of exits) expect(exit).toMatchObject({ code: 0, signal: null });
  });
});

async function checkpointJob(database: OpsDatabase): Promise<JobRow> {
  const [row] = await database.query<{ runs: number }>("select runs::int as runs from scheduled_jobs where name = 'ledger-checkpoint'");
  if (!row) throw new Error("The ledger-checkpoint job is not registered");
  return row;
}
