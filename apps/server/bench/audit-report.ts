/** The audit benchmark's printed report: the latency table, the export table, the targets with PASS/FAIL and the correctness checks. */
import type { ExportOutcome, ExportRow } from "./audit-export.js";
import type { MeasuredRow } from "./audit-measure.js";
import { fmt } from "./report.js";

/** What issue 7 asks of the audit workspace on 10 million events. */
export const AUDIT_TARGETS = { searchRatio: 1.5, timelineP95Ms: 10, statsMs: 50, exportRatio: 0.5 };

export interface AuditOutcome {
  startedAt: string;
  database: { url: string; events: number; tenants: number; largest: { slug: string; records: number; subjects: number } };
  machine: { loadBefore: number[]; loadAfter: number[]; cores: number };
  searches: MeasuredRow[];
  timeline: MeasuredRow | null;
  stats: MeasuredRow | null;
  statsMissing: string | null;
  exports: ExportOutcome | null;
  server: { idleRssMb: number; hwmMb: number };
}

function render(header: string[], lines: string[][]): string {
  const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => (line[index] ?? "").length)));
  const cells = (row: string[]) =>
    row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)));
  return [
    cells(header).join("  "),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...lines.map((line) => cells(line).join("  ")),
  ].join("\n");
}

const ms = (value: number) => fmt(value, value < 10 ? 2 : 1);

function latencyTable(rows: MeasuredRow[]): string {
  return render(
    [
      "measure",
      "runs",
      "rows",
      "api p50 ms",
      "api p95 ms",
      "sql p50 ms",
      "sql p95 ms",
      "ratio p50",
      "api CPU µs",
      "sql CPU µs",
      "CPU ratio",
      "other CPU",
    ],
    rows.map((row) => [
      row.name,
      String(row.runs),
      fmt(row.rows, row.rows % 1 === 0 ? 0 : 1),
      ms(row.api.p50),
      ms(row.api.p95),
      row.sql ? ms(row.sql.p50) : "",
      row.sql ? ms(row.sql.p95) : "",
      row.ratio === null ? "" : row.ratio.toFixed(2),
      row.cpu ? `${fmt(row.cpu.apiUs)} (${fmt(row.cpu.apiServerUs)})` : "",
      row.cpu ? fmt(row.cpu.sqlUs) : "",
      row.cpu && row.cpu.sqlUs > 0 ? (row.cpu.apiUs / row.cpu.sqlUs).toFixed(1) : "",
      row.otherCores.toFixed(2),
    ]),
  );
}

function exportTable(outcome: ExportOutcome): string {
  const lines = [outcome.copyCold, outcome.csv, outcome.ndjson, outcome.copy].map((row: ExportRow) => [
    row.name,
    fmt(row.rows),
    fmt(row.bytes / 1e6, 1),
    fmt(row.seconds, 2),
    fmt(row.rowsPerSecond),
    row === outcome.copy || row === outcome.copyCold ? "" : (row.rowsPerSecond / outcome.copy.rowsPerSecond).toFixed(2),
    row.rssPeakMb === null ? "" : fmt(row.rssPeakMb),
    fmt(row.cpuUsPerRow.server, 1),
    fmt(row.cpuUsPerRow.postgres, 1),
    fmt(row.cpuUsPerRow.reader, 1),
    row.otherCores.toFixed(2),
  ]);
  return render(
    [
      "export",
      "rows",
      "MB",
      "seconds",
      "rows/s",
      "ratio",
      "server RSS peak MB",
      "server µs/row",
      "pg µs/row",
      "reader µs/row",
      "other CPU",
    ],
    lines,
  );
}

const latencyRows = (outcome: AuditOutcome) => [
  ...outcome.searches,
  ...(outcome.timeline ? [outcome.timeline] : []),
  ...(outcome.stats ? [outcome.stats] : []),
];

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

