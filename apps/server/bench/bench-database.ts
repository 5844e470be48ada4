/**
 * The benchmark's databases: a fresh PostgreSQL database (created and dropped by the run) or a
 * fresh PGlite directory; prepared before the server starts (migrations, demo data, the demo
 * tenants' rate limits raised so the limiter never refuses); and checked after the run: every
 * acknowledged record stored where its answer said, every tenant's chain verifying from genesis.
 */
import { randomBytes } from "node:crypto";
import {
  consentIngestSettings,
  consentLedgerHeads,
  consentRecords,
  type DbHandle,
  openDatabase,
  queryRows,
  seedDemoData,
  storedLedgerRecordOf,
  tenants,
} from "@pc/db";
import { GENESIS_HASH, verifyLedgerChain } from "@pc/shared";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { AckLog } from "./consent-load.js";

/** consent_ingest_settings' upper bounds: the limiter must not be what is measured. */
export const BENCH_RATE_PER_SECOND = 1_000_000;
export const BENCH_BURST = 10_000_000;
const VERIFY_PAGE = 10_000;
const ACK_CHUNK = 20_000;

export type BenchDbKind = "postgres" | "pglite";

export interface BenchDatabase {
  kind: BenchDbKind;
  /** What the server is given: DATABASE_URL for PostgreSQL, none for PGlite (DATA_DIR/pglite). */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Opens the database from this process (PGlite: only while no server holds the directory). */
  open(): Promise<DbHandle>;
  /** Removes what the run created (PostgreSQL: drops the database). */
  dispose(): Promise<void>;
}

