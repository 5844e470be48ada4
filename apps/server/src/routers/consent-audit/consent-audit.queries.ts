/**
 * Consent record search: filters over consent_records, newest first by receivedAt (ties by tenant
 * and seq), with keyset pagination. The page cursor carries a fingerprint of the filters and the
 * tenant scope it was made for, so it cannot be replayed against another search or tenant.
 */
import { createHmac } from "node:crypto";
import { consentRecords, consentRecordViewColumns, consentSubjectSecrets, type Database, tenants } from "@pc/db";
import type { ConsentSearchInput } from "@pc/shared";
import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
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
 * (No JIT either: that same guess put a page's cost past jit_above_cost, and compiling took 50 to
 * 95 ms for a query that runs in a few. The app's connections open with JIT off: client.ts.)
 */
export async function prepareSearch(db: Database, { scopeTenantId, filters }: { scopeTenantId: string | null; filters: SearchFilters }) {
  const narrowTo = scopeTenantId === null ? (filters.tenantId ?? null) : null;
  const narrow = narrowTo ? sql`, set_config('app.tenant_id', ${narrowTo}, true), set_config('app.all_tenants', 'off', true)` : sql``;
  await db.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)${narrow}`);
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

/**
 * The page's query as the server runs it (the benchmark EXPLAINs this very query), or null when
 * nothing can match; with the fingerprint its cursors carry. Prepares the transaction for it.
 */
export async function searchPageQuery(db: Database, args: SearchArgs) {
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

  const query = db
    .select({
      ...consentRecordViewColumns,
      tenantId: consentRecords.tenantId,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      receivedAtExact: sql<string>`to_char(${consentRecords.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(consentRecords)
    .innerJoin(tenants, eq(tenants.id, consentRecords.tenantId))
    .where(and(...where))
    .orderBy(sql`${consentRecords.receivedAt} desc, ${consentRecords.tenantId} desc, ${consentRecords.seq} desc`)
    .limit(args.limit + 1);
  return { query, fingerprint };
}

export async function searchConsentRecords(db: Database, args: SearchArgs) {
  const built = await searchPageQuery(db, args);
  if (!built) return { items: [], nextCursor: null };
  const { query, fingerprint } = built;
  const rows = await query;

  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > args.limit && last ? encodePageCursor(fingerprint, { r: last.receivedAtExact, t: last.tenantId, s: last.seq }) : null;
  const items = page.map(({ tenantId: id, tenantSlug, tenantName, receivedAtExact: _exact, ...item }) => ({
    ...item,
    tenant: { id, slug: tenantSlug, name: tenantName },
  }));
  return { items, nextCursor };
}
