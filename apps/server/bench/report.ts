/** The benchmark's printed report: the table, the targets with PASS/FAIL and the correctness checks. */
import type { BenchDbKind, LedgerCheck } from "./bench-database.js";
import type { Settings } from "./bench-settings.js";
import { BATCH_SIZE, type Endpoint, type RefusalSamples } from "./consent-load.js";
import type { CpuUse } from "./cpu-usage.js";

/** What the brief asks of ingestion on PostgreSQL on this machine. */
export const TARGETS = { ratio: 0.4, ratioAim: 0.5, p99Ms: 50, batchEventsPerSecond: 100_000, rssMb: 300 };

export interface PhaseRow {
  target: string;
  db: BenchDbKind | "none";
  endpoint: Endpoint;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  fiveXx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  rssPeakMb: number;
  cpu: CpuUse;
  /** The server's CPU time per acknowledged event, in microseconds (robust to other load on the machine). */
  serverCpuUsPerEvent: number;
  /** PostgreSQL's CPU time per acknowledged event, in microseconds (0 on PGlite and the baseline). */
  postgresCpuUsPerEvent: number;
  /** Events per committed transaction on PostgreSQL (how well group commit groups), or null. */
  eventsPerCommit: number | null;
}

export interface DbOutcome {
  kind: BenchDbKind;
  single: PhaseRow;
  batch: PhaseRow;
  /** VmHWM of the server process: its peak resident memory over its whole life. */
  serverHwmMb: number;
  /** The server's resident memory once it answered /healthz, before any load. */
  serverIdleRssMb: number;
  acked: number;
  recordsBefore: number;
  check: LedgerCheck;
  fiveXxAllPhases: number;
  refusals: RefusalSamples;
  correctnessProblems: string[];
  profile?: { file: string; single: string; batch: string };
}

export const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: PhaseRow[], bare: PhaseRow, outcomes: DbOutcome[]): string {
  const header = [
    "target",
    "conns",
    "req/s",
    "events/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "non-2xx",
    "errors",
    "ratio",
    "RSS peak MB",
    "server µs/ev",
    "pg µs/ev",
    "ev/commit",
    "other CPU",
  ];
  const lines = rows.map((row) => {
    const outcome = outcomes.find((entry) => entry.kind === row.db);
    const rss = outcome ? `${fmt(row.rssPeakMb)} (HWM ${fmt(outcome.serverHwmMb)})` : fmt(row.rssPeakMb);
    return [
      row.target,
      String(row.connections),
      fmt(row.requestsPerSecond),
      fmt(row.eventsPerSecond),
      fmt(row.p50Ms, 1),
      fmt(row.p99Ms, 1),
      fmt(row.maxMs, 0),
      String(row.non2xx),
      String(row.errors + row.timeouts),
      row.endpoint === "single" ? (row.eventsPerSecond / bare.requestsPerSecond).toFixed(3) : "",
      rss,
      fmt(row.serverCpuUsPerEvent, 1),
      row.db === "postgres" ? fmt(row.postgresCpuUsPerEvent, 1) : "",
      row.eventsPerCommit === null ? "" : fmt(row.eventsPerCommit, 1),
      row.cpu.otherCores.toFixed(2),
    ];
  });
  const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => (line[index] as string).length)));
  const render = (cells: string[]) =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join("  ");
  return [render(header), widths.map((width) => "-".repeat(width)).join("  "), ...lines.map(render)].join("\n");
}

function targetLines(postgres: DbOutcome, bare: PhaseRow): string[] {
  const ratio = postgres.single.eventsPerSecond / bare.requestsPerSecond;
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  return [
    `${verdict(ratio >= TARGETS.ratio)}  single-event events/s ÷ bare req/s = ${ratio.toFixed(3)} (target ≥ ${TARGETS.ratio}, aim ${TARGETS.ratioAim})`,
    `${verdict(postgres.single.p99Ms < TARGETS.p99Ms)}  single-event p99 = ${fmt(postgres.single.p99Ms, 1)} ms at that load (target < ${TARGETS.p99Ms} ms)`,
    `${verdict(postgres.batch.eventsPerSecond >= TARGETS.batchEventsPerSecond)}  batch = ${fmt(postgres.batch.eventsPerSecond)} events/s (target ≥ ${fmt(TARGETS.batchEventsPerSecond)})`,
    `${verdict(postgres.serverHwmMb < TARGETS.rssMb)}  server RSS peak (VmHWM) = ${fmt(postgres.serverHwmMb)} MB (target < ${TARGETS.rssMb} MB; ${fmt(postgres.serverIdleRssMb)} MB once started, before load)`,
  ];
}

