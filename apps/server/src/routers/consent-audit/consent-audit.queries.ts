/**
 * Consent record search: filters over consent_records, newest first by receivedAt (ties by tenant
 * and seq), with keyset pagination. The page cursor carries a fingerprint of the filters and the
 * tenant scope it was made for, so it cannot be replayed against another search or tenant.
 */
import { createHash, createHmac } from "node:crypto";
import {
  consentRecords,
  consentRecordViewColumns,
  consentSubjectSecrets,
  type Database,
  queryNamed,
  type Transaction,
  tenants,
} from "@pc/db";
import { CONSENT_SEARCH_DEFAULT_LIMIT, type ConsentSearchInput } from "@pc/shared";
import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { InvalidInputError } from "../../errors.js";
import { cursorFingerprint, decodePageCursor, encodePageCursor, isExactTimestamp, isUuid } from "../../services/page-cursor.js";

export type SearchFilters = Omit<ConsentSearchInput, "cursor" | "limit" | "from" | "to"> & { from?: Date; to?: Date };

/** Where the next page starts: the last item's receivedAt (UTC ISO with microseconds), tenant and seq. */
type SearchCursorKey = { r: string; t: string; s: number };

const isSearchCursorKey = (body: Record<string, unknown>): body is SearchCursorKey =>
  isExactTimestamp(body.r) && isUuid(body.t) && Number.isSafeInteger(body.s);

/** A subject's digest under its tenant's secret (hex): HMAC-SHA256, as ingestion computes it. */
export function subjectDigestWith(secretHex: string, subjectId: string): string {
  return createHmac("sha256", Buffer.from(secretHex, "hex")).update(subjectId).digest("hex");
}

/** The tenant a subject's digest is computed with: HMAC-SHA256 under its secret, as ingestion does. */
export async function subjectDigestFor(db: Database, tenantId: string, subjectId: string): Promise<string | null> {
  const [row] = await db
    .select({ secret: consentSubjectSecrets.secret })
    .from(consentSubjectSecrets)
    .where(eq(consentSubjectSecrets.tenantId, tenantId));
  return row ? subjectDigestWith(row.secret, subjectId) : null;
}

/** Identifies one search: the same filters in any key order give the same fingerprint. */
export function searchFingerprint(filters: SearchFilters, scopeTenantId: string | null): string {
  return cursorFingerprint({
    scope: scopeTenantId,
    tenantId: filters.tenantId ?? null,
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
    purpose: filters.purpose ?? null,
    decision: filters.decision ?? null,
    action: filters.action ?? null,
    policyVersion: filters.policyVersion ?? null,
    country: filters.country ?? null,
    subjectId: filters.subjectId ?? null,
  });
}

export interface SearchArgs {
  /** The tenant the caller is confined to (partners), or null (staff). */
  scopeTenantId: string | null;
  filters: SearchFilters;
  cursor?: string;
  limit: number;
}

/**
 * Settings for the rest of a search's transaction (a page, an export page, a count), in one round
 * trip. Measured on 10 million records (docs/performance.md, "Consent audit workspace"):
 * - Staff searching one tenant: the transaction narrowed to it, as narrowToTenant does. They see
 *   nothing less (the filter names that tenant), but the planner then knows which tenant the
 *   row-level security check lets through; under operator scope it guesses 0.5% of the rows, and
 *   with a filter or two it expected a handful of matches, so it read them all and sorted them
 *   (seconds) instead of walking the newest-first index for one page.
 * - No parallel workers: starting them costs more than reading one page.
 * - Custom plans only: the page is a prepared statement (runSearchPage), and PostgreSQL may switch a
 *   prepared statement to a generic plan after five runs, blind to the filters' values; one such plan
 *   took 1.5 s for a policy-version search that takes 2 ms. Each run is planned for its values, and
 *   only the parsing and row-level security rewriting is saved (0.80 to 0.49 ms a page).
 * (No JIT either: that same guess put a page's cost past jit_above_cost, and compiling took 50 to
 * 95 ms for a query that runs in a few. The app's connections open with JIT off: client.ts.)
 */
export async function prepareSearch(db: Database, { scopeTenantId, filters }: { scopeTenantId: string | null; filters: SearchFilters }) {
  const narrowTo = scopeTenantId === null ? (filters.tenantId ?? null) : null;
  const narrow = narrowTo ? sql`, set_config('app.tenant_id', ${narrowTo}, true), set_config('app.all_tenants', 'off', true)` : sql``;
  await db.execute(
    sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('plan_cache_mode', 'force_custom_plan', true)${narrow}`,
  );
}

/**
 * The conditions of a search within its scope (a partner's own tenant, whatever the filters name),
 * shared by the paged search and the exports. Null when nothing can match (a tenant without a
 * subject secret has no subjects).
 */
export async function searchConditions(
  db: Database,
  { scopeTenantId, filters }: { scopeTenantId: string | null; filters: SearchFilters },
): Promise<{ tenantId: string | null; where: (SQL | undefined)[] } | null> {
  // A partner's input tenant never widens (or moves) the scope: their own tenant, always.
  const tenantId = scopeTenantId ?? filters.tenantId ?? null;
  const where: (SQL | undefined)[] = [tenantId ? eq(consentRecords.tenantId, tenantId) : undefined];
  if (filters.subjectId !== undefined) {
    if (!tenantId) throw new InvalidInputError("tenantId", "Choose the tenant whose subject you are looking for");
    const digest = await subjectDigestFor(db, tenantId, filters.subjectId);
    if (!digest) return null;
    where.push(eq(consentRecords.subjectDigest, digest));
  }
  if (filters.from) where.push(gte(consentRecords.receivedAt, filters.from));
  if (filters.to) where.push(lt(consentRecords.receivedAt, filters.to));
  if (filters.purpose) {
    where.push(
      filters.decision
        ? sql`${consentRecords.purposes} @> ${JSON.stringify({ [filters.purpose]: filters.decision })}::jsonb`
        : sql`${consentRecords.purposes} ? ${filters.purpose}`,
    );
  }
  if (filters.action) where.push(eq(consentRecords.action, filters.action));
  if (filters.policyVersion) where.push(eq(consentRecords.policyVersion, filters.policyVersion));
  if (filters.country) where.push(eq(consentRecords.country, filters.country));
  return { tenantId, where };
}

/** A record's view columns under their own names; receivedAt as exact UTC text (microseconds: the cursor needs them). */
const pageColumns = sql.join(
  [
    ...Object.entries(consentRecordViewColumns).map(([key, column]) =>
      key === "receivedAt"
        ? sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "receivedAt"`
        : sql`${column} as ${sql.identifier(key)}`,
    ),
    sql`${consentRecords.tenantId} as "tenantId", ${tenants.slug} as "tenantSlug", ${tenants.name} as "tenantName"`,
  ],
  sql`, `,
);

