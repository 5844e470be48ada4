/**
 * The ops tests' databases: a fresh `pc_ops_<random>` on the cluster of TEST_DATABASE_URL (a
 * superuser URL), queried from the test as that superuser (row-level security does not hide rows
 * from it), and dropped WITH (FORCE) afterwards so a server process left behind cannot keep it.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The cluster's superuser URL (require-postgres.ts already refused to run without it). */
export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: the ops tests need a PostgreSQL superuser URL");
  return url;
}

/** `adminUrl()` with another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement as the superuser on its own database (create or drop a database or a role). */
export async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface OpsDatabase {
  name: string;
  url: string;
  /** One statement as the superuser; answers its rows. */
  query<Row extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /** Closes this process's connections and drops the database (WITH (FORCE): servers still connected are cut off). */
  drop(): Promise<void>;
}

/** Creates an empty `pc_ops_<random>` database. */
export async function createOpsDatabase(): Promise<OpsDatabase> {
  const name = `pc_ops_${randomBytes(5).toString("hex")}`;
  await asAdmin(`create database ${name}`);
  const url = databaseUrl(name);
  let pool: pg.Pool | null = null;
  return {
    name,
    url,
    async query(text, values) {
      if (!pool) {
        pool = new pg.Pool({ connectionString: url, max: 2 });
        pool.on("error", () => {}); // an idle connection cut off (the database dropped): the next query says so
      }
      return (await pool.query(text, values)).rows;
    },
    async drop() {
      await pool?.end();
      pool = null;
      await asAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}
