/**
 * What a retention purge of a tenant removes, as one SQL predicate (purgeCandidate) that the
 * preview counts and every purge batch selects with, so the preview is exactly what goes: records
 * received before the cutoff, covered by a signed checkpoint (so they can be verified before they
 * go), and under no legal hold in force. Also the preview per tenant and the purges asked for.
 */
import { consentCheckpoints, consentRetentionPurges, type Database, queryRows, tenants } from "@pc/db";
import { and, desc, eq, max, type SQL, sql } from "drizzle-orm";
import { ConflictError, InvalidInputError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import {
  cutoffFor,
  databaseNow,
  lockTenantRetention,
  readSettings,
  type TenantPeriod,
  tenantPeriod,
  tenantPeriods,
} from "./retention.settings.js";

/** A legal hold in force over the record `r` (its tenant, or its subject). */
const heldRecord = sql`exists (select 1 from consent_legal_holds h where h.tenant_id = r.tenant_id and h.released_at is null and (h.scope = 'tenant' or h.subject_digest = r.subject_digest))`;

/** The one predicate of preview and purge, over `consent_records r` of one tenant. */
export function purgeCandidate(args: { tenantId: string; cutoff: Date; coveredThrough: number }): SQL {
  return sql`r.tenant_id = ${args.tenantId} and r.received_at < ${args.cutoff.toISOString()}::timestamptz and r.seq <= ${args.coveredThrough} and not ${heldRecord}`;
}

/** The tenant's last signed checkpoint's seq (0 without one): records up to it can be verified before they go. */
export async function coveredThrough(db: Database, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ seq: max(consentCheckpoints.seq) })
    .from(consentCheckpoints)
    .where(eq(consentCheckpoints.tenantId, tenantId));
  return Number(row?.seq ?? 0);
}

export interface TenantPreview {
  records: number;
  oldestReceivedAt: Date | null;
  newestReceivedAt: Date | null;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Past the cutoff but kept by a legal hold. */
  heldRecords: number;
  /** Past the cutoff, not held, but newer than the last signed checkpoint: they go in a later purge. */
  awaitingCheckpoint: number;
}

interface PreviewRow {
  records: string | number;
  oldest: string | Date | null;
  newest: string | Date | null;
  first_seq: string | number | null;
  last_seq: string | number | null;
  held: string | number;
  awaiting: string | number;
}

const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));
const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

/** What a purge of the tenant with this cutoff would remove now. */
export async function previewTenant(db: Database, tenantId: string, cutoff: Date): Promise<TenantPreview> {
  const covered = await coveredThrough(db, tenantId);
  const candidate = purgeCandidate({ tenantId, cutoff, coveredThrough: covered });
  const [row] = await queryRows<PreviewRow>(
    db,
    sql`select
        count(*) filter (where ${candidate}) as records,
        min(r.received_at) filter (where ${candidate}) as oldest,
        max(r.received_at) filter (where ${candidate}) as newest,
        min(r.seq) filter (where ${candidate}) as first_seq,
        max(r.seq) filter (where ${candidate}) as last_seq,
        count(*) filter (where ${heldRecord}) as held,
        count(*) filter (where r.seq > ${covered} and not ${heldRecord}) as awaiting
      from consent_records r
      where r.tenant_id = ${tenantId} and r.received_at < ${cutoff.toISOString()}::timestamptz`,
  );
  return {
    records: Number(row?.records ?? 0),
    oldestReceivedAt: dateOrNull(row?.oldest ?? null),
    newestReceivedAt: dateOrNull(row?.newest ?? null),
    firstSeq: numberOrNull(row?.first_seq ?? null),
    lastSeq: numberOrNull(row?.last_seq ?? null),
    heldRecords: Number(row?.held ?? 0),
    awaitingCheckpoint: Number(row?.awaiting ?? 0),
  };
}

/** The seqs a purge with this cutoff would remove, in order (tests compare them with what went). */
export async function candidateSeqs(db: Database, tenantId: string, cutoff: Date): Promise<number[]> {
  const covered = await coveredThrough(db, tenantId);
  const rows = await queryRows<{ seq: string | number }>(
    db,
    sql`select r.seq from consent_records r where ${purgeCandidate({ tenantId, cutoff, coveredThrough: covered })} order by r.seq`,
  );
  return rows.map((row) => Number(row.seq));
}

async function tenantHeld(db: Database, tenantId: string): Promise<boolean> {
  const rows = await queryRows<{ held: boolean }>(
    db,
    sql`select exists (select 1 from consent_legal_holds h where h.tenant_id = ${tenantId} and h.released_at is null and h.scope = 'tenant') as held`,
  );
  return rows[0]?.held === true;
}

export interface PreviewArgs {
  scopeTenantId: string | null;
  tenantId?: string;
}

