/**
 * The audit benchmark's export phase: the newest ~N records of the largest tenant downloaded as
 * CSV and NDJSON through GET /api/exports/consent-records.{csv,ndjson}, against COPY (the same rows
 * and columns) TO STDOUT (FORMAT csv) read through pg, in rows per second; with the server's
 * resident memory before, during and after.
 */
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ConsoleClient, Download } from "./audit-client.js";
import { backends } from "./audit-measure.js";
import { type AuditData, exportCopySql } from "./audit-searches.js";
import { type CpuUse, measureCpu } from "./cpu-usage.js";
import { procStatusKb, sampleRss } from "./processes.js";

export interface ExportRow {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** The server's resident memory peak during the download (MB), sampled every 200 ms. */
  rssPeakMb: number | null;
  /** CPU time per row (µs) of the server, of PostgreSQL and of this process (the reader): steady when other work shares the machine. */
  cpuUsPerRow: { server: number; postgres: number; reader: number };
  otherCores: number;
}

export interface ExportOutcome {
  filters: { tenantId: string; from: string };
  expectedRows: number;
  copyCold: ExportRow;
  csv: ExportRow;
  ndjson: ExportRow;
  copy: ExportRow;
  memory: { before: { rssMb: number; hwmMb: number }; after: { rssMb: number; hwmMb: number } };
  mismatch: string | null;
}

/** COPY (…) TO STDOUT, read as a stream; counts lines. */
async function copyOut(client: pg.Client, text: string): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const stream = client.query(copyTo(text));
  let lines = 0;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
  }
  return { rows: Math.max(0, lines - 1), bytes, seconds: (performance.now() - started) / 1000 };
}

const row = (name: string, result: { rows: number; bytes: number; seconds: number }, rssPeakMb: number | null, cpu: CpuUse): ExportRow => {
  const perRow = (seconds: number) => (seconds * 1e6) / Math.max(1, result.rows);
  return {
    name,
    ...result,
    rowsPerSecond: result.rows / result.seconds,
    rssPeakMb,
    cpuUsPerRow: { server: perRow(cpu.serverSeconds), postgres: perRow(cpu.postgresSeconds), reader: perRow(cpu.loadSeconds) },
    otherCores: cpu.otherCores,
  };
};

/** COPY, with the CPU it took. */
async function copyRow(name: string, client: pg.Client, text: string, serverPid: number): Promise<ExportRow> {
  const cpu = measureCpu(serverPid);
  const result = await copyOut(client, text);
  return row(name, result, null, cpu.stop(await backends(client)));
}

function memory(pid: number) {
  return { rssMb: (procStatusKb(pid, "VmRSS") ?? 0) / 1024, hwmMb: (procStatusKb(pid, "VmHWM") ?? 0) / 1024 };
}

export async function measureExport(
  api: ConsoleClient,
  sql: pg.Client,
  serverPid: number,
  data: AuditData,
  { rows: wanted, log }: { rows: number; log: (line: string) => void },
): Promise<ExportOutcome> {
  const tenantId = data.tenant.id;
  const offset = Math.max(0, Math.min(wanted, data.tenant.records) - 1);
  const [edge] = (
    await sql.query<{ from: Date }>(
      "select received_at as from from consent_records where tenant_id = $1 order by received_at desc offset $2 limit 1",
      [tenantId, offset],
    )
  ).rows;
  const from = (edge?.from ?? new Date(0)).toISOString();
  const [counted] = (
    await sql.query<{ n: string }>("select count(*)::text as n from consent_records where tenant_id = $1 and received_at >= $2", [
      tenantId,
      from,
    ])
  ).rows;
  const expectedRows = Number(counted?.n ?? 0);
  const copySql = exportCopySql(tenantId, from);
  const query = { tenantId, from };

  log(`export: ${expectedRows.toLocaleString("en")} records of ${data.tenant.slug} from ${from}; COPY once to warm the cache`);
  const copyCold = await copyRow("COPY … TO STDOUT (first, cold)", sql, copySql, serverPid);
  const before = memory(serverPid);
  const download = async (name: string, path: string, header: boolean) => {
    log(`export: ${name}`);
    const rss = sampleRss(serverPid);
    const cpu = measureCpu(serverPid);
    const result: Download = await api.download(path, query, { header });
    const used = cpu.stop(await backends(sql));
    const peak = rss.stop();
    if (result.status !== 200) throw new Error(`${path} answered ${result.status}`);
    return { result, row: row(name, result, peak, used) };
  };
  const csv = await download("GET /api/exports/consent-records.csv", "/api/exports/consent-records.csv", true);
  const ndjson = await download("GET /api/exports/consent-records.ndjson", "/api/exports/consent-records.ndjson", false);
  const after = memory(serverPid);
  log("export: COPY … TO STDOUT (FORMAT csv)");
  const copy = await copyRow("COPY … TO STDOUT (FORMAT csv)", sql, copySql, serverPid);

  const counts = [csv.row.rows, ndjson.row.rows, copy.rows, copyCold.rows];
  const mismatch = counts.every((count) => count === expectedRows)
    ? null
    : `rows exported: CSV ${csv.row.rows}, NDJSON ${ndjson.row.rows}, COPY ${copy.rows}; expected ${expectedRows}`;
  return { filters: query, expectedRows, copyCold, csv: csv.row, ndjson: ndjson.row, copy, memory: { before, after }, mismatch };
}