function correctnessLines(outcome: DbOutcome, settings: Settings): string[] {
  const { check } = outcome;
  const added = check.storedRecords - outcome.recordsBefore;
  // Requests still open when a phase's time is up are abandoned by the load generator, and the
  // server may still commit them: stored, never acknowledged. At most one request per connection per phase.
  const phases = settings.warmup > 0 ? 2 : 1;
  const inFlightBound = phases * (settings.connections + settings.batchConnections * BATCH_SIZE);
  const lines = [
    `${outcome.kind}: ${fmt(outcome.acked)} events acknowledged; ${fmt(check.ackedFound)} found with the acknowledged seq and hash; ` +
      `${fmt(added)} records added (${fmt(added - outcome.acked)} stored but unacknowledged: requests open when a phase ended, at most ${fmt(inFlightBound)})`,
    `${outcome.kind}: chains ${check.chains.map((chain) => `${chain.tenantId.slice(0, 8)}… ${fmt(chain.records)} ${chain.ok ? "ok" : `BROKEN (${chain.problem})`}`).join(", ")} ` +
      `(verified in ${check.verifySeconds.toFixed(1)} s); 5xx answers: ${outcome.fiveXxAllPhases}`,
  ];
  for (const [status, samples] of outcome.refusals) lines.push(`${outcome.kind}: status ${status}, e.g. ${samples[0] ?? ""}`);
  lines.push(
    outcome.correctnessProblems.length === 0
      ? `${outcome.kind}: correctness PASS`
      : `${outcome.kind}: correctness FAIL: ${outcome.correctnessProblems.join("; ")}`,
  );
  return lines;
}

/** The whole report, as printed. */
export function formatReport(settings: Settings, bare: PhaseRow, outcomes: DbOutcome[]): string {
  const rows = [bare, ...outcomes.flatMap((outcome) => [outcome.single, outcome.batch])];
  const out: string[] = [
    "",
    `Consent ingestion benchmark, ${new Date().toISOString()}: ${settings.duration} s per phase after a ${settings.warmup} s warm-up; ` +
      `autocannon 9.0.0 in this process, ${settings.connections} connections (batch: ${settings.batchConnections}), node ${process.version}, server: ${settings.server === "bundle" ? "apps/server/dist/main.js" : "sources through tsx"}${settings.serverArgs.length > 0 ? `, ${settings.serverArgs.join(" ")}` : ""}`,
    "",
    table(rows, bare, outcomes),
    "",
    "ratio: single-event events/s ÷ bare node:http req/s. RSS peak: sampled during the phase (HWM: the server's peak over its life).",
    "server µs/ev, pg µs/ev: CPU time of the server process and of PostgreSQL per acknowledged event (steady under other load).",
    "ev/commit: events per committed PostgreSQL transaction (≈, from pg_stat_database): how much the group commit groups.",
    "other CPU: cores (of 2) that processes outside this run used during the phase; above 0.10 the figures are disturbed.",
  ];
  const disturbed = rows.filter((row) => row.cpu.otherCores > 0.1);
  if (disturbed.length > 0) {
    out.push(`WARNING: other work used CPU during ${disturbed.map((row) => row.target).join(", ")}: run again on an idle machine.`);
  }
  const postgres = outcomes.find((outcome) => outcome.kind === "postgres");
  out.push("", postgres ? "Targets on PostgreSQL:" : "Targets: not judged (they are for PostgreSQL, which was not measured)");
  if (postgres) out.push(...targetLines(postgres, bare).map((line) => `  ${line}`));
  out.push("", "Correctness:");
  for (const outcome of outcomes) out.push(...correctnessLines(outcome, settings).map((line) => `  ${line}`));
  for (const outcome of outcomes) {
    if (!outcome.profile) continue;
    out.push(
      "",
      `CPU profile of the server on ${outcome.kind}: ${outcome.profile.file}`,
      "",
      "Single-event phase:",
      outcome.profile.single,
    );
    out.push("", "Batch phase:", outcome.profile.batch);
  }
  return out.join("\n");
}
