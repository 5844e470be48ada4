/**
 * The audit benchmark's measurements: each API call and its hand-written SQL timed in turn
 * (interleaved, so whatever else the machine does weighs on both alike), with the machine's other
 * CPU use over the measurement; and the checks that both answered the same rows.
 */
import { createHmac } from "node:crypto";
import { performance } from "node:perf_hooks";
import { mulberry32 } from "@pc/shared";
import type pg from "pg";
import type { ConsoleClient } from "./audit-client.js";
import { type AuditData, naiveStatsSql, PAGE_ROWS, type SearchCase, searchSql, TIMELINE_SQL } from "./audit-searches.js";
import type { ServerQueries } from "./audit-server-query.js";
import { backendCpuSecondsOf, cpuSecondsOf, measureCpu } from "./cpu-usage.js";

export interface Latency {
  p50: number;
  p95: number;
  max: number;
}

export interface MeasuredRow {
  key: string;
  name: string;
  runs: number;
  api: Latency;
  sql: Latency | null;
  /** p50(api) ÷ p50(sql). */
  ratio: number | null;
  /**
   * Searches only, a second figure beside the headline: the server's own page query timed alone, in
   * its transaction with the row-level security context (audit-server-query.ts), and p50 of it ÷ p50(sql).
   */
  serverQuery?: { latency: Latency; ratio: number };
  /**
   * CPU time per call (µs): the API's (the server and its PostgreSQL backends) and the SQL's (its
   * backend). Unlike latency, it changes little when other work shares the machine.
   */
  cpu: { apiUs: number; apiServerUs: number; sqlUs: number } | null;
  /** Records on the page (search), per subject (timeline, mean), or grouped rows (statistics). */
  rows: number;
  otherCores: number;
  /** Why API and SQL disagree, when they do: a correctness failure. */
  mismatch: string | null;
}

/** Nearest-rank percentile of the samples (ms). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const latencyOf = (samples: readonly number[]): Latency => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  max: Math.max(...samples),
});

/** The backends of the benchmark's database: this run's PostgreSQL processes (other work may use the cluster). */
export async function backends(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database()");
  return rows.map((entry) => entry.pid);
}

/**
 * CPU used by the API side (the server and the database's other backends: its pool) and by the SQL
 * side (the benchmark's own backend) between start and stop, per call. Backends in `notApi` (the
 * benchmark's own others, known by the time stop is called) count for neither.
 */
async function splitCpu(sql: pg.Client, serverPid: number, notApi: ReadonlySet<number> = new Set()) {
  const [own] = (await sql.query<{ pid: number }>("select pg_backend_pid() as pid")).rows;
  const ownPid = own?.pid ?? -1;
  const pids = async () => [serverPid, ...(await backends(sql)).filter((pid) => pid !== ownPid)];
  const apiPids = new Set(await pids());
  // The server's threads from /proc/<pid>/stat (10 ms ticks); backends to the nanosecond.
  const read = () =>
    new Map([...cpuSecondsOf([serverPid]), ...backendCpuSecondsOf([...apiPids, ownPid].filter((pid) => pid !== serverPid))]);
  const before = read();
  return {
    async stop(calls: number) {
      for (const pid of await pids()) apiPids.add(pid);
      for (const pid of notApi) apiPids.delete(pid);
      const after = read();
      const used = (pid: number) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
      const api = [...apiPids].reduce((sum, pid) => sum + used(pid), 0);
      const perCall = (seconds: number) => (seconds * 1e6) / calls;
      return { apiUs: perCall(api), apiServerUs: perCall(used(serverPid)), sqlUs: perCall(used(ownPid)) };
    },
  };
}

async function timedQuery<R extends pg.QueryResultRow>(client: pg.Client, config: pg.QueryConfig): Promise<{ ms: number; rows: R[] }> {
  const started = performance.now();
  const result = await client.query<R>(config);
  return { ms: performance.now() - started, rows: result.rows };
}

/**
 * What any call costs before it does its work: auth.me signed out (HTTP and tRPC, no database),
 * to read the searches' API times against. `api` is a client that did not sign in.
 */
