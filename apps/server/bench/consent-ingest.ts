/**
 * `npm run bench:ingest`: how fast the console ingests consent events, against what a bare Node
 * HTTP server does on the same machine with the same load generator in the same run.
 *
 * 1. Baseline: bare node:http (bare-server.ts) answering each event 201.
 * 2. POST /api/public/consent (one event per request) on PostgreSQL and/or PGlite, each a fresh
 *    database with the demo tenants' rate limits raised so the limiter is not what is measured.
 * 3. POST /api/public/consent/batch with 500 events per request.
 * 4. A table: requests/s, events/s, p50/p99 latency, refusals and errors, the ratio of single-event
 *    events/s to the baseline's requests/s, the server's peak memory; PASS/FAIL against the
 *    targets on PostgreSQL. Missing a target does not fail the run: it is a measurement.
 * 5. Correctness: every acknowledged record is stored with the seq and hash it was acknowledged
 *    with, every tenant's chain verifies, no 5xx. Any failure here exits 1.
 *
 * Options: --duration <s> (10) --warmup <s> (3) --connections <n> (DEFAULT_CONNECTIONS)
 *   --batch-connections <n> (DEFAULT_BATCH_CONNECTIONS) --db postgres|pglite|both
 *   --postgres-url <url> (postgres://postgres@127.0.0.1:5432) --cpu-prof --json <file>
 *   --quiet-wait <s> (60: before each phase, wait up to this long for other work on the machine to stop)
 *   --server-arg <node option> (repeatable: e.g. --server-arg=--max-old-space-size=128)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Result } from "autocannon";
import {
  type BenchDatabase,
  type BenchDbKind,
  checkLedger,
  committedTransactions,
  countRecords,
  createPostgresDatabase,
  pgliteDatabase,
  postgresReachable,
  prepareDatabase,
} from "./bench-database.js";
import { readSettings, type Settings } from "./bench-settings.js";
import { AckLog, BATCH_SIZE, EventFactory, type LoadOptions, type RefusalSamples, runLoad } from "./consent-load.js";
import { formatSummary, readProfile, summarizeProfile, type Window } from "./cpu-profile-summary.js";
import { measureCpu, waitForQuietMachine } from "./cpu-usage.js";
import { type Child, procStatusKb, sampleRss, startBareServer, startConsoleServer, stopChild } from "./processes.js";
import { type DbOutcome, formatReport, type PhaseRow } from "./report.js";

const log = (line: string) => process.stderr.write(`· ${line}\n`);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

interface Phase {
  target: string;
  db: PhaseRow["db"];
  load: LoadOptions;
  /** The process under load. */
  pid: number;
  /** PostgreSQL: read its commit counter around the phase. */
  database?: BenchDatabase;
  /** Seconds to wait at most for other work on the machine to stop first (0: don't). */
  quietWaitSeconds: number;
  /** Seconds of load before the measurement starts (JIT, caches, connection pools). */
  warmupSeconds: number;
}

/**
 * Runs one measured phase: the load for `load.duration` seconds while sampling the server's memory,
 * the CPU of everything on the machine and (PostgreSQL) its commit counter. Answers the row and
 * the phase's time window on the monotonic clock (for the CPU profile).
 */
