/**
 * Legal holds on consent records: a whole tenant, or one subject (by the tenant's keyed digest of
 * its id, as data-subject requests keep it, with a masked hint). While a hold is in force no record
 * it covers is purged (the purge's predicate and the database's rule both check) and no erasure of
 * a subject it covers completes. Compliance and operator admins place and release holds (with a
 * reason, audited); partners see their own tenant's holds, reasons included, since the audit trail
 * shows them those events anyway. Holds are never removed.
 */
import { randomBytes } from "node:crypto";
import { consentLegalHolds, consentRecords, consentSubjectSecrets, type Database, tenants } from "@pc/db";
import { maskSubjectId, type PlaceLegalHoldInput } from "@pc/shared";
import { and, count, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { subjectDigestFor } from "../consent-audit/consent-audit.queries.js";
import { lockTenantRetention, TENANT_NOT_FOUND } from "./retention.settings.js";

export const NO_HOLD_MESSAGE = "No such legal hold";
export const HOLDS_LISTED = 200;

type HoldRow = typeof consentLegalHolds.$inferSelect;

function holdView(row: HoldRow, tenant: { id: string; slug: string; name: string }) {
  return {
    id: row.id,
    tenant,
    scope: row.scope,
    subjectHint: row.subjectHint,
    reason: row.reason,
    placedByLabel: row.placedByLabel,
    placedAt: row.placedAt,
    releasedAt: row.releasedAt,
    releasedByLabel: row.releasedByLabel,
    releaseReason: row.releaseReason,
    active: row.releasedAt === null,
  };
}

async function tenantOrThrow(db: Database, tenantId: string) {
  const [tenant] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError(TENANT_NOT_FOUND);
  return tenant;
}

export interface ListHoldsArgs {
  scopeTenantId: string | null;
  tenantId?: string;
  includeReleased: boolean;
}

/** Holds in force (and released ones when asked), newest first. */
export async function listHolds(db: Database, args: ListHoldsArgs) {
  const tenantId = args.scopeTenantId ?? args.tenantId;
  const where: (SQL | undefined)[] = [
    tenantId ? eq(consentLegalHolds.tenantId, tenantId) : undefined,
    args.includeReleased ? undefined : isNull(consentLegalHolds.releasedAt),
  ];
  const rows = await db
    .select({ hold: consentLegalHolds, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
    .from(consentLegalHolds)
    .innerJoin(tenants, eq(tenants.id, consentLegalHolds.tenantId))
    .where(and(...where))
    .orderBy(desc(consentLegalHolds.placedAt), desc(consentLegalHolds.id))
    .limit(HOLDS_LISTED);
  return rows.map((row) => holdView(row.hold, row.tenant));
}

/** The holds in force over these subjects of the tenant (or the whole tenant). */
export function activeHoldsOver(db: Database, tenantId: string, subjectDigests: readonly string[]) {
  return db
    .select()
    .from(consentLegalHolds)
    .where(
      and(
        eq(consentLegalHolds.tenantId, tenantId),
        isNull(consentLegalHolds.releasedAt),
        or(
          eq(consentLegalHolds.scope, "tenant"),
          subjectDigests.length > 0 ? inArray(consentLegalHolds.subjectDigest, [...subjectDigests]) : undefined,
        ),
      ),
    )
    .orderBy(desc(consentLegalHolds.placedAt));
}

/**
 * Refuses (PRECONDITION_FAILED, quoting the hold) when a hold covers any of the subjects; what an
 * erasure checks before it changes anything. Holds the tenant's retention lock, so a hold placed
 * at the same moment either comes first and refuses, or waits for the erasure to commit.
 */
export async function assertNoLegalHold(db: Database, tenantId: string, subjectDigests: readonly string[]): Promise<void> {
  await lockTenantRetention(db, tenantId);
  const [hold] = await activeHoldsOver(db, tenantId, subjectDigests);
  if (!hold) return;
  const what = hold.scope === "tenant" ? "This tenant's consent records are" : "This subject's consent records are";
  throw new PreconditionError(
    `${what} under a legal hold placed on ${hold.placedAt.toISOString().slice(0, 10)}: “${hold.reason}”. Nothing was erased; the hold must be released first.`,
  );
}

/** How many records a hold covers now. */
async function recordsCovered(db: Database, hold: HoldRow): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.tenantId, hold.tenantId),
        hold.subjectDigest ? eq(consentRecords.subjectDigest, hold.subjectDigest) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function placeHold(db: Database, actor: AuditActor, input: PlaceLegalHoldInput) {
  const tenant = await tenantOrThrow(db, input.tenantId);
  let subject: { digest: string; hint: string } | null = null;
  if (input.scope === "subject") {
    // A subject not seen yet is held all the same: its records are kept from the first one.
    await db
      .insert(consentSubjectSecrets)
      .values({ tenantId: tenant.id, secret: randomBytes(32).toString("hex") })
      .onConflictDoNothing();
    const digest = await subjectDigestFor(db, tenant.id, input.subjectId);
    if (!digest) throw new Error(`tenant ${tenant.id} has no subject secret`);
    subject = { digest, hint: maskSubjectId(input.subjectId) };
  }
  await lockTenantRetention(db, tenant.id);
  const [row] = await db
    .insert(consentLegalHolds)
    .values({
      tenantId: tenant.id,
      scope: input.scope,
      subjectDigest: subject?.digest ?? null,
      subjectHint: subject?.hint ?? null,
      reason: input.reason,
      placedBy: actor.userId,
      placedByLabel: actor.label,
    })
    .returning();
  if (!row) throw new Error("the legal hold was not stored");
  const records = await recordsCovered(db, row);
  await recordAudit(db, actor, {
    tenantId: tenant.id,
    action: "consent.legal_hold.place",
    targetType: "consent_legal_hold",
    targetId: row.id,
    after: { scope: row.scope, subjectHint: row.subjectHint, reason: row.reason, recordsCovered: records },
  });
  return { ...holdView(row, tenant), recordsCovered: records };
}

export async function releaseHold(db: Database, actor: AuditActor, input: { tenantId: string; holdId: string; reason: string }) {
  const tenant = await tenantOrThrow(db, input.tenantId);
  await lockTenantRetention(db, tenant.id);
  const [current] = await db
    .select()
    .from(consentLegalHolds)
    .where(and(eq(consentLegalHolds.tenantId, tenant.id), eq(consentLegalHolds.id, input.holdId)));
  if (!current) throw new NotFoundError(NO_HOLD_MESSAGE);
  if (current.releasedAt) throw new PreconditionError("This legal hold was already released");
  const [row] = await db
    .update(consentLegalHolds)
    .set({ releasedAt: new Date(), releasedBy: actor.userId, releasedByLabel: actor.label, releaseReason: input.reason })
    .where(and(eq(consentLegalHolds.tenantId, tenant.id), eq(consentLegalHolds.id, input.holdId)))
    .returning();
  if (!row) throw new NotFoundError(NO_HOLD_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: tenant.id,
    action: "consent.legal_hold.release",
    targetType: "consent_legal_hold",
    targetId: row.id,
    before: { scope: current.scope, subjectHint: current.subjectHint, reason: current.reason, placedAt: current.placedAt },
    after: { releasedAt: row.releasedAt, releaseReason: row.releaseReason },
  });
  return holdView(row, tenant);
}
