/**
 * How much CPU other work on the machine took while a phase ran: the machine's busy time
 * (/proc/stat) less this run's own processes (the load generator, the server under test and
 * PostgreSQL's processes). A benchmark on a shared 2-core machine is only worth reading when
 * that figure is near zero, so the table shows it for every phase.
 */
import { readdirSync, readFileSync } from "node:fs";

/** USER_HZ: the unit of /proc's CPU times on Linux. */
const TICKS_PER_SECOND = 100;

interface Snapshot {
  busyTicks: number;
  /** utime + stime of this run's processes, by pid. */
  own: Map<number, number>;
}

function machineBusyTicks(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return ticks.reduce((sum, value) => sum + value, 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0);
}

/** utime + stime of a process and its command name, or null once it is gone. */
function processTicks(pid: number): { ticks: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    // After "(comm) ": state is field 0, utime 11, stime 12.
    return { ticks: Number(fields[11]) + Number(fields[12]), comm: stat.slice(stat.indexOf("(") + 1, close) };
  } catch {
    return null;
  }
}

function snapshot(ownPids: readonly number[]): Snapshot {
  const own = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const info = processTicks(pid);
    if (info && (ownPids.includes(pid) || info.comm === "postgres")) own.set(pid, info.ticks);
  }
  return { busyTicks: machineBusyTicks(), own };
}

export interface CpuUse {
  /** Cores (of 2) that processes outside this run used meanwhile. */
  otherCores: number;
  /** CPU seconds of the server under test, of PostgreSQL's processes, of the load generator. */
  serverSeconds: number;
  postgresSeconds: number;
  loadSeconds: number;
}

/**
 * Starts measuring the CPU of the server under test, the load generator (this process) and everything else.
 * `stop(postgresPids)` counts only those PostgreSQL processes as the run's (e.g. the backends of one
 * database, when other work uses the same cluster); without it, every PostgreSQL process.
 */
export function measureCpu(serverPid: number): { stop(postgresPids?: readonly number[]): CpuUse } {
  const startedAt = performance.now();
  const ownPids = [process.pid, serverPid];
  const before = snapshot(ownPids);
  return {
    stop(postgresPids?: readonly number[]) {
      const seconds = Math.max((performance.now() - startedAt) / 1000, 0.001);
      const after = snapshot(ownPids);
      if (postgresPids) {
        for (const pid of after.own.keys()) if (!ownPids.includes(pid) && !postgresPids.includes(pid)) after.own.delete(pid);
      }
      // An own process that ended meanwhile is missed, so counted as other work: the safe side.
      let ownTicks = 0;
      let postgresTicks = 0;
      for (const [pid, ticks] of after.own) {
        const used = Math.max(0, ticks - (before.own.get(pid) ?? 0));
        ownTicks += used;
        if (pid !== serverPid && pid !== process.pid) postgresTicks += used;
      }
      const used = (pid: number) => Math.max(0, (after.own.get(pid) ?? 0) - (before.own.get(pid) ?? 0)) / TICKS_PER_SECOND;
      return {
        otherCores: Math.max(0, (after.busyTicks - before.busyTicks - ownTicks) / TICKS_PER_SECOND / seconds),
        serverSeconds: used(serverPid),
        postgresSeconds: postgresTicks / TICKS_PER_SECOND,
        loadSeconds: used(process.pid),
      };
    },
  };
}

/**
 * Waits until processes outside this run use less than `threshold` cores over a `windowMs` window,
 * for at most `maxWaitMs`: on a shared machine, a phase started meanwhile measures the other work.
 * Answers whether it got quiet and the last window's figure.
 */
export async function waitForQuietMachine(
  serverPid: number,
  { threshold = 0.15, windowMs = 2000, maxWaitMs }: { threshold?: number; windowMs?: number; maxWaitMs: number },
): Promise<{ quiet: boolean; otherCores: number; waitedMs: number }> {
  const started = performance.now();
  let otherCores = 0;
  do {
    const cpu = measureCpu(serverPid);
    await new Promise((done) => setTimeout(done, windowMs));
    otherCores = cpu.stop().otherCores;
    if (otherCores < threshold) return { quiet: true, otherCores, waitedMs: performance.now() - started };
  } while (performance.now() - started < maxWaitMs);
  return { quiet: false, otherCores, waitedMs: performance.now() - started };
}

/** CPU seconds (user + system) each of these processes has used so far; a process that is gone counts 0. */
export function cpuSecondsOf(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, (processTicks(pid)?.ticks ?? 0) / TICKS_PER_SECOND]));
}

/**
 * CPU seconds of single-threaded processes (PostgreSQL backends) to the nanosecond, from
 * /proc/<pid>/schedstat (its main thread's time on a CPU); a process that is gone counts 0.
 */
export function backendCpuSecondsOf(pids: readonly number[]): Map<number, number> {
  return new Map(
    pids.map((pid) => {
      try {
        return [pid, Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e9];
      } catch {
        return [pid, 0];
      }
    }),
  );
}
