/**
 * `npm run bench:audit`: how fast the consent audit workspace answers on a large ledger (made by
 * `npm run db:seed:large`), through HTTP as a compliance user, against hand-written SQL on the
 * same data in the same run:
 *
 * 1. The first page of typical searches (consentAudit.search): p50/p95 of the API and of the
 *    hand-written SQL for the same page, interleaved; target p50 ratio ≤ 1.5.
 * 2. Subject timelines (consentAudit.subjectTimeline) of many subjects of the largest tenant;
 *    target p95 < 10 ms.
 * 3. The 90-day statistics of the largest tenant (consentStats.overview, from rollups); target
 *    < 50 ms; against a naive GROUP BY over the ledger for the same figures.
 * 4. Exports of ~1M records as CSV and NDJSON, in rows/s against COPY (…) TO STDOUT of the same rows;
 *    target ≥ 0.5; the server's RSS before and after.
 *
 * Exits 1 only when correctness fails (API and SQL answer different rows, an export misses rows).
 * Options: see audit-settings.ts (--database-url, --runs, --warmup, --subjects, --export-rows,
 * --only search,timeline,stats,export, --explain, --quiet-wait, --json).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "@pc/db";
import { readSummary } from "@pc/db/seed-large";
import pg from "pg";
import { ConsoleClient } from "./audit-client.js";
import { explainSearches } from "./audit-explain.js";
import { measureExport } from "./audit-export.js";
import { type MeasuredRow, measureFloor, measureSearch, measureStats, measureTimeline } from "./audit-measure.js";
import { type AuditOutcome, correctnessProblems, formatAuditReport } from "./audit-report.js";
import { loadAuditData, searchCases } from "./audit-searches.js";
import { openServerQueries, type ServerQueries } from "./audit-server-query.js";
import { AUDIT_PORTS, readAuditSettings } from "./audit-settings.js";
import { waitForQuietMachine } from "./cpu-usage.js";
import { type Child, freePortIn, procStatusKb, startConsoleServer, stopChild } from "./processes.js";

const COMPLIANCE_USER = "compliance@masterchannel.test";
const log = (line: string) => process.stderr.write(`· ${line}\n`);

const settings = readAuditSettings();
const sql = new pg.Client({ connectionString: settings.databaseUrl });
let server: Child | null = null;
let serverQueries: ServerQueries | null = null;
const dataDir = mkdtempSync(join(tmpdir(), "pc-bench-audit-"));

async function cleanUp() {
  if (server) await stopChild(server).catch(() => {});
  server = null;
  await serverQueries?.close().catch(() => {});
  serverQueries = null;
  await sql.end().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the server`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function quiet(pid: number, what: string) {
  if (settings.quietWaitSeconds === 0) return;
  const wait = await waitForQuietMachine(pid, { maxWaitMs: settings.quietWaitSeconds * 1000 });
  if (!wait.quiet) log(`${what}: other work uses ${wait.otherCores.toFixed(2)} cores; measuring anyway`);
}

async function main(): Promise<number> {
  await sql.connect();
  const summary = await readSummary(sql);
  if (!summary) throw new Error(`${settings.databaseUrl} was not filled by npm run db:seed:large (no seed summary on the database)`);
  const data = await loadAuditData(sql, summary);
  const cases = searchCases(data);
  if (settings.explain) {
    process.stdout.write(await explainSearches(sql, settings.databaseUrl, cases));
    return 0;
  }

  const loadBefore = loadavg();
  const port = await freePortIn(AUDIT_PORTS.first, AUDIT_PORTS.last);
  log(`starting the console on port ${port} over ${new URL(settings.databaseUrl).pathname.slice(1)}`);
  server = await startConsoleServer({
    databaseUrl: settings.databaseUrl,
    dataDir,
    port,
    build: settings.server,
    // No demo sales into the large database (the demo data is there, so the seed skips itself).
    env: { STRIPE_SIMULATOR_PORT: "0", DEMO_PAYMENT_DAYS: "0", DEMO_CONSENT_EVENTS: "0" },
  });
  const pid = server.pid;
  const idleRssMb = (procStatusKb(pid, "VmRSS") ?? 0) / 1024;
  const api = new ConsoleClient(server.url);
  await api.login(COMPLIANCE_USER, DEMO_PASSWORD);

  const searches: MeasuredRow[] = [];
  if (settings.phases.has("search")) {
    searches.push(await measureFloor(new ConsoleClient(server.url), sql, pid, settings));
    serverQueries = await openServerQueries(sql, settings.databaseUrl, COMPLIANCE_USER);
  }
  for (const search of serverQueries ? cases : []) {
    await quiet(pid, search.name);
    log(`search: ${search.name}`);
    searches.push(await measureSearch(api, sql, serverQueries as ServerQueries, pid, search, settings));
  }
  await serverQueries?.close();
  serverQueries = null;
  let timeline: MeasuredRow | null = null;
  if (settings.phases.has("timeline")) {
    await quiet(pid, "timeline");
    log(`subject timelines: ${settings.subjects} subjects of ${data.tenant.slug}`);
    timeline = await measureTimeline(api, sql, pid, data, settings);
  }

  let stats: MeasuredRow | null = null;
  let statsMissing: string | null = settings.phases.has("stats") ? null : "not asked for (--only)";
  if (settings.phases.has("stats")) {
    await quiet(pid, "statistics");
    log("90-day statistics");
    try {
      stats = await measureStats(api, sql, pid, data, { runs: settings.runs, warmup: settings.warmup, naiveRuns: 3 });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      statsMissing = "the server has no consentStats.overview procedure";
    }
  }

  let exports = null;
  if (settings.phases.has("export")) {
    await quiet(pid, "export");
    exports = await measureExport(api, sql, pid, data, { rows: settings.exportRows, log });
  }
  const hwmMb = (procStatusKb(pid, "VmHWM") ?? 0) / 1024;
  await stopChild(server);
  server = null;

  const outcome: AuditOutcome = {
    startedAt: new Date().toISOString(),
    database: {
      url: settings.databaseUrl,
      events: summary.events,
      tenants: Object.keys(summary.subjects).length,
      largest: { slug: data.tenant.slug, records: data.tenant.records, subjects: data.tenant.subjects },
    },
    machine: { loadBefore, loadAfter: loadavg(), cores: cpus().length },
    searches,
    timeline,
    stats,
    statsMissing,
    exports,
    server: { idleRssMb, hwmMb },
  };
  process.stdout.write(`${formatAuditReport(outcome)}\n`);
  if (settings.json) writeFileSync(settings.json, `${JSON.stringify(outcome, null, 2)}\n`);
  return correctnessProblems(outcome).length === 0 ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`bench:audit failed: ${(error as Error).stack ?? String(error)}\n`);
} finally {
  await cleanUp();
}
process.exit(code);
