/**
 * Reads of the consent statistics rollups (packages/db schema/consent-stats.ts): each query sums
 * one rollup over a range of UTC days for one tenant (or every tenant), grouped by what a chart or
 * table shows. They never read the ledger; a 90-day chart sums a few thousand rollup rows.
 */
import { consentStatsActionDaily, consentStatsCountryDaily, consentStatsCoverage, consentStatsPurposeDaily, type Database } from "@pc/db";
import type { PolicyKind, StatsGranularity } from "@pc/shared";
import { type AnyColumn, and, between, eq, gte, type SQL, sql } from "drizzle-orm";

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

export interface DecisionRow {
  purpose: string;
  decision: "granted" | "denied" | "acknowledged";
  n: number;
}

/** The first day of a row's bucket, as text (ISO week: Monday; month: the 1st). */
function bucketOf(day: AnyColumn, granularity: StatsGranularity): SQL<string> {
  if (granularity === "day") return sql<string>`${day}::text`;
  // A literal, not a parameter: GROUP BY must see the very expression the select list has.
  const unit = sql.raw(granularity === "week" ? "'week'" : "'month'");
  return sql<string>`date_trunc(${unit}, ${day}::timestamp)::date::text`;
}

const total = (column: AnyColumn) => sql<number>`sum(${column})::float8`.mapWith(Number);

type DailyTable = typeof consentStatsPurposeDaily | typeof consentStatsCountryDaily | typeof consentStatsActionDaily;

function rowsOf(table: DailyTable, scope: StatsScope, extra: (SQL | undefined)[] = []): SQL | undefined {
  return and(
    scope.tenantId ? eq(table.tenantId, scope.tenantId) : undefined,
    eq(table.policyKind, scope.policyKind),
    between(table.day, scope.from, scope.to),
    ...extra,
  );
}

/**
 * Decisions per bucket and purpose. Without a country filter from the per-version rollup (summed
 * over versions); with one from the per-country rollup.
 */
export function decisionsByBucket(db: Database, scope: StatsScope): Promise<(DecisionRow & { bucket: string })[]> {
  const table = scope.country ? consentStatsCountryDaily : consentStatsPurposeDaily;
  const bucket = bucketOf(table.day, scope.granularity);
  return db
    .select({ bucket, purpose: table.purpose, decision: table.decision, n: total(table.n) })
    .from(table)
    .where(
      rowsOf(table, scope, [
        scope.purpose ? eq(table.purpose, scope.purpose) : undefined,
        scope.country ? eq(consentStatsCountryDaily.country, scope.country) : undefined,
      ]),
    )
    .groupBy(bucket, table.purpose, table.decision);
}

/** Decisions per policy version and purpose over the whole range (every country). */
export function decisionsByVersion(db: Database, scope: StatsScope): Promise<(DecisionRow & { policyVersion: string })[]> {
  const t = consentStatsPurposeDaily;
  return db
    .select({ policyVersion: t.policyVersion, purpose: t.purpose, decision: t.decision, n: total(t.n) })
    .from(t)
    .where(rowsOf(t, scope, [scope.purpose ? eq(t.purpose, scope.purpose) : undefined]))
    .groupBy(t.policyVersion, t.purpose, t.decision);
}

/** Decisions per country ('' unknown) and purpose over the whole range. */
export function decisionsByCountry(db: Database, scope: StatsScope): Promise<(DecisionRow & { country: string })[]> {
  const t = consentStatsCountryDaily;
  return db
    .select({ country: t.country, purpose: t.purpose, decision: t.decision, n: total(t.n) })
    .from(t)
    .where(
      rowsOf(t, scope, [
        scope.purpose ? eq(t.purpose, scope.purpose) : undefined,
        scope.country ? eq(t.country, scope.country) : undefined,
      ]),
    )
    .groupBy(t.country, t.purpose, t.decision);
}

export interface ActionRow {
  /** Set for the action mix per bucket (country null), null for the records per country. */
  bucket: string | null;
  action: "accept_all" | "reject_all" | "save_custom" | "withdraw" | "gpc" | null;
  /** Set ('' unknown) for the records per country (bucket and action null). */
  country: string | null;
  n: number;
}

/** In one scan: records per bucket and banner action (the action mix), and records per country. */
export function actionsByBucket(db: Database, scope: StatsScope): Promise<ActionRow[]> {
  const t = consentStatsActionDaily;
  const bucket = bucketOf(t.day, scope.granularity);
  return db
    .select({ bucket, action: t.action, country: t.country, n: total(t.n) })
    .from(t)
    .where(rowsOf(t, scope, [scope.country ? eq(t.country, scope.country) : undefined]))
    .groupBy(sql`grouping sets ((${bucket}, ${t.action}), (${t.country}))`);
}

/** Subjects whose latest choice on each kind was received in `sinceMonth` or later, per version. */
export function subjectsByVersion(
  db: Database,
  args: { tenantId: string | null; sinceMonth: string },
): Promise<{ policyKind: PolicyKind; policyVersion: string; subjects: number }[]> {
  const t = consentStatsCoverage;
  return db
    .select({ policyKind: t.policyKind, policyVersion: t.policyVersion, subjects: total(t.subjects) })
    .from(t)
    .where(and(args.tenantId ? eq(t.tenantId, args.tenantId) : undefined, gte(t.month, args.sinceMonth)))
    .groupBy(t.policyKind, t.policyVersion);
}