export async function measureFloor(
  api: ConsoleClient,
  sql: pg.Client,
  serverPid: number,
  { runs, warmup }: { runs: number; warmup: number },
): Promise<MeasuredRow> {
  const apiMs: number[] = [];
  let cpu = measureCpu(serverPid);
  for (let run = -warmup; run < runs; run++) {
    if (run === 0) cpu = measureCpu(serverPid);
    const answer = await api.query<unknown>("auth.me", undefined);
    if (run >= 0) apiMs.push(answer.ms);
  }
  return {
    key: "floor",
    name: "API floor: auth.me signed out",
    runs,
    api: latencyOf(apiMs),
    sql: null,
    ratio: null,
    cpu: null,
    rows: 0,
    otherCores: cpu.stop(await backends(sql)).otherCores,
    mismatch: null,
  };
}

interface SearchPage {
  items: { recordId: string }[];
  nextCursor: string | null;
}

/**
 * A search's first page through the API and by hand, `runs` times each after `warmup`; and the
 * server's page query alone, in turn with them.
 */
export async function measureSearch(
  api: ConsoleClient,
  sql: pg.Client,
  serverQueries: ServerQueries,
  serverPid: number,
  search: SearchCase,
  { runs, warmup }: { runs: number; warmup: number },
): Promise<MeasuredRow> {
  const query = { name: `search_${search.key}`, ...searchSql(search.filters) };
  const apiMs: number[] = [];
  const sqlMs: number[] = [];
  const serverQueryMs: number[] = [];
  let mismatch: string | null = null;
  let rows = 0;
  const benchBackends = new Set<number>();
  let cpu = measureCpu(serverPid);
  let split = await splitCpu(sql, serverPid, benchBackends);
  for (let run = -warmup; run < runs; run++) {
    if (run === 0) {
      cpu = measureCpu(serverPid);
      split = await splitCpu(sql, serverPid, benchBackends);
    }
    const alone = await serverQueries.page(search);
    benchBackends.add(alone.backendPid);
    const page = await api.query<SearchPage>("consentAudit.search", search.filters);
    const direct = await timedQuery<{ id: string }>(sql, query);
    if (run < 0) continue;
    apiMs.push(page.ms);
    sqlMs.push(direct.ms);
    serverQueryMs.push(alone.ms);
    rows = page.data.items.length;
    const apiIds = page.data.items.map((item) => item.recordId).join(",");
    const sqlIds = direct.rows
      .slice(0, PAGE_ROWS - 1)
      .map((row) => row.id)
      .join(",");
    if (apiIds !== sqlIds)
      mismatch = `the API's page and the SQL's rows differ (${page.data.items.length} vs ${direct.rows.length} records)`;
    else if (alone.ids.join(",") !== direct.rows.map((row) => row.id).join(","))
      mismatch = `the server's page query and the SQL answer different rows (${alone.ids.length} vs ${direct.rows.length})`;
    else if ((page.data.nextCursor !== null) !== direct.rows.length >= PAGE_ROWS) mismatch = "the API and the SQL disagree on a next page";
  }
  const api0 = latencyOf(apiMs);
  const sql0 = latencyOf(sqlMs);
  const alone0 = latencyOf(serverQueryMs);
  return {
    key: search.key,
    name: search.name,
    runs,
    api: api0,
    sql: sql0,
    ratio: api0.p50 / sql0.p50,
    serverQuery: { latency: alone0, ratio: alone0.p50 / sql0.p50 },
    cpu: await split.stop(runs),
    rows,
    otherCores: cpu.stop(await backends(sql)).otherCores,
    mismatch,
  };
}

interface Timeline {
  records: number;
  events: unknown[];
}

