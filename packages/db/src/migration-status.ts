/**
 * Whether a database has every migration this build ships: the journal in drizzle/meta against the
 * rows Drizzle's migrator wrote to drizzle.__drizzle_migrations (one per applied migration, its
 * `created_at` being the journal entry's `when`). Readiness checks use it; it never migrates.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Database, migrationsFolder } from "./client.js";
import { queryRows } from "./context.js";

export interface MigrationStatus {
  /** Migrations this build ships. */
  shipped: number;
  /** Rows in the migrations table (may include migrations of a newer build, mid-deploy). */
  applied: number;
  /** Shipped migrations the database does not have, by tag ("0021_consent_stats_rules"). */
  pending: string[];
}

interface JournalEntry {
  tag: string;
  when: number;
}

const journals = new Map<string, Promise<JournalEntry[]>>();

/** The journal is part of the build: read once per folder. */
function shippedMigrations(folder: string): Promise<JournalEntry[]> {
  let journal = journals.get(folder);
  if (!journal) {
    journal = readFile(join(folder, "meta", "_journal.json"), "utf8").then(
      (text) => (JSON.parse(text) as { entries: JournalEntry[] }).entries,
    );
    journal.catch(() => journals.delete(folder));
    journals.set(folder, journal);
  }
  return journal;
}

/** PostgreSQL's "undefined table" and "invalid schema name": nothing was ever migrated. */
const NEVER_MIGRATED = new Set(["42P01", "3F000"]);

function sqlState(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === "string") return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

export async function migrationStatus(db: Database, folder: string = migrationsFolder): Promise<MigrationStatus> {
  const shipped = await shippedMigrations(folder);
  let rows: { created_at: string | number }[];
  try {
    rows = await queryRows<{ created_at: string | number }>(db, sql`select created_at from drizzle.__drizzle_migrations`);
  } catch (error) {
    const state = sqlState(error);
    if (state === undefined || !NEVER_MIGRATED.has(state)) throw error;
    rows = [];
  }
  const applied = new Set(rows.map((row) => Number(row.created_at)));
  return {
    shipped: shipped.length,
    applied: rows.length,
    pending: shipped.filter((entry) => !applied.has(entry.when)).map((entry) => entry.tag),
  };
}
