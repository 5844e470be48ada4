/**
 * What the audit benchmark asks, and the hand-written SQL it holds each answer against: the first
 * page of typical consent searches (consentAudit.search, 50 records and one more to know whether
 * a next page exists), a subject's records (the timeline), the 90-day statistics chart computed
 * naively from the ledger, and an export's rows as COPY (…) TO STDOUT. The SQL runs directly as the
 * database owner (no row-level security), prepared, on the same data and indexes.
 */
import type { LargeSeedSummary } from "@pc/db/seed-large";
import { CONSENT_SEARCH_DEFAULT_LIMIT } from "@pc/shared";
import pg from "pg";

export interface AuditData {
  summary: LargeSeedSummary;
  /** The tenant with the most records. */
  tenant: { id: string; slug: string; secret: Buffer; records: number; subjects: number };
  /** An opt-in purpose every published privacy version has. */
  purpose: string;
  /** A policy version that is not the newest (its records are not the latest ones). */
  olderVersion: string;
  until: Date;
}

export interface SearchFilters {
  tenantId?: string;
  from?: string;
  to?: string;
  purpose?: string;
  decision?: "granted" | "denied" | "acknowledged";
  action?: string;
  policyVersion?: string;
  country?: string;
}

export interface SearchCase {
  key: string;
  name: string;
  filters: SearchFilters;
}

const DAY_MS = 86_400_000;

/** Reads what the cases need from the seeded database. */
export async function loadAuditData(client: pg.Client, summary: LargeSeedSummary): Promise<AuditData> {
  const [largest] = (
    await client.query<{ id: string; slug: string; secret: string; records: string }>(
      `select t.id, t.slug, s.secret, h.seq::text as records from consent_ledger_heads h
       join tenants t on t.id = h.tenant_id join consent_subject_secrets s on s.tenant_id = t.id
       order by h.seq desc limit 1`,
    )
  ).rows;
  if (!largest) throw new Error("The database has no consent records: run npm run db:seed:large first");
  const versions = (
    await client.query<{ version: string; purposes: { key: string; category: string }[] }>(
      `select major || '.' || minor as version, purposes from policy_versions
       where kind = 'privacy' and status = 'published' order by effective_from`,
    )
  ).rows;
  const optIn = (versions[0]?.purposes ?? []).filter((purpose) => purpose.category !== "strictly_necessary").map((purpose) => purpose.key);
  const purpose = optIn.find((key) => versions.every((version) => version.purposes.some((p) => p.key === key)));
  if (!purpose || versions.length < 2) throw new Error("Expected at least two published privacy versions sharing an opt-in purpose");
  return {
    summary,
    tenant: {
      id: largest.id,
      slug: largest.slug,
      secret: Buffer.from(largest.secret, "hex"),
      records: Number(largest.records),
      subjects: summary.subjects[largest.id] ?? 0,
    },
    purpose,
    olderVersion: versions[versions.length - 2]?.version as string,
    until: new Date(summary.until),
  };
}

/** The typical searches: each narrows the one before it, then two time ranges. */
export function searchCases(data: AuditData): SearchCase[] {
  const tenantId = data.tenant.id;
  const until = data.until.getTime();
  const weekFrom = new Date(until - 183 * DAY_MS);
  const dayFrom = new Date(until - 365 * DAY_MS);
  const withPurpose: SearchFilters = { tenantId, purpose: data.purpose, decision: "granted" };
  return [
    { key: "all", name: "all tenants, newest first", filters: {} },
    { key: "tenant", name: "one tenant", filters: { tenantId } },
    { key: "purpose", name: `+ ${data.purpose} granted`, filters: withPurpose },
    { key: "country", name: "+ country SE", filters: { ...withPurpose, country: "SE" } },
    { key: "version", name: `+ policy ${data.olderVersion}`, filters: { ...withPurpose, country: "SE", policyVersion: data.olderVersion } },
    {
      key: "tenant-week",
      name: "one tenant, a week 6 months ago",
      filters: { tenantId, from: weekFrom.toISOString(), to: new Date(weekFrom.getTime() + 7 * DAY_MS).toISOString() },
    },
    {
      key: "all-day",
      name: "all tenants, a day a year ago",
      filters: { from: dayFrom.toISOString(), to: new Date(dayFrom.getTime() + DAY_MS).toISOString() },
    },
  ];
}