async function measuredPhase(phase: Phase): Promise<{ row: PhaseRow; results: Result[]; window: Window }> {
  const { target, db, load, pid, database, quietWaitSeconds, warmupSeconds } = phase;
  if (quietWaitSeconds > 0) {
    const wait = await waitForQuietMachine(pid, { maxWaitMs: quietWaitSeconds * 1000 });
    if (!wait.quiet)
      log(`${target}: other work still uses ${wait.otherCores.toFixed(2)} cores after ${quietWaitSeconds} s: measuring anyway`);
    else if (wait.waitedMs > 2500) log(`${target}: waited ${(wait.waitedMs / 1000).toFixed(0)} s for other work on the machine to stop`);
  }
  const results: Result[] = [];
  if (warmupSeconds > 0) results.push((await runLoad({ ...load, duration: warmupSeconds })).result);
  const commitsBefore = database ? await committedTransactions(database) : null;
  const rss = sampleRss(pid);
  const cpu = measureCpu(pid);
  const window: Window = { fromUs: nowUs(), toUs: 0 };
  const { result, eventsAcknowledged: events } = await runLoad(load);
  window.toUs = nowUs();
  const used = cpu.stop();
  const rssPeakMb = rss.stop();
  const commitsAfter = database ? await committedTransactions(database) : null;
  const commits = commitsBefore !== null && commitsAfter !== null ? commitsAfter - commitsBefore : null;
  const seconds = result.duration;
  const row: PhaseRow = {
    target,
    db,
    endpoint: load.endpoint,
    connections: load.connections,
    seconds,
    requestsPerSecond: result["2xx"] / seconds,
    eventsPerSecond: events / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    fiveXx: result["5xx"],
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    rssPeakMb,
    cpu: used,
    serverCpuUsPerEvent: (used.serverSeconds * 1e6) / Math.max(1, events),
    postgresCpuUsPerEvent: db === "postgres" ? (used.postgresSeconds * 1e6) / Math.max(1, events) : 0,
    eventsPerCommit: commits ? events / commits : null,
  };
  results.push(result);
  return { row, results, window };
}

