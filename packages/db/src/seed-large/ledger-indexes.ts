/**
 * Around a bulk load, the ledger tables' indexes go and come back: loading into bare heaps and
 * building each index once in sorted order is several times faster than keeping five b-trees up to
 * date row by row. Each index (and primary-key or unique constraint) is recreated from the
 * definition PostgreSQL itself reports before it was dropped, so afterwards they are exactly what
 * the migrations made, including any added later.
 */
import type pg from "pg";
import { connect } from "./large-database.js";

export const BULK_LOADED_TABLES = ["consent_records", "consent_personal_data"] as const;

export interface IndexDefinition {
  table: string;
  name: string;
  /** CREATE INDEX … (pg_get_indexdef), or null for a constraint's index. */
  indexSql: string | null;
  /** PRIMARY KEY (…) / UNIQUE (…) (pg_get_constraintdef), or null for a plain index. */
  constraintSql: string | null;
}

/** Long text keys (the 64-digit digests) sort slowest: those are built first, so the two builders end together. */
const costGuess = (index: IndexDefinition) => ((index.constraintSql ?? index.indexSql ?? "").includes("digest") ? 1 : 0);

export async function indexDefinitions(client: pg.Client, tables: readonly string[] = BULK_LOADED_TABLES): Promise<IndexDefinition[]> {
  const { rows } = await client.query<{
    table: string;
    name: string;
    index_sql: string;
    constraint_sql: string | null;
  }>(
    `select t.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as index_sql,
        pg_get_constraintdef(c.oid) as constraint_sql
     from pg_index x
     join pg_class i on i.oid = x.indexrelid
     join pg_class t on t.oid = x.indrelid
     left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid and c.contype in ('p', 'u', 'x')
     where t.relnamespace = 'public'::regnamespace and t.relname = any($1)
     order by t.relname, i.relname`,
    [tables],
  );
  return rows.map((row) => ({
    table: row.table,
    name: row.name,
    indexSql: row.constraint_sql ? null : row.index_sql,
    constraintSql: row.constraint_sql,
  }));
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function dropIndexes(client: pg.Client, definitions: readonly IndexDefinition[]): Promise<void> {
  await client.query("begin");
  try {
    for (const index of definitions) {
      await client.query(
        index.constraintSql
          ? `alter table ${quoted(index.table)} drop constraint ${quoted(index.name)}`
          : `drop index ${quoted(index.name)}`,
      );
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

export interface BuiltIndex {
  name: string;
  seconds: number;
}

/**
 * Builds the indexes again, `parallel` at a time on connections of their own (each may also use
 * PostgreSQL's parallel maintenance workers).
 */
export async function recreateIndexes(
  url: string,
  definitions: readonly IndexDefinition[],
  {
    parallel = 2,
    maintenanceWorkMem = "512MB",
    onBuilt,
  }: { parallel?: number; maintenanceWorkMem?: string; onBuilt?: (built: BuiltIndex) => void },
): Promise<BuiltIndex[]> {
  const queue = [...definitions].sort((a, b) => costGuess(b) - costGuess(a));
  const built: BuiltIndex[] = [];
  const worker = async () => {
    const client = await connect(url);
    try {
      await client.query(`set maintenance_work_mem = '${maintenanceWorkMem}'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query(
          index.constraintSql
            ? `alter table ${quoted(index.table)} add constraint ${quoted(index.name)} ${index.constraintSql}`
            : (index.indexSql as string),
        );
        const done = { name: index.name, seconds: (performance.now() - started) / 1000 };
        built.push(done);
        onBuilt?.(done);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, definitions.length) }, worker));
  return built;
}