/** Timelines of `subjects` different subjects of the largest tenant (sub_<n>, n drawn with a fixed seed). */
export async function measureTimeline(
  api: ConsoleClient,
  sql: pg.Client,
  serverPid: number,
  data: AuditData,
  { subjects, warmup }: { subjects: number; warmup: number },
): Promise<MeasuredRow> {
  const random = mulberry32(7);
  const pick = () => 1 + Math.floor(random() * data.tenant.subjects);
  const apiMs: number[] = [];
  const sqlMs: number[] = [];
  let records = 0;
  let mismatch: string | null = null;
  let cpu = measureCpu(serverPid);
  let split = await splitCpu(sql, serverPid);
  for (let run = -warmup; run < subjects; run++) {
    if (run === 0) {
      cpu = measureCpu(serverPid);
      split = await splitCpu(sql, serverPid);
    }
    const subjectId = `sub_${pick()}`;
    const timeline = await api.query<Timeline>("consentAudit.subjectTimeline", { tenantId: data.tenant.id, subjectId });
    const sqlStarted = performance.now();
    const digest = createHmac("sha256", data.tenant.secret).update(subjectId).digest("hex");
    const direct = await timedQuery(sql, { name: "timeline", text: TIMELINE_SQL, values: [data.tenant.id, digest] });
    const directMs = performance.now() - sqlStarted;
    if (run < 0) continue;
    apiMs.push(timeline.ms);
    sqlMs.push(directMs);
    records += direct.rows.length;
    if (timeline.data.records !== direct.rows.length)
      mismatch = `${subjectId}: the API counts ${timeline.data.records} records, the SQL ${direct.rows.length}`;
  }
  const api0 = latencyOf(apiMs);
  const sql0 = latencyOf(sqlMs);
  return {
    key: "timeline",
    name: `subject timeline (${subjects} subjects)`,
    runs: subjects,
    api: api0,
    sql: sql0,
    ratio: api0.p50 / sql0.p50,
    cpu: await split.stop(subjects),
    rows: records / subjects,
    otherCores: cpu.stop(await backends(sql)).otherCores,
    mismatch,
  };
}

interface StatsOverview {
  purposes: { purpose: string; total: { granted: number; denied: number; acknowledged: number } }[];
}

/** The last 90 UTC days up to the seed's end, as the statistics page asks for them. */
export function statsRange(until: Date): { from: string; to: string } {
  const to = until.toISOString().slice(0, 10);
  return { from: new Date(Date.parse(to) - 89 * 86_400_000).toISOString().slice(0, 10), to };
}

/** consentStats.overview of the largest tenant's last 90 days, and the same figures grouped from the ledger. */
export async function measureStats(
  api: ConsoleClient,
  sql: pg.Client,
  serverPid: number,
  data: AuditData,
  { runs, warmup, naiveRuns }: { runs: number; warmup: number; naiveRuns: number },
): Promise<MeasuredRow> {
  const range = statsRange(data.until);
  const input = { tenantId: data.tenant.id, ...range, granularity: "day" };
  const naive = naiveStatsSql(data.tenant.id, range.from, range.to);
  const apiMs: number[] = [];
  const sqlMs: number[] = [];
  let overview: StatsOverview | null = null;
  let cpu = measureCpu(serverPid);
  for (let run = -warmup; run < runs; run++) {
    if (run === 0) cpu = measureCpu(serverPid);
    const answer = await api.query<StatsOverview>("consentStats.overview", input);
    if (run >= 0) apiMs.push(answer.ms);
    overview = answer.data;
  }
  let grouped: { purpose: string | null; decision: string | null; day: string | null; n: number }[] = [];
  for (let run = 0; run < naiveRuns + 1; run++) {
    const started = performance.now();
    const decisions = await sql.query({ name: "naive_decisions", text: naive.decisions, values: naive.values });
    await sql.query({ name: "naive_actions", text: naive.actions, values: naive.values });
    // The first run reads the ledger's pages into the cache: not counted.
    if (run > 0) sqlMs.push(performance.now() - started);
    grouped = decisions.rows;
  }
  // The rollups must say what the ledger says: decisions per purpose over the range.
  const fromLedger = new Map<string, number>();
  for (const row of grouped) {
    if (row.day === null || row.purpose === null) continue;
    const key = `${row.purpose}:${row.decision}`;
    fromLedger.set(key, (fromLedger.get(key) ?? 0) + row.n);
  }
  let mismatch: string | null = null;
  for (const purpose of overview?.purposes ?? []) {
    for (const decision of ["granted", "denied", "acknowledged"] as const) {
      const expected = fromLedger.get(`${purpose.purpose}:${decision}`) ?? 0;
      if (purpose.total[decision] !== expected)
        mismatch = `${purpose.purpose} ${decision}: rollups ${purpose.total[decision]}, ledger ${expected}`;
    }
  }
  if ((overview?.purposes.length ?? 0) === 0 && fromLedger.size > 0) mismatch = "the statistics show no purpose, the ledger has some";
  const api0 = latencyOf(apiMs);
  const sql0 = latencyOf(sqlMs);
  return {
    key: "stats",
    name: `90-day statistics (${range.from} to ${range.to})`,
    runs,
    api: api0,
    sql: sql0,
    ratio: api0.p50 / sql0.p50,
    cpu: null,
    rows: grouped.length,
    otherCores: cpu.stop(await backends(sql)).otherCores,
    mismatch,
  };
}
