/**
 * What one appended consent event costs by the size of the group it is committed in: the CPU of
 * this process (hashing, arrays, the pg driver) and of the PostgreSQL backend, per event, for
 * appendToLedger in withRlsContext exactly as the server's ledger writer calls it. Shows how much
 * of the single-event endpoint's cost is per transaction rather than per event.
 *   node --import tsx apps/server/bench/ledger-append-cost.ts [--postgres-url <url>]
 * Uses a fresh database bench_append_<random>, dropped at the end.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  appendToLedger,
  type DbHandle,
  openDatabase,
  type PendingLedgerEntry,
  queryRows,
  SYSTEM_CONTEXT,
  seedDemoData,
  tenants,
  withRlsContext,
} from "@pc/db";
import { sql } from "drizzle-orm";
import { createPostgresDatabase } from "./bench-database.js";

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const PURPOSES = {
  preferences: "acknowledged",
  stripe_checkout: "acknowledged",
  audio_mastering_data: "acknowledged",
  tidio: "granted",
  product_analytics: "denied",
} as const;
/** Group sizes: 1 (no grouping), what 50 connections give, and the writer's batch sizes. */
const GROUPS = [1, 12, 50, 500, 5000];
const EVENTS_PER_SIZE = 20_000;

/** utime + stime of a process in microseconds. */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function makeEntries(tenantIds: string[], count: number, offset: number): PendingLedgerEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const digest = randomBytes(32).toString("hex");
    return {
      record: {
        tenantId: tenantIds[(offset + index) % tenantIds.length] as string,
        recordId: randomUUID(),
        receivedAt: new Date(),
        occurredAt: new Date(),
        subjectDigest: randomBytes(32).toString("hex"),
        consentId: `c_${offset + index}`,
        policy: { kind: "privacy", version: "2.0", sha256: "b".repeat(64) },
        bannerVersion: "3",
        action: "save_custom",
        purposes: PURPOSES,
        language: "nb",
        path: "/checkout",
        gpc: false,
        country: "NO",
        jurisdiction: "EEA",
        personalDataDigest: digest,
      },
      personal: { digest, ip: "192.0.2.0", userAgent: USER_AGENT, salt: randomBytes(16).toString("hex") },
    };
  });
}

async function measure(handle: DbHandle, backendPid: number, tenantIds: string[], group: number) {
  const rounds = Math.max(1, Math.round(Math.min(EVENTS_PER_SIZE, group * 400) / group));
  const batches = Array.from({ length: rounds }, (_, round) => makeEntries(tenantIds, group, round * group));
  const ownBefore = process.cpuUsage();
  const backendBefore = cpuMicros(backendPid);
  const started = performance.now();
  for (const entries of batches) await withRlsContext(handle.db, SYSTEM_CONTEXT, (tx) => appendToLedger(tx, entries));
  const events = rounds * group;
  const own = process.cpuUsage(ownBefore);
  return {
    group,
    events,
    nodeUsPerEvent: (own.user + own.system) / events,
    postgresUsPerEvent: (cpuMicros(backendPid) - backendBefore) / events,
    wallUsPerEvent: ((performance.now() - started) * 1000) / events,
  };
}

async function main() {
  const { values } = parseArgs({ options: { "postgres-url": { type: "string" } } });
  const database = await createPostgresDatabase(values["postgres-url"] ?? "postgres://postgres@127.0.0.1:5432", "");
  try {
    // One connection, so the backend whose CPU is read is the one that does the work.
    const handle = await openDatabase({ kind: "postgres", url: database.databaseUrl as string, maxConnections: 1 });
    try {
      await handle.migrate();
      await seedDemoData(handle.db);
      const tenantIds = (await handle.db.select({ id: tenants.id }).from(tenants)).map((row) => row.id);
      const [backend] = await queryRows<{ pid: number }>(handle.db, sql`select pg_backend_pid() as pid`);
      if (!backend) throw new Error("No backend pid");
      await measure(handle, backend.pid, tenantIds, 500);
      process.stdout.write("events per transaction   node CPU µs/event   PostgreSQL CPU µs/event   wall µs/event\n");
      for (const group of GROUPS) {
        const row = await measure(handle, backend.pid, tenantIds, group);
        process.stdout.write(
          `${String(row.group).padStart(22)}   ${row.nodeUsPerEvent.toFixed(1).padStart(17)}   ${row.postgresUsPerEvent.toFixed(1).padStart(23)}   ${row.wallUsPerEvent.toFixed(1).padStart(13)}\n`,
        );
      }
    } finally {
      await handle.close();
    }
  } finally {
    await database.dispose();
  }
}

await main();
