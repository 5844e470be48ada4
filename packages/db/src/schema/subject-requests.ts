/**
 * Data-subject requests (GDPR Art. 15 access, Art. 17 erasure) per tenant, and what completing one
 * produced (an erasure receipt or an access export), kept for download. The subject appears only
 * as the tenant's keyed hashes of its ids with a masked hint, never the raw id. Grants, forced RLS
 * and the rules (artifacts never change, requests are never removed) are in
 * 0019_subject_requests_rules.sql.
 */
import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/** One storefront subject id of the request: the tenant's HMAC of it, and a hint like "de…ce". */
export interface SubjectRequestSubject {
  digest: string;
  hint: string;
}

export const subjectRequests = pgTable(
  "subject_requests",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ["access", "erasure"] }).notNull(),
    status: text({ enum: ["received", "identity_verified", "in_progress", "completed", "rejected"] })
      .notNull()
      .default("received"),
    subjects: jsonb().$type<SubjectRequestSubject[]>().notNull(),
    /** Where the answer goes. */
    requesterEmail: text().notNull(),
    channel: text({ enum: ["email", "phone", "letter", "web_form"] }).notNull(),
    /** A guardian asking for a minor: who, how related, and how they were verified. */
    forMinor: boolean().notNull().default(false),
    guardianName: text(),
    guardianRelationship: text(),
    guardianVerificationMethod: text({ enum: ["id_document", "bank_id", "other"] }),
    guardianVerificationNote: text(),
    /** Who filed it and from which side (operator staff, or the partner for its customer). */
    filedBy: uuid(),
    filedByLabel: text().notNull(),
    filedBySide: text({ enum: ["operator", "partner"] }).notNull(),
    receivedAt: at().notNull(),
    /** receivedAt plus one calendar month (subjectRequestDueAt of @pc/shared). */
    dueAt: at().notNull(),
    identityVerifiedAt: at(),
    identityVerifiedBy: text(),
    identityNote: text(),
    startedAt: at(),
    completedAt: at(),
    completedBy: text(),
    rejectedAt: at(),
    rejectedBy: text(),
    rejectionReason: text(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index("subject_requests_due_idx").on(t.status, t.dueAt),
    index("subject_requests_tenant_received_idx").on(t.tenantId, t.receivedAt),
    check("subject_requests_rejection_reason", sql`${t.status} <> 'rejected' or coalesce(length(${t.rejectionReason}), 0) > 0`),
    check(
      "subject_requests_guardian",
      sql`not ${t.forMinor} or (${t.guardianName} is not null and ${t.guardianRelationship} is not null and ${t.guardianVerificationMethod} is not null and ${t.guardianVerificationNote} is not null)`,
    ),
    check("subject_requests_has_subject", sql`jsonb_array_length(${t.subjects}) >= 1`),
    tenantIsolation("subject_requests"),
  ],
).enableRLS();

/** What completing a request produced: one per request, never changed (trigger in the rules migration). */
export const subjectRequestArtifacts = pgTable(
  "subject_request_artifacts",
  {
    tenantId: uuid().notNull(),
    requestId: uuid().notNull(),
    kind: text({ enum: ["erasure_receipt", "access_export"] }).notNull(),
    /** The document as handed out; sha256 is over its canonical JSON (RFC 8785). */
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    sha256: text().notNull(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [subjectRequests.tenantId, subjectRequests.id] }),
    tenantIsolation("subject_request_artifacts"),
  ],
).enableRLS();