/** A page row as the drivers parse it: seq (bigint) as text on node-postgres, receivedAt as exact text. */
type PageRow = Omit<ConsentRecordView, "receivedAt" | "occurredAt" | "seq"> & {
  seq: string | number;
  occurredAt: string | Date;
  receivedAt: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
};
type ConsentRecordView = { [K in keyof typeof consentRecordViewColumns]: (typeof consentRecordViewColumns)[K]["_"]["data"] };

export interface SearchPage {
  query: SQL;
  fingerprint: string;
}

/**
 * The page's query as the server runs it (the benchmark EXPLAINs this very query), or null when
 * nothing can match; with the fingerprint its cursors carry. Prepares the transaction for it.
 * Measured on 10 million records (docs/performance.md): the row limit is a literal (a parameter
 * made each page about 0.1 ms slower).
 */
export async function searchPageQuery(db: Database, args: SearchArgs): Promise<SearchPage | null> {
  const { filters, scopeTenantId } = args;
  const tenantId = scopeTenantId ?? filters.tenantId ?? null;
  const effective: SearchFilters = { ...filters, tenantId: tenantId ?? undefined };
  const fingerprint = searchFingerprint(effective, scopeTenantId);
  const after = args.cursor ? decodePageCursor(args.cursor, fingerprint, isSearchCursorKey) : null;

  await prepareSearch(db, { scopeTenantId, filters });
  const conditions = await searchConditions(db, { scopeTenantId, filters });
  if (!conditions) return null;
  const { where } = conditions;
  if (after) {
    where.push(
      sql`(${consentRecords.receivedAt}, ${consentRecords.tenantId}, ${consentRecords.seq}) < (${after.r}::timestamptz, ${after.t}::uuid, ${after.s})`,
    );
  }
  // A whole number from the validated input, at most CONSENT_SEARCH_MAX_LIMIT + 1.
  const rows = sql.raw(String(Math.trunc(args.limit) + 1));
  const query = sql`select ${pageColumns} from ${consentRecords} inner join ${tenants} on ${tenants.id} = ${consentRecords.tenantId}
    where ${and(...where) ?? sql`true`}
    order by ${consentRecords.receivedAt} desc, ${consentRecords.tenantId} desc, ${consentRecords.seq} desc limit ${rows}`;
  return { query, fingerprint };
}

/** Builds the page's text outside a query builder: it runs through queryNamed, without Drizzle's row mapping. */
const dialect = new PgDialect({ casing: "snake_case" });

/**
 * Runs a page's query (after searchPageQuery, in its transaction): the driver's rows, receivedAt
 * still as exact text. The dashboard's page size runs as a prepared statement, one per filter shape
 * and connection (always planned for its values: prepareSearch); other sizes run unnamed, so no
 * caller can fill a connection with statements.
 */
export function runSearchPage(db: Database, page: SearchPage, limit: number): Promise<PageRow[]> {
  const { sql: text, params } = dialect.sqlToQuery(page.query);
  const name =
    limit === CONSENT_SEARCH_DEFAULT_LIMIT ? `consent_search_${createHash("sha256").update(text).digest("hex").slice(0, 24)}` : null;
  return queryNamed<PageRow>(db as unknown as Transaction, name, text, params);
}

export async function searchConsentRecords(db: Database, args: SearchArgs) {
  const built = await searchPageQuery(db, args);
  if (!built) return { items: [], nextCursor: null };
  const rows = await runSearchPage(db, built, args.limit);

  const items = rows.slice(0, args.limit).map(({ tenantId: id, tenantSlug, tenantName, receivedAt, occurredAt, seq, ...item }) => ({
    ...item,
    seq: Number(seq),
    receivedAt: new Date(receivedAt),
    occurredAt: new Date(occurredAt),
    tenant: { id, slug: tenantSlug, name: tenantName },
  }));
  const last = rows[args.limit - 1];
  const nextCursor =
    rows.length > args.limit && last
      ? encodePageCursor(built.fingerprint, { r: last.receivedAt, t: last.tenantId, s: Number(last.seq) })
      : null;
  return { items, nextCursor };
}
