/**
 * Reads of the consent statistics rollups (packages/db schema/consent-stats.ts). Each part sums one
 * rollup over a range of UTC days for one tenant (or every tenant), grouped by what a chart or table
 * shows; they never read the ledger (a 90-day chart sums a few thousand rollup rows).
 *
 * The statistics page needs five such sums. They go to PostgreSQL as one statement, each part
 * answered as one JSON array of rows built by PostgreSQL: one round trip instead of five, and one
 * JSON.parse instead of a thousand or more rows parsed and mapped one by one (on 10 million events
 * the server spent most of a statistics call on exactly that; docs/performance.md).
 */
import type { Database } from "@pc/db";
import type { ConsentAction, PolicyKind, StatsGranularity } from "@pc/shared";
import { type SQL, sql } from "drizzle-orm";

/** Which rows count: the tenant (null: every tenant), the document kind, the days, the filters. */
export interface StatsScope {
  tenantId: string | null;
  policyKind: PolicyKind;
  from: string;
  to: string;
  granularity: StatsGranularity;
  purpose?: string;
  country?: string;
}

export type Decision = "granted" | "denied" | "acknowledged";

export interface DecisionRow {
  purpose: string;
  decision: Decision;
  n: number;
}

export interface ActionRow {
  /** Set for the action mix per bucket (country null), null for the records per country. */
  bucket: string | null;
  action: ConsentAction | null;
  /** Set ('' unknown) for the records per country (bucket and action null). */
  country: string | null;
  n: number;
}

export interface StatsRollups {
  /** Decisions per bucket and purpose (the chart). */
  decisions: (DecisionRow & { bucket: string })[];
  /** The action mix per bucket, and records per country (actionsByBucket's two groupings). */
  actions: ActionRow[];
  /** Decisions per policy version and purpose over the whole range (every country). */
  versions: (DecisionRow & { policyVersion: string })[];
  /** Decisions per country ('' unknown) and purpose over the whole range. */
  countries: (DecisionRow & { country: string })[];
  /** Subjects whose latest choice on each kind was received in `sinceMonth` or later, per version. */
  coverage: { policyKind: PolicyKind; policyVersion: string; subjects: number }[];
}

/**
 * The first day of a row's bucket (ISO week: Monday; month: the 1st), a date: grouping on dates is
 * cheaper than on their text, which the JSON gets. A literal, not a parameter: GROUP BY must see
 * the very expression the select list has.
 */
function bucketOf(granularity: StatsGranularity): SQL {
  if (granularity === "day") return sql.raw("day");
  return sql.raw(`date_trunc('${granularity === "week" ? "week" : "month"}', day::timestamp)::date`);
}

/** The rows of a daily rollup in scope, with the filters that apply to it. */
function daysInScope(scope: StatsScope, filters: { purpose?: boolean; country?: boolean }): SQL {
  const conditions = [sql`policy_kind = ${scope.policyKind}`, sql`day between ${scope.from}::date and ${scope.to}::date`];
  if (scope.tenantId) conditions.push(sql`tenant_id = ${scope.tenantId}::uuid`);
  if (filters.purpose && scope.purpose) conditions.push(sql`purpose = ${scope.purpose}`);
  if (filters.country && scope.country) conditions.push(sql`country = ${scope.country}`);
  return sql.join(conditions, sql` and `);
}

/** A grouped query's rows as one JSON array of arrays (compact; the columns in the order given). */
const jsonRows = (columns: string, query: SQL) =>
  sql`(select coalesce(json_agg(json_build_array(${sql.raw(columns)})), '[]'::json) from (${query}) g)`;

/** The five sums the statistics page shows, in one statement. */
export async function readStatsRollups(db: Database, scope: StatsScope, coverage: { sinceMonth: string }): Promise<StatsRollups> {
  const bucket = bucketOf(scope.granularity);
  // With a country filter the chart comes from the per-country rollup, else from the per-version one.
  const chartTable = sql.raw(scope.country ? "consent_stats_country_daily" : "consent_stats_purpose_daily");
  const query = sql`select
    ${jsonRows(
      "bucket::text, purpose, decision, n",
      sql`select ${bucket} as bucket, purpose, decision, sum(n)::float8 as n from ${chartTable}
        where ${daysInScope(scope, { purpose: true, country: true })} group by 1, 2, 3`,
    )} as decisions,
    ${jsonRows(
      "bucket::text, action, country, n",
      sql`select ${bucket} as bucket, action, country, sum(n)::float8 as n from consent_stats_action_daily
        where ${daysInScope(scope, { country: true })} group by grouping sets ((${bucket}, action), (country))`,
    )} as actions,
    ${jsonRows(
      "policy_version, purpose, decision, n",
      sql`select policy_version, purpose, decision, sum(n)::float8 as n from consent_stats_purpose_daily
        where ${daysInScope(scope, { purpose: true })} group by 1, 2, 3`,
    )} as versions,
    ${jsonRows(
      "country, purpose, decision, n",
      sql`select country, purpose, decision, sum(n)::float8 as n from consent_stats_country_daily
        where ${daysInScope(scope, { purpose: true, country: true })} group by 1, 2, 3`,
    )} as countries,
    ${jsonRows(
      "policy_kind, policy_version, subjects",
      sql`select policy_kind, policy_version, sum(subjects)::float8 as subjects from consent_stats_coverage
        where month >= ${coverage.sinceMonth}::date${scope.tenantId ? sql` and tenant_id = ${scope.tenantId}::uuid` : sql``} group by 1, 2`,
    )} as coverage`;
  const result = (await db.execute(query)) as unknown as { rows: Record<keyof StatsRollups, unknown[][]>[] };
  const row = result.rows[0];
  if (!row) throw new Error("The statistics query answered no row");
  // Both drivers parse json columns (node-postgres and PGlite alike).
  /** A part's rows of (key, purpose, decision, n), its first column under `key`. */
  const decisionRows = <K extends string>(part: "decisions" | "versions" | "countries", key: K) =>
    row[part].map(([first, purpose, decision, n]) => ({
      [key]: first as string,
      purpose: purpose as string,
      decision: decision as Decision,
      n: n as number,
    })) as (DecisionRow & Record<K, string>)[];
  return {
    decisions: decisionRows("decisions", "bucket"),
    actions: row.actions.map(([bucket, action, country, n]) => ({
      bucket: bucket as string | null,
      action: action as ConsentAction | null,
      country: country as string | null,
      n: n as number,
    })),
    versions: decisionRows("versions", "policyVersion"),
    countries: decisionRows("countries", "country"),
    coverage: row.coverage.map(([policyKind, policyVersion, subjects]) => ({
      policyKind: policyKind as PolicyKind,
      policyVersion: policyVersion as string,
      subjects: subjects as number,
    })),
  };
}