/** Per tenant in scope: its period, the cutoff now, and what a purge would remove. */
export async function previewPurges(db: Database, args: PreviewArgs) {
  const settings = await readSettings(db);
  const now = await databaseNow(db);
  const periods = await tenantPeriods(db, settings, args.scopeTenantId ?? args.tenantId);
  const previews = [];
  for (const period of periods) previews.push(await previewOf(db, period, now));
  return { generatedAt: now, tenants: previews };
}

async function previewOf(db: Database, period: TenantPeriod, now: Date) {
  const cutoff = cutoffFor(now, period.days);
  return {
    tenant: period.tenant,
    retentionDays: period.days,
    cutoff,
    tenantHeld: await tenantHeld(db, period.tenant.id),
    ...(await previewTenant(db, period.tenant.id, cutoff)),
  };
}

type PurgeRow = typeof consentRetentionPurges.$inferSelect;

export function purgeView(row: PurgeRow, tenant: { id: string; slug: string; name: string } | null) {
  return {
    id: row.id,
    tenant,
    trigger: row.trigger,
    jobRunId: row.jobRunId,
    requestedByLabel: row.requestedByLabel,
    retentionDays: row.retentionDays,
    cutoff: row.cutoff,
    expectedRecords: row.expectedRecords,
    status: row.status,
    purgedRecords: row.purgedRecords,
    heldRecords: row.heldRecords,
    firstSeq: row.firstSeq,
    lastSeq: row.lastSeq,
    batches: row.batches,
    anchors: row.anchors,
    error: row.error,
    requestedAt: row.requestedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The latest purges (one row per tenant purged), newest first. */
export async function listPurges(db: Database, args: PreviewArgs & { limit: number }) {
  const tenantId = args.scopeTenantId ?? args.tenantId;
  const rows = await db
    .select({ purge: consentRetentionPurges, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
    .from(consentRetentionPurges)
    .innerJoin(tenants, eq(tenants.id, consentRetentionPurges.tenantId))
    .where(tenantId ? eq(consentRetentionPurges.tenantId, tenantId) : undefined)
    .orderBy(desc(consentRetentionPurges.requestedAt), desc(consentRetentionPurges.id))
    .limit(args.limit);
  return rows.map((row) => purgeView(row.purge, row.tenant));
}

/** A purge of the tenant queued or still running, if any. */
export async function unfinishedPurge(db: Database, tenantId: string): Promise<PurgeRow | null> {
  const [row] = await db
    .select()
    .from(consentRetentionPurges)
    .where(and(eq(consentRetentionPurges.tenantId, tenantId), sql`${consentRetentionPurges.status} in ('queued', 'running')`))
    .limit(1);
  return row ?? null;
}

export interface RequestPurgeArgs {
  actor: AuditActor;
  tenantId: string;
  cutoff: Date;
  expectedRecords: number;
}

/**
 * Queues a purge of one tenant as previewed: refused when the cutoff is later than the tenant's
 * period allows, or when the preview's count no longer holds (a hold placed or released, the
 * period changed, another purge ran). The job runner carries it out in batches within a minute.
 */
export async function requestPurge(db: Database, args: RequestPurgeArgs) {
  const period = await tenantPeriod(db, args.tenantId);
  await lockTenantRetention(db, args.tenantId);
  const latest = cutoffFor(await databaseNow(db), period.days);
  if (args.cutoff.getTime() > latest.getTime()) {
    throw new InvalidInputError(
      "cutoff",
      `The cutoff is later than ${period.tenant.name}'s retention period of ${period.days} days allows: preview again`,
    );
  }
  if (await unfinishedPurge(db, args.tenantId)) throw new ConflictError("A purge of this tenant is already queued or running");
  const preview = await previewTenant(db, args.tenantId, args.cutoff);
  if (preview.records !== args.expectedRecords) {
    throw new ConflictError(
      `The numbers changed since the preview: ${preview.records} records would now be removed, not ${args.expectedRecords}. Preview again.`,
    );
  }
  if (preview.records === 0) throw new PreconditionError("Nothing to purge: no record of this tenant is past its retention period");
  const [row] = await db
    .insert(consentRetentionPurges)
    .values({
      tenantId: args.tenantId,
      trigger: "manual",
      requestedBy: args.actor.userId,
      requestedByLabel: args.actor.label,
      retentionDays: period.days,
      cutoff: args.cutoff,
      expectedRecords: args.expectedRecords,
      status: "queued",
      heldRecords: preview.heldRecords,
    })
    .returning();
  if (!row) throw new Error("the purge was not stored");
  await recordAudit(db, args.actor, {
    tenantId: args.tenantId,
    action: "consent.retention_purge_request",
    targetType: "consent_retention_purge",
    targetId: row.id,
    after: {
      cutoff: args.cutoff,
      retentionDays: period.days,
      records: preview.records,
      firstSeq: preview.firstSeq,
      lastSeq: preview.lastSeq,
      heldRecords: preview.heldRecords,
    },
  });
  return purgeView(row, period.tenant);
}
