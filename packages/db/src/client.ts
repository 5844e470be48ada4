/**
 * Opens the database: embedded PGlite under a data directory by default, PostgreSQL when a URL
 * is given. Both give the same Drizzle type, so nothing above this file knows which it is.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = "pglite" | "postgres";

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../drizzle");

export interface DbHandle {
  db: Database;
  kind: DbKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to start copies from (tests). */
  dumpDataDir?: () => Promise<Blob>;
  /** PostgreSQL only: the connection pool's use now (PGlite is one embedded connection). */
  poolStats?: () => PoolStats;
}

export interface PoolStats {
  /** Connections open, in use or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  max: number;
}

export type DbOptions =
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob | File }
  | { kind: "postgres"; url: string; maxConnections?: number };

export async function openDatabase(options: DbOptions): Promise<DbHandle> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      migrate: () => migratePg(drizzlePg(pool, { schema, casing: "snake_case" }), { migrationsFolder }),
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
    };
  }
  if (options.dataDir) mkdirSync(dirname(resolve(options.dataDir)), { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const pgliteDb = drizzlePglite(client, { schema, casing: "snake_case" });
  return {
    db: pgliteDb as unknown as Database,
    kind: "pglite",
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir("gzip"),
  };
}