export function targetLines(outcome: AuditOutcome): string[] {
  const lines = outcome.searches
    .filter((row) => row.sql !== null)
    .map(
      (row) =>
        `${verdict((row.ratio ?? Number.POSITIVE_INFINITY) <= AUDIT_TARGETS.searchRatio)}  search "${row.name}": p50 api ÷ sql = ${row.ratio?.toFixed(2)} (target ≤ ${AUDIT_TARGETS.searchRatio})`,
    );
  const timeline = outcome.timeline;
  if (timeline) {
    lines.push(
      `${verdict(timeline.api.p95 < AUDIT_TARGETS.timelineP95Ms)}  subject timeline p95 = ${ms(timeline.api.p95)} ms (target < ${AUDIT_TARGETS.timelineP95Ms} ms)`,
    );
  }
  if (outcome.stats?.sql) {
    const stats = outcome.stats;
    lines.push(
      `${verdict(stats.api.p95 < AUDIT_TARGETS.statsMs)}  90-day statistics p95 = ${ms(stats.api.p95)} ms (target < ${AUDIT_TARGETS.statsMs} ms); ` +
        `the naive GROUP BY over the ledger takes ${ms(stats.sql?.p50 ?? 0)} ms: ${((stats.sql?.p50 ?? 0) / stats.api.p50).toFixed(0)}× the rollups' p50`,
    );
  } else {
    lines.push(`----  90-day statistics: not measured (${outcome.statsMissing})`);
  }
  if (outcome.exports) {
    const { csv, ndjson, copy } = outcome.exports;
    for (const row of [csv, ndjson]) {
      const ratio = row.rowsPerSecond / copy.rowsPerSecond;
      lines.push(
        `${verdict(ratio >= AUDIT_TARGETS.exportRatio)}  ${row.name}: ${fmt(row.rowsPerSecond)} rows/s ÷ COPY ${fmt(copy.rowsPerSecond)} = ${ratio.toFixed(2)} (target ≥ ${AUDIT_TARGETS.exportRatio})`,
      );
    }
  }
  return lines;
}

/** The database side of each search, a second figure: not the target's measure, which is through HTTP. */
export function serverQueryLines(outcome: AuditOutcome): string[] {
  return outcome.searches
    .filter((row) => row.serverQuery && row.sql)
    .map((row) => {
      const alone = row.serverQuery as NonNullable<MeasuredRow["serverQuery"]>;
      return `search "${row.name}": the server's page query p50 ${ms(alone.latency.p50)} ms (p95 ${ms(alone.latency.p95)}) ÷ sql p50 ${ms(row.sql?.p50 ?? 0)} ms = ${alone.ratio.toFixed(2)}`;
    });
}

export function correctnessProblems(outcome: AuditOutcome): string[] {
  const rows = latencyRows(outcome);
  const problems = rows.filter((row) => row.mismatch).map((row) => `${row.name}: ${row.mismatch}`);
  if (outcome.exports?.mismatch) problems.push(`export: ${outcome.exports.mismatch}`);
  return problems;
}

export function formatAuditReport(outcome: AuditOutcome): string {
  const { database, machine, exports } = outcome;
  const out = [
    "",
    `Consent audit benchmark, ${outcome.startedAt}: ${fmt(database.events)} events over ${database.tenants} tenants; ` +
      `largest ${database.largest.slug} (${fmt(database.largest.records)} records, ${fmt(database.largest.subjects)} subjects); node ${process.version}, ${machine.cores} cores`,
    `Load average before ${machine.loadBefore.map((n) => n.toFixed(2)).join(" ")}, after ${machine.loadAfter.map((n) => n.toFixed(2)).join(" ")}`,
    "",
    latencyTable(latencyRows(outcome)),
    "",
    "api: through HTTP as compliance@masterchannel.test (tRPC GET, session cookie), from request to parsed answer.",
    "sql: the hand-written query run directly with pg (prepared, no row-level security) on the same data; timeline: HMAC + query;",
    "     statistics: a naive GROUP BY over the ledger (two scans with grouping sets) for the same chart and tables.",
    "api CPU µs, sql CPU µs: CPU time per call of the server (all threads, 10 ms ticks summed over the runs) and its PostgreSQL",
    "     backends, and of the SQL's backend (both to the ns); unlike latency, steady when other work shares the machine.",
    "other CPU: cores (of 2) that processes outside this run used meanwhile; above 0.10 the figures are disturbed.",
  ];
  if (exports) {
    out.push(
      "",
      `Export of ${fmt(exports.expectedRows)} records (tenant ${database.largest.slug}, received from ${exports.filters.from}):`,
      "",
      exportTable(exports),
      "",
      `Server RSS before the exports ${fmt(exports.memory.before.rssMb)} MB (HWM ${fmt(exports.memory.before.hwmMb)}), ` +
        `after ${fmt(exports.memory.after.rssMb)} MB (HWM ${fmt(exports.memory.after.hwmMb)}); once started ${fmt(outcome.server.idleRssMb)} MB.`,
    );
  }
  out.push("", "Targets (api: through HTTP):", ...targetLines(outcome).map((line) => `  ${line}`));
  const databaseSide = serverQueryLines(outcome);
  if (databaseSide.length > 0) {
    out.push(
      "",
      "Database side, a second figure (not the targets' measure): the page query the server builds, timed alone in a transaction",
      "with the compliance user's row-level security context (after prepareSearch), without HTTP, tRPC or the request's other statements:",
      ...databaseSide.map((line) => `  ${line}`),
    );
  }
  const problems = correctnessProblems(outcome);
  out.push(
    "",
    problems.length === 0
      ? "Correctness PASS: the API and the SQL answered the same rows."
      : `Correctness FAIL:\n  ${problems.join("\n  ")}`,
  );
  return out.join("\n");
}