/** Whether PostgreSQL answers at `adminUrl`. */
export async function postgresReachable(adminUrl: string): Promise<boolean> {
  let handle: DbHandle | undefined;
  try {
    handle = await openDatabase({ kind: "postgres", url: adminUrl, maxConnections: 1 });
    await handle.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Creates bench_ingest_<random> on the cluster of `adminUrl` (a superuser's URL: the owner connection). */
export async function createPostgresDatabase(adminUrl: string, dataDir: string): Promise<BenchDatabase> {
  const name = `bench_ingest_${randomBytes(4).toString("hex")}`;
  const admin = await openDatabase({ kind: "postgres", url: adminUrl, maxConnections: 1 });
  try {
    await admin.db.execute(sql.raw(`create database ${name}`));
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: "postgres",
    databaseUrl,
    dataDir,
    open: () => openDatabase({ kind: "postgres", url: databaseUrl, maxConnections: 4 }),
    async dispose() {
      const again = await openDatabase({ kind: "postgres", url: adminUrl, maxConnections: 1 });
      try {
        await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      } finally {
        await again.close();
      }
    },
  };
}

export function pgliteDatabase(dataDir: string): BenchDatabase {
  return {
    kind: "pglite",
    databaseUrl: undefined,
    dataDir,
    open: () => openDatabase({ kind: "pglite", dataDir: `${dataDir}/pglite` }),
    dispose: async () => {},
  };
}

/** Migrates, seeds the demo data and raises every tenant's rate limit: done before the server starts, so its caches load it. */
export async function prepareDatabase(database: BenchDatabase): Promise<void> {
  const handle = await database.open();
  try {
    await handle.migrate();
    await seedDemoData(handle.db);
    const rows = await handle.db.select({ id: tenants.id }).from(tenants);
    if (rows.length === 0) throw new Error("The demo data holds no tenants");
    await handle.db
      .insert(consentIngestSettings)
      .values(rows.map((row) => ({ tenantId: row.id, ratePerSecond: BENCH_RATE_PER_SECOND, burst: BENCH_BURST })))
      .onConflictDoUpdate({
        target: consentIngestSettings.tenantId,
        set: { ratePerSecond: BENCH_RATE_PER_SECOND, burst: BENCH_BURST, updatedAt: new Date() },
      });
  } finally {
    await handle.close();
  }
}

export async function countRecords(database: BenchDatabase): Promise<number> {
  const handle = await database.open();
  try {
    const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(consentRecords);
    return row?.n ?? 0;
  } finally {
    await handle.close();
  }
}

/**
 * Transactions committed in the database so far (PostgreSQL's statistics; null on PGlite). Busy
 * backends report at most once a second, so a difference over a 10 s phase is good to about 10%.
 */
export async function committedTransactions(database: BenchDatabase): Promise<number | null> {
  if (database.kind !== "postgres") return null;
  const handle = await database.open();
  try {
    const [row] = await queryRows<{ n: string }>(
      handle.db,
      sql`select xact_commit::text as n from pg_stat_database where datname = current_database()`,
    );
    return row ? Number(row.n) : null;
  } finally {
    await handle.close();
  }
}

export interface ChainReport {
  tenantId: string;
  records: number;
  ok: boolean;
  /** Why it does not verify, or why its stored head disagrees with the chain's end. */
  problem?: string;
}

export interface LedgerCheck {
  storedRecords: number;
  /** Acknowledged records found with the seq and hash their answer gave. */
  ackedFound: number;
  ackedDuplicates: number;
  chains: ChainReport[];
  verifySeconds: number;
}

async function countAckedFound(handle: DbHandle, acks: AckLog): Promise<number> {
  const p = sql.param;
  let found = 0;
  for (let start = 0; start < acks.size; start += ACK_CHUNK) {
    const end = start + ACK_CHUNK;
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n
        from unnest(${p(acks.recordIds.slice(start, end))}::uuid[], ${p(acks.seqs.slice(start, end))}::bigint[],
          ${p(acks.hashes.slice(start, end))}::text[]) as a(id, seq, hash)
        join consent_records r on r.id = a.id and r.seq = a.seq and r.hash = a.hash`,
    );
    found += Number(row?.n ?? 0);
  }
  return found;
}

async function verifyTenantChain(handle: DbHandle, tenantId: string): Promise<ChainReport> {
  let head = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  for (;;) {
    const rows = await handle.db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.tenantId, tenantId), gt(consentRecords.seq, head.seq)))
      .orderBy(asc(consentRecords.seq))
      .limit(VERIFY_PAGE);
    if (rows.length === 0) break;
    const page = rows.map(storedLedgerRecordOf);
    const verdict = verifyLedgerChain(page, { expectedFirstSeq: head.seq + 1, expectedFirstPrevHash: head.hash });
    if (!verdict.ok) return { tenantId, records, ok: false, problem: `breaks at seq ${verdict.seq}: ${verdict.reason}` };
    head = verdict.head;
    records += page.length;
  }
  const [stored] = await handle.db
    .select({ seq: consentLedgerHeads.seq, hash: consentLedgerHeads.hash })
    .from(consentLedgerHeads)
    .where(eq(consentLedgerHeads.tenantId, tenantId));
  const storedSeq = Number(stored?.seq ?? 0);
  const storedHash = stored?.hash ?? GENESIS_HASH;
  if (storedSeq !== head.seq || storedHash !== head.hash) {
    return { tenantId, records, ok: false, problem: `the stored head (seq ${storedSeq}) is not the chain's end (seq ${head.seq})` };
  }
  return { tenantId, records, ok: true };
}

/** Reads the ledger back after a run (PGlite: after the server stopped). */
export async function checkLedger(database: BenchDatabase, acks: AckLog): Promise<LedgerCheck> {
  const handle = await database.open();
  try {
    const started = performance.now();
    const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(consentRecords);
    const ackedDuplicates = acks.size - new Set(acks.recordIds).size;
    const ackedFound = await countAckedFound(handle, acks);
    const tenantRows = await handle.db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id));
    const chains: ChainReport[] = [];
    for (const tenant of tenantRows) chains.push(await verifyTenantChain(handle, tenant.id));
    return {
      storedRecords: count?.n ?? 0,
      ackedFound,
      ackedDuplicates,
      chains,
      verifySeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await handle.close();
  }
}
