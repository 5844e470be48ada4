import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { allTenants, createdAt, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

/** A consent purpose as stored (validated by ZPolicyPurpose in @pc/shared). */
export interface PolicyPurposeRow {
  key: string;
  name: string;
  description: string;
  category: "strictly_necessary" | "functional" | "analytics" | "marketing";
  legalBasis: "6(1)(a)" | "6(1)(b)" | "6(1)(c)" | "6(1)(f)";
  vendor: { name: string; legalEntity: string };
  transfer: { destination: string; mechanism: string };
  retention: string;
  optIn: boolean;
}

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * The operator's policy templates, one sequence of versions per document kind (privacy, terms),
 * shared by every tenant. A draft is edited in place (guarded by `revision`); a material draft
 * needs a second person's approval (status pending_approval, then approved_*) before it can be
 * published. Publishing assigns major.minor (material: next major; editorial: next minor), the
 * sha256 of the text and purposes, and an effective-from time. Published rows never change
 * (trigger in 0009_policies_rls) except to be retired once: retired_at ends the version's time in
 * force (before its effective time, that withdraws a scheduled version).
 */
export const policyVersions = pgTable(
  "policy_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ["privacy", "terms"] }).notNull(),
    status: text({ enum: ["draft", "pending_approval", "published"] })
      .notNull()
      .default("draft"),
    material: boolean().notNull().default(false),
    major: integer(),
    minor: integer(),
    revision: integer().notNull().default(1),
    title: text().notNull(),
    /** The template: markdown with {{variables}}. */
    markdown: text().notNull(),
    purposes: jsonb().$type<PolicyPurposeRow[]>().notNull().default([]),
    changeSummary: text().notNull().default(""),
    /** Hex sha256 of the template text and purposes, set at publish. */
    sha256: text(),
    createdBy: uuid(),
    updatedBy: uuid(),
    approvalRequestedBy: uuid(),
    approvalRequestedAt: at(),
    approvedBy: uuid(),
    approvedAt: at(),
    effectiveFrom: at(),
    publishedBy: uuid(),
    publishedAt: at(),
    retiredBy: uuid(),
    retiredAt: at(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("policy_versions_number_key").on(t.kind, t.major, t.minor),
    uniqueIndex("policy_versions_one_open_key").on(t.kind).where(sql`${t.status} <> 'published'`),
    index("policy_versions_effective_idx").on(t.kind, t.effectiveFrom),
    check(
      "policy_versions_published_complete",
      sql`(${t.status} <> 'published' and ${t.major} is null and ${t.minor} is null and ${t.effectiveFrom} is null and ${t.sha256} is null)
        or (${t.status} = 'published' and ${t.major} is not null and ${t.minor} is not null and ${t.effectiveFrom} is not null and ${t.sha256} is not null)`,
    ),
    check("policy_versions_material_approved", sql`not (${t.status} = 'published' and ${t.material} and ${t.approvedBy} is null)`),
    // Templates are the operator's, read by every tenant's rendering; only operator scope writes them.
    pgPolicy("policy_versions_read", { as: "permissive", for: "select", using: sql`true` }),
    pgPolicy("policy_versions_operator_insert", { as: "permissive", for: "insert", withCheck: allTenants }),
    pgPolicy("policy_versions_operator_update", { as: "permissive", for: "update", using: allTenants, withCheck: allTenants }),
    pgPolicy("policy_versions_operator_delete", { as: "permissive", for: "delete", using: allTenants }),
  ],
).enableRLS();

/**
 * A tenant's own addendum to one document kind, appended to the operator's template when it is
 * rendered. Versions 1, 2, 3… per tenant and kind; a partner admin edits the draft and asks for
 * approval, compliance (or an operator admin) approves it, which publishes it. Immutable once
 * published but for retirement, like policy_versions.
 */
export const policyAddendumVersions = pgTable(
  "policy_addendum_versions",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ["privacy", "terms"] }).notNull(),
    status: text({ enum: ["draft", "pending_approval", "published"] })
      .notNull()
      .default("draft"),
    version: integer(),
    revision: integer().notNull().default(1),
    markdown: text().notNull(),
    changeSummary: text().notNull().default(""),
    sha256: text(),
    createdBy: uuid(),
    updatedBy: uuid(),
    approvalRequestedBy: uuid(),
    approvalRequestedAt: at(),
    approvedBy: uuid(),
    approvedAt: at(),
    effectiveFrom: at(),
    publishedBy: uuid(),
    publishedAt: at(),
    retiredBy: uuid(),
    retiredAt: at(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("policy_addendum_versions_number_key").on(t.tenantId, t.kind, t.version),
    uniqueIndex("policy_addendum_versions_one_open_key").on(t.tenantId, t.kind).where(sql`${t.status} <> 'published'`),
    check(
      "policy_addendum_versions_published_complete",
      sql`(${t.status} <> 'published' and ${t.version} is null and ${t.effectiveFrom} is null and ${t.sha256} is null)
        or (${t.status} = 'published' and ${t.version} is not null and ${t.effectiveFrom} is not null and ${t.sha256} is not null and ${t.approvedBy} is not null)`,
    ),
    tenantIsolation("policy_addendum_versions"),
  ],
).enableRLS();

/**
 * What a tenant's visitors were shown: the template version and addendum version rendered with the
 * tenant's values at that time, identified by the sha256 of the rendered text. Recorded the first
 * time a combination is rendered and never changed (trigger), so "version 1.0 as it was" can be
 * served and proven years later.
 */
export const policyRenditions = pgTable(
  "policy_renditions",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ["privacy", "terms"] }).notNull(),
    policyVersionId: uuid()
      .notNull()
      .references(() => policyVersions.id),
    addendumVersionId: uuid(),
    /** "2.0": the template version's number. */
    version: text().notNull(),
    addendumVersion: integer(),
    title: text().notNull(),
    /** The rendered markdown (variables filled in, addendum appended). */
    markdown: text().notNull(),
    sha256: text().notNull(),
    /** The variable values used. */
    variables: jsonb().$type<Record<string, string>>().notNull(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({
      name: "policy_renditions_addendum_fk",
      columns: [t.tenantId, t.addendumVersionId],
      foreignColumns: [policyAddendumVersions.tenantId, policyAddendumVersions.id],
    }),
    uniqueIndex("policy_renditions_text_key").on(t.tenantId, t.kind, t.policyVersionId, t.sha256),
    index("policy_renditions_version_idx").on(t.tenantId, t.kind, t.version, t.createdAt),
    tenantIsolation("policy_renditions"),
  ],
).enableRLS();

/**
 * Per tenant, from when its users must consent again to a document, and what they must be told:
 * written for every tenant when a material version is published. A version retired before its
 * effective time voids its rows (the only change the trigger allows).
 */
export const policyReconsentRequirements = pgTable(
  "policy_reconsent_requirements",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ["privacy", "terms"] }).notNull(),
    policyVersionId: uuid()
      .notNull()
      .references(() => policyVersions.id),
    version: text().notNull(),
    /** Consents given before this time (to an earlier version) are stale. */
    since: at().notNull(),
    /** What users must be told: the version's change summary. */
    summary: text().notNull(),
    voidedAt: at(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("policy_reconsent_requirements_version_key").on(t.tenantId, t.policyVersionId),
    index("policy_reconsent_requirements_since_idx").on(t.tenantId, t.kind, t.since),
    tenantIsolation("policy_reconsent_requirements"),
  ],
).enableRLS();
