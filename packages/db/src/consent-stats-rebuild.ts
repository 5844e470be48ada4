/**
 * The consent statistics computed straight from the ledger, with SQL: to rebuild the rollups
 * (after a bulk load that bypassed appendToLedger, or to repair them), and to check them (tests
 * compare what ingestion kept with what the ledger says). The same GROUP BY queries as the
 * backfill in 0021_consent_stats_rules.sql.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { queryRows } from "./context.js";

const utcDay = sql.raw("(r.received_at at time zone 'UTC')::date");
const decisions = sql.raw("consent_records r cross join lateral jsonb_each_text(r.purposes) as p(purpose, decision)");

interface RollupTable {
  table: string;
  /** The key columns, then the values. */
  keys: string[];
  values: string[];
  /** The rows the table should hold, from the ledger (`filter` applies to consent_records as r). */
  fromLedger(filter: SQL): SQL;
  /** For a rebuild: the same rows from the rollups rebuilt before it (cheaper than the ledger again). */
  fromRebuilt?(filter: SQL): SQL;
}

/** Latest choice per subject and document kind, from the ledger. */
const latestChoices = (filter: SQL) => sql`select distinct on (r.tenant_id, r.subject_digest, r.policy_kind)
    r.tenant_id, r.subject_digest, r.policy_kind, r.policy_version, r.received_at, r.seq
  from consent_records r where ${filter}
  order by r.tenant_id, r.subject_digest, r.policy_kind, r.seq desc`;

const ROLLUPS = {
  purposes: {
    table: "consent_stats_purpose_daily",
    keys: ["tenant_id", "policy_kind", "day", "policy_version", "purpose", "decision"],
    values: ["n"],
    fromLedger: (filter) => sql`select r.tenant_id, r.policy_kind, ${utcDay}, r.policy_version, p.purpose, p.decision, count(*)::int
      from ${decisions} where ${filter} group by 1, 2, 3, 4, 5, 6`,
  },
  countries: {
    table: "consent_stats_country_daily",
    keys: ["tenant_id", "policy_kind", "day", "country", "purpose", "decision"],
    values: ["n"],
    fromLedger: (filter) => sql`select r.tenant_id, r.policy_kind, ${utcDay}, coalesce(r.country, ''), p.purpose, p.decision, count(*)::int
      from ${decisions} where ${filter} group by 1, 2, 3, 4, 5, 6`,
  },
  actions: {
    table: "consent_stats_action_daily",
    keys: ["tenant_id", "policy_kind", "day", "country", "action"],
    values: ["n"],
    fromLedger: (filter) => sql`select r.tenant_id, r.policy_kind, ${utcDay}, coalesce(r.country, ''), r.action, count(*)::int
      from consent_records r where ${filter} group by 1, 2, 3, 4, 5`,
  },
  subjects: {
    table: "consent_stats_subjects",
    keys: ["tenant_id", "subject_digest", "policy_kind"],
    values: ["policy_version", "received_at", "seq"],
    fromLedger: latestChoices,
  },
  coverage: {
    table: "consent_stats_coverage",
    keys: ["tenant_id", "policy_kind", "policy_version", "month"],
    values: ["subjects"],
    fromLedger: (filter) => sql`select l.tenant_id, l.policy_kind, l.policy_version,
        date_trunc('month', l.received_at at time zone 'UTC')::date, count(*)::int
      from (${latestChoices(filter)}) l group by 1, 2, 3, 4`,
    fromRebuilt: (filter) => sql`select r.tenant_id, r.policy_kind, r.policy_version,
        date_trunc('month', r.received_at at time zone 'UTC')::date, count(*)::int
      from consent_stats_subjects r where ${filter} group by 1, 2, 3, 4`,
  },
} satisfies Record<string, RollupTable>;

export type ConsentStatsTable = keyof typeof ROLLUPS;
/** Every rollup's rows as text, sorted by key: what ingestion kept, or what the ledger says. */
export type ConsentStatsSnapshot = Record<ConsentStatsTable, Record<string, string>[]>;

const tables = Object.entries(ROLLUPS) as [ConsentStatsTable, RollupTable][];
const columnList = (columns: readonly string[], prefix = "") => sql.raw(columns.map((column) => `${prefix}${column}`).join(", "));
const asText = (columns: readonly string[]) => sql.raw(columns.map((column) => `${column}::text as ${column}`).join(", "));
const tenantFilter = (tenantId: string | undefined, alias = "r") => (tenantId ? sql`${sql.raw(alias)}.tenant_id = ${tenantId}` : sql`true`);

/** Operator scope for this transaction: every consent table has forced row-level security. */
const allTenantsInTransaction = (tx: Transaction) => tx.execute(sql`select set_config('app.all_tenants', 'on', true)`);

async function snapshot(db: Database, select: (rollup: RollupTable) => SQL): Promise<ConsentStatsSnapshot> {
  return db.transaction(async (tx) => {
    await allTenantsInTransaction(tx);
    const result = {} as ConsentStatsSnapshot;
    for (const [name, rollup] of tables) {
      const columns = [...rollup.keys, ...rollup.values];
      result[name] = await queryRows<Record<string, string>>(
        tx,
        sql`select ${asText(columns)} from (${select(rollup)}) as x(${columnList(columns)}) order by ${columnList(rollup.keys)}`,
      );
    }
    return result;
  });
}

/** The rollups as ingestion kept them (cells emptied by subjects moving on left out). */
export function readConsentStats(db: Database, options: { tenantId?: string } = {}): Promise<ConsentStatsSnapshot> {
  return snapshot(db, (rollup) => {
    const nonZero = rollup.values.includes("subjects") ? sql`subjects <> 0` : rollup.values.includes("n") ? sql`n <> 0` : sql`true`;
    return sql`select ${columnList([...rollup.keys, ...rollup.values], "s.")} from ${sql.raw(rollup.table)} s
      where ${tenantFilter(options.tenantId, "s")} and ${nonZero}`;
  });
}

/** The rollups recomputed from the ledger (GROUP BY over consent_records), without writing. */
export function recomputeConsentStats(db: Database, options: { tenantId?: string } = {}): Promise<ConsentStatsSnapshot> {
  return snapshot(db, (rollup) => rollup.fromLedger(tenantFilter(options.tenantId)));
}

/**
 * Replaces the rollups of one tenant (or of all) with what the ledger says. Takes the tenants'
 * chain-head locks first, as appendToLedger does, so no append counts beside it. Needs DELETE on
 * the rollups: run it as the schema owner (the seed, tests, maintenance), not as the app role.
 */
export async function rebuildConsentStats(db: Database, options: { tenantId?: string } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await allTenantsInTransaction(tx);
    await tx.execute(
      sql`select h.tenant_id from consent_ledger_heads h where ${tenantFilter(options.tenantId, "h")} order by h.tenant_id for update`,
    );
    for (const [, rollup] of tables) {
      const table = sql.raw(rollup.table);
      await tx.execute(sql`delete from ${table} s where ${tenantFilter(options.tenantId, "s")}`);
      // In key order, so a tenant's rows of a range share heap pages (as ingestion, which writes them
      // day by day, leaves them); a grouping's hash order spread a 90-day chart over a page per row.
      const columns = columnList([...rollup.keys, ...rollup.values]);
      await tx.execute(
        sql`insert into ${table} (${columns}) select * from (${(rollup.fromRebuilt ?? rollup.fromLedger)(tenantFilter(options.tenantId))}) as x(${columns}) order by ${columnList(rollup.keys)}`,
      );
    }
  });
}
