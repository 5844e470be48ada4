/**
 * Retention of consent records and legal holds: the operator's default period and its limits, a
 * tenant's own period, legal holds (a tenant, or one subject by its keyed digest) that keep records
 * from retention and erasure, the purges that ran, and what a purge leaves of each record it removed
 * (its place in the chain). Grants, forced RLS and the rules (holds only released, never removed;
 * a record leaves consent_records only with its tombstone and never under a hold or within its
 * period) are in the consent_retention_rules migration.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { allTenants, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

const at = () => timestamp({ withTimezone: true, mode: "date" });
const seqColumn = () => bigint({ mode: "number" });

/** The operator's settings: one row (id is always true), written by the migration, changed by operator admins. */
export const consentRetentionSettings = pgTable(
  "consent_retention_settings",
  {
    id: boolean().primaryKey().default(true),
    /** The period of a tenant that has none of its own, in days. */
    defaultDays: integer().notNull(),
    /** The shortest and longest period a tenant may have, in days. */
    minDays: integer().notNull(),
    maxDays: integer().notNull(),
    updatedBy: uuid(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    check("consent_retention_settings_singleton", sql`${t.id}`),
    check(
      "consent_retention_settings_limits",
      sql`1 <= ${t.minDays} and ${t.minDays} <= ${t.defaultDays} and ${t.defaultDays} <= ${t.maxDays} and ${t.maxDays} <= 36500`,
    ),
    pgPolicy("consent_retention_settings_read", { as: "permissive", for: "select", using: sql`true` }),
    pgPolicy("consent_retention_settings_operator_update", { as: "permissive", for: "update", using: allTenants, withCheck: allTenants }),
  ],
).enableRLS();

/** A tenant's own retention period (no row: the operator's default). */
export const consentRetentionTenants = pgTable(
  "consent_retention_tenants",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id),
    days: integer().notNull(),
    updatedBy: uuid(),
    ...timestamps,
  },
  (t) => [check("consent_retention_tenants_days", sql`${t.days} between 1 and 36500`), tenantIsolation("consent_retention_tenants")],
).enableRLS();

/**
 * A legal hold: while it is not released, no record of the tenant (scope tenant) or of the subject
 * (scope subject: the tenant's keyed digest of its id, with a masked hint) is purged or erased.
 * Released once, with a reason; never removed.
 */
export const consentLegalHolds = pgTable(
  "consent_legal_holds",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    scope: text({ enum: ["tenant", "subject"] }).notNull(),
    subjectDigest: text(),
    subjectHint: text(),
    reason: text().notNull(),
    placedBy: uuid(),
    placedByLabel: text().notNull(),
    placedAt: at().notNull().defaultNow(),
    releasedAt: at(),
    releasedBy: uuid(),
    releasedByLabel: text(),
    releaseReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index("consent_legal_holds_active_idx").on(t.tenantId, t.subjectDigest).where(sql`${t.releasedAt} is null`),
    check(
      "consent_legal_holds_scope",
      sql`(${t.scope} = 'tenant' and ${t.subjectDigest} is null and ${t.subjectHint} is null) or (${t.scope} = 'subject' and ${t.subjectDigest} is not null and ${t.subjectHint} is not null)`,
    ),
    check("consent_legal_holds_reason", sql`length(${t.reason}) > 0`),
    check(
      "consent_legal_holds_release",
      sql`(${t.releasedAt} is null and ${t.releasedByLabel} is null and ${t.releaseReason} is null) or (${t.releasedAt} is not null and ${t.releasedByLabel} is not null and coalesce(length(${t.releaseReason}), 0) > 0)`,
    ),
    tenantIsolation("consent_legal_holds"),
  ],
).enableRLS();

/**
 * One purge of one tenant: by the daily job (trigger schedule, with the job run's id) or asked for
 * by a person (manual: queued with the previewed count, carried out by the job runner), its cutoff
 * and what it removed.
 */
export const consentRetentionPurges = pgTable(
  "consent_retention_purges",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    trigger: text({ enum: ["schedule", "manual"] }).notNull(),
    /** The job run that carried it out ("consent-retention#12"). */
    jobRunId: text(),
    requestedBy: uuid(),
    requestedByLabel: text().notNull(),
    /** The tenant's period when the purge was asked for, and the cutoff: records received before it go. */
    retentionDays: integer().notNull(),
    cutoff: at().notNull(),
    /** A manual purge: the count the preview showed and the person confirmed. */
    expectedRecords: integer(),
    /** interrupted: the server stopped between batches (what was removed stays removed; the next purge goes on). */
    status: text({ enum: ["queued", "running", "completed", "interrupted", "failed"] }).notNull(),
    purgedRecords: integer().notNull().default(0),
    /** Records past the cutoff kept because of a legal hold, when the purge started. */
    heldRecords: integer().notNull().default(0),
    firstSeq: seqColumn(),
    lastSeq: seqColumn(),
    batches: integer().notNull().default(0),
    /** Checkpoints signed before runs of removed records (what keeps the records before them bound). */
    anchors: integer().notNull().default(0),
    error: text(),
    requestedAt: at().notNull().defaultNow(),
    startedAt: at(),
    /** Moved at every batch: a running purge whose heartbeat stopped was abandoned by a process that died. */
    heartbeatAt: at(),
    finishedAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index("consent_retention_purges_requested_idx").on(t.requestedAt),
    index("consent_retention_purges_queued_idx").on(t.status).where(sql`${t.status} in ('queued', 'running')`),
    tenantIsolation("consent_retention_purges"),
  ],
).enableRLS();

/**
 * What a purge leaves of a record it removed from consent_records: its place in the chain (seq, id,
 * received_at), its prev_hash and hash (what the links and checkpoints need), and when and by which
 * purge. Written once, never changed.
 */
export const consentPurgedRecords = pgTable(
  "consent_purged_records",
  {
    tenantId: uuid().notNull(),
    seq: seqColumn().notNull(),
    id: uuid().notNull(),
    receivedAt: at().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
    purgedAt: at().notNull().defaultNow(),
    purgeId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    uniqueIndex("consent_purged_records_id_key").on(t.id),
    foreignKey({ columns: [t.tenantId, t.purgeId], foreignColumns: [consentRetentionPurges.tenantId, consentRetentionPurges.id] }),
    tenantIsolation("consent_purged_records"),
  ],
).enableRLS();
