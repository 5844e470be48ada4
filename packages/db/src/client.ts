/**
 * Opens the database: embedded PGlite under a data directory by default, PostgreSQL when a URL
 * is given. Both give the same Drizzle type, so nothing above this file knows which it is.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
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

/**
 * After migrating, the owner lets the app role read which migrations are applied (/readyz and the
 * production start check read it as the login role). Not a migration: the migrations table is
 * Drizzle's, made by the migrator itself. Granted only when missing, under a lock, because
 * concurrent GRANTs on one object fail with "tuple concurrently updated" (servers starting together).
 */
const GRANT_MIGRATIONS_READ = `DO $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('partner-console:grant-migrations-read'));
  IF NOT has_schema_privilege('console_app', 'drizzle', 'USAGE') THEN
    GRANT USAGE ON SCHEMA drizzle TO console_app;
  END IF;
  IF NOT has_table_privilege('console_app', 'drizzle.__drizzle_migrations', 'SELECT') THEN
    GRANT SELECT ON drizzle.__drizzle_migrations TO console_app;
  END IF;
END
$$`;

/**
 * Drizzle's migrator takes no lock: two processes starting together on an empty database would
 * both create its table and apply every migration ("relation already exists"). Under a
 * session-level advisory lock on one connection, the first applies them and the others wait, then
 * find nothing left to do.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock(hashtext('partner-console:migrations'))");
    try {
      await migratePg(drizzlePg(client, { schema, casing: "snake_case" }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('partner-console:migrations'))").catch((error: Error) => {
        broken = error; // the connection is gone, and its lock with it: do not hand it back to the pool
      });
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Settings of every connection, sent when it opens rather than by a statement per request: no JIT.
 * The console's queries read pages and small aggregates in milliseconds; compiling them took 50 to
 * 95 ms where row-level security misled the planner's cost estimates (docs/performance.md, "Consent
 * audit workspace"). Options the URL carries (`?options=-c …`) come after these, so they win.
 */
const CONNECTION_OPTIONS = "-c jit=off";

function withConnectionOptions(url: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: CONNECTION_OPTIONS }; // node-postgres reports what is wrong with it
  }
  const own = parsed.searchParams.get("options");
  if (own === null) return { connectionString: url, options: CONNECTION_OPTIONS };
  // node-postgres lets the URL's options replace the config's: merged here instead.
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), options: `${CONNECTION_OPTIONS} ${own}` };
}

export async function openDatabase(options: DbOptions): Promise<DbHandle> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ ...withConnectionOptions(options.url), max: options.maxConnections ?? 10 });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        await migrateUnderLock(pool);
        await pool.query(GRANT_MIGRATIONS_READ);
      },
      close: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
    };
  }
  if (options.dataDir) mkdirSync(dirname(resolve(options.dataDir)), { recursive: true });
  // Loaded only here: a server on PostgreSQL never holds PGlite's modules (about 7 MB, 40 under tsx).
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
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