/** Children and databases this run made, removed however the run ends. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => log(`clean-up failed: ${String(error)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and removing the databases this run made`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function owned<T extends Child>(child: T): T {
  cleanups.push(() => stopChild(child));
  return child;
}

async function measureBaseline(settings: Settings, events: EventFactory): Promise<PhaseRow> {
  log("baseline: bare node:http server");
  const bare = owned(await startBareServer());
  const acks = new AckLog();
  const refusals: RefusalSamples = new Map();
  const load: LoadOptions = {
    url: bare.url,
    endpoint: "bare",
    connections: settings.connections,
    duration: settings.duration,
    events,
    acks,
    refusals,
  };
  const { row } = await measuredPhase({
    target: "bare node:http",
    db: "none",
    load,
    pid: bare.pid,
    quietWaitSeconds: settings.quietWaitSeconds,
    warmupSeconds: settings.warmup,
  });
  await stopChild(bare);
  return row;
}

async function measureDatabase(
  kind: BenchDbKind,
  settings: Settings,
  events: EventFactory,
  profileDir: string | undefined,
): Promise<DbOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-ingest-${kind}-`));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const database: BenchDatabase =
    kind === "postgres" ? await createPostgresDatabase(settings.postgresUrl, dataDir) : pgliteDatabase(dataDir);
  cleanups.push(() => database.dispose());
  log(
    `${kind}: migrating, seeding, raising the demo tenants' rate limits${kind === "postgres" ? ` (${database.databaseUrl})` : ` (${dataDir})`}`,
  );
  await prepareDatabase(database);
  const recordsBefore = await countRecords(database);

  const server = owned(
    await startConsoleServer({
      databaseUrl: database.databaseUrl,
      dataDir,
      cpuProfileDir: profileDir,
      nodeArgs: settings.serverArgs,
      build: settings.server,
      // No demo sales: a development start would otherwise make six months of them through the
      // Stripe simulator before listening, which production never does (and which set the
      // server's memory peak before any consent event arrived).
      env: { DEMO_PAYMENT_DAYS: "0" },
    }),
  );
  const serverIdleRssMb = (procStatusKb(server.pid, "VmRSS") ?? 0) / 1024;
  const acks = new AckLog();
  const refusals: RefusalSamples = new Map();
  const results: Result[] = [];
  const single: LoadOptions = {
    url: server.url,
    endpoint: "single",
    connections: settings.connections,
    duration: settings.duration,
    events,
    acks,
    refusals,
  };
  const batch: LoadOptions = { ...single, endpoint: "batch", connections: settings.batchConnections };
  const postgres = kind === "postgres" ? database : undefined;

  log(`${kind}: POST /api/public/consent, ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s`);
  const singlePhase = await measuredPhase({
    target: `${kind} single`,
    db: kind,
    load: single,
    pid: server.pid,
    database: postgres,
    quietWaitSeconds: settings.quietWaitSeconds,
    warmupSeconds: settings.warmup,
  });
  results.push(...singlePhase.results);

  log(`${kind}: POST /api/public/consent/batch (${BATCH_SIZE} events), ${settings.batchConnections} connections`);
  const batchPhase = await measuredPhase({
    target: `${kind} batch×${BATCH_SIZE}`,
    db: kind,
    load: batch,
    pid: server.pid,
    database: postgres,
    quietWaitSeconds: settings.quietWaitSeconds,
    warmupSeconds: Math.min(settings.warmup, 2),
  });
  results.push(...batchPhase.results);

  const serverHwmMb = (procStatusKb(server.pid, "VmHWM") ?? 0) / 1024;
  await stopChild(server);

  log(`${kind}: checking ${acks.size.toLocaleString("en")} acknowledged records and every tenant's chain`);
  const check = await checkLedger(database, acks);
  const fiveXxAllPhases = results.reduce((sum, result) => sum + result["5xx"], 0);
  const problems: string[] = [];
  if (fiveXxAllPhases > 0) problems.push(`${fiveXxAllPhases} answers were 5xx`);
  if (check.ackedDuplicates > 0) problems.push(`${check.ackedDuplicates} record ids were acknowledged twice`);
  if (check.ackedFound !== acks.size) {
    problems.push(`${acks.size - check.ackedFound} of ${acks.size} acknowledged records are missing or stored with another seq/hash`);
  }
  for (const chain of check.chains) if (!chain.ok) problems.push(`tenant ${chain.tenantId}: the chain ${chain.problem}`);
  if (check.storedRecords - recordsBefore < acks.size) problems.push("fewer records were stored than acknowledged");

  const outcome: DbOutcome = {
    kind,
    single: singlePhase.row,
    batch: batchPhase.row,
    serverHwmMb,
    serverIdleRssMb,
    acked: acks.size,
    recordsBefore,
    check,
    fiveXxAllPhases,
    refusals,
    correctnessProblems: problems,
  };
  if (profileDir) {
    const file = readdirSync(profileDir).find((name) => name.includes(`.${server.pid}.0.`) && name.endsWith(".cpuprofile"));
    if (file) {
      const profile = readProfile(join(profileDir, file));
      outcome.profile = {
        file: join(profileDir, file),
        single: formatSummary(summarizeProfile(profile, singlePhase.window)),
        batch: formatSummary(summarizeProfile(profile, batchPhase.window)),
      };
    } else {
      log(`${kind}: no CPU profile was written for pid ${server.pid} in ${profileDir}`);
    }
  }
  await database.dispose();
  return outcome;
}

async function main(): Promise<number> {
  const settings = readSettings();
  const kinds: BenchDbKind[] = [];
  if (settings.db !== "pglite") {
    if (await postgresReachable(settings.postgresUrl)) kinds.push("postgres");
    else if (settings.dbExplicit) {
      throw new Error(
        `PostgreSQL does not answer at ${settings.postgresUrl}: start it (pg_ctlcluster --skip-systemctl-redirect 15 main start) or pass --postgres-url`,
      );
    } else log(`PostgreSQL does not answer at ${settings.postgresUrl}: measuring PGlite only`);
  }
  if (settings.db !== "postgres") kinds.push("pglite");

  const tag = randomBytes(4).toString("hex");
  const events = new EventFactory(tag, new Date().toISOString());
  const profileDir = settings.cpuProf ? mkdtempSync(join(tmpdir(), "bench-ingest-profiles-")) : undefined;

  const bare = await measureBaseline(settings, events);
  const outcomes: DbOutcome[] = [];
  for (const kind of kinds) outcomes.push(await measureDatabase(kind, settings, events, profileDir));
  await cleanUp();

  const report = formatReport(settings, bare, outcomes);
  process.stdout.write(`${report}\n`);

  if (settings.json) {
    const file = resolve(settings.json);
    const json = {
      at: new Date().toISOString(),
      settings,
      bare,
      outcomes: outcomes.map(({ refusals, ...outcome }) => ({ ...outcome, refusals: Object.fromEntries(refusals) })),
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    log(`results written to ${file}`);
  }
  if (settings.cpuProf && profileDir) log(`CPU profiles kept in ${profileDir}`);
  return outcomes.some((outcome) => outcome.correctnessProblems.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(`bench:ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