export const PAGE_ROWS = CONSENT_SEARCH_DEFAULT_LIMIT + 1;

/** The page as one would write it by hand: the same columns, order and limit, no row-level security. */
export function searchSql(filters: SearchFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (filters.tenantId) where.push(`r.tenant_id = ${param(filters.tenantId)}`);
  if (filters.from) where.push(`r.received_at >= ${param(filters.from)}`);
  if (filters.to) where.push(`r.received_at < ${param(filters.to)}`);
  if (filters.purpose) {
    where.push(
      filters.decision
        ? `r.purposes @> ${param(JSON.stringify({ [filters.purpose]: filters.decision }))}::jsonb`
        : `r.purposes ? ${param(filters.purpose)}`,
    );
  }
  if (filters.action) where.push(`r.action = ${param(filters.action)}`);
  if (filters.policyVersion) where.push(`r.policy_version = ${param(filters.policyVersion)}`);
  if (filters.country) where.push(`r.country = ${param(filters.country)}`);
  return {
    text: `select r.id, r.seq, r.received_at, r.occurred_at, r.consent_id, r.policy_kind, r.policy_version, r.action, r.purposes,
        r.language, r.path, r.gpc, r.country, r.jurisdiction, r.tenant_id, t.slug, t.name
      from consent_records r join tenants t on t.id = r.tenant_id
      where ${where.length > 0 ? where.join(" and ") : "true"}
      order by r.received_at desc, r.tenant_id desc, r.seq desc
      limit ${PAGE_ROWS}`,
    values,
  };
}

export const TIMELINE_SQL = "select * from consent_records where tenant_id = $1 and subject_digest = $2 order by seq";

/** The statistics page's chart and tables for a tenant and a range of UTC days, straight from the ledger. */
export function naiveStatsSql(tenantId: string, fromDay: string, toDay: string): { decisions: string; actions: string; values: unknown[] } {
  const range = `r.tenant_id = $1 and r.policy_kind = 'privacy'
      and r.received_at >= $2::date::timestamp at time zone 'UTC' and r.received_at < ($3::date + 1)::timestamp at time zone 'UTC'`;
  const day = "(r.received_at at time zone 'UTC')::date::text";
  return {
    // Decisions per day, per policy version and per country, each by purpose: one scan, three groupings.
    decisions: `select ${day} as day, r.policy_version, coalesce(r.country, '') as country, p.purpose, p.decision, count(*)::int as n
      from consent_records r cross join lateral jsonb_each_text(r.purposes) as p(purpose, decision)
      where ${range}
      group by grouping sets ((${day}, p.purpose, p.decision), (r.policy_version, p.purpose, p.decision), (coalesce(r.country, ''), p.purpose, p.decision))`,
    // The action mix per day, and records per country.
    actions: `select ${day} as day, r.action, coalesce(r.country, '') as country, count(*)::int as n
      from consent_records r where ${range}
      group by grouping sets ((${day}, r.action), (coalesce(r.country, '')))`,
    values: [tenantId, fromDay, toDay],
  };
}

/** The export's rows and columns (as the CSV export writes them), for COPY (…) TO STDOUT: literals, as COPY takes no parameters. */
export function exportCopySql(tenantId: string, from: string): string {
  const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `copy (select r.id as record_id, t.slug as tenant_slug, r.seq, ${iso("r.received_at")} as received_at, ${iso("r.occurred_at")} as occurred_at,
      r.consent_id, r.policy_kind, r.policy_version, r.action,
      (select string_agg(p.key || '=' || p.value, ';' order by p.key) from jsonb_each_text(r.purposes) as p) as purposes,
      r.language, r.path, case when r.gpc then 'true' else 'false' end as gpc, r.country, r.jurisdiction
    from consent_records r join tenants t on t.id = r.tenant_id
    where r.tenant_id = ${pg.escapeLiteral(tenantId)} and r.received_at >= ${pg.escapeLiteral(from)}
    order by r.received_at desc, r.tenant_id desc, r.seq desc) to stdout (format csv, header)`;
}
