/**
 * The consent ledger: what every storefront's visitors chose, as a per-tenant hash chain that the
 * app can append to and read, never change (grants and triggers in 0013_consent_ledger_rules), and
 * what ingestion needs around it: publishable keys, the subject secret, rate limits, the chain
 * heads, signed checkpoints and the operator's development origins.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
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

const at = () => timestamp({ withTimezone: true, mode: "date" });
const seqColumn = () => bigint({ mode: "number" });

/**
 * A tenant's publishable keys (`pk_…`): public by design (they sit in the storefront's page), so
 * kept in clear to be shown. The current key has no expires_at; rotation gives the old one an
 * expiry (the grace period the partner chose) and issues a new one.
 */
export const consentPublishableKeys = pgTable(
  "consent_publishable_keys",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    key: text().notNull(),
    /** Demo keys (`pk_demo_<slug>`) are refused in production, like demo accounts. */
    isDemo: boolean().notNull().default(false),
    createdBy: uuid(),
    /** Null for the current key; otherwise the key stops working at this time. */
    expiresAt: at(),
    retiredBy: uuid(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("consent_publishable_keys_key_key").on(t.key),
    uniqueIndex("consent_publishable_keys_one_current_key").on(t.tenantId).where(sql`${t.expiresAt} is null`),
    tenantIsolation("consent_publishable_keys"),
  ],
).enableRLS();

/** Per tenant, the HMAC secret subject ids are hashed with (32 random bytes, hex). Never leaves the server. */
export const consentSubjectSecrets = pgTable(
  "consent_subject_secrets",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id),
    secret: text().notNull(),
    createdAt,
  },
  () => [tenantIsolation("consent_subject_secrets")],
).enableRLS();

/** Per tenant, how many events per second a storefront may send (token bucket: rate and burst). */
export const consentIngestSettings = pgTable(
  "consent_ingest_settings",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id),
    ratePerSecond: integer().notNull(),
    burst: integer().notNull(),
    updatedBy: uuid(),
    ...timestamps,
  },
  (t) => [
    check(
      "consent_ingest_settings_rate",
      sql`${t.ratePerSecond} between 1 and 1000000 and ${t.burst} between ${t.ratePerSecond} and 10000000`,
    ),
    tenantIsolation("consent_ingest_settings"),
  ],
).enableRLS();

/** Origins the operator allows to post consent for any tenant, for development (e.g. http://localhost:5173). */
export const consentDevOrigins = pgTable(
  "consent_dev_origins",
  {
    origin: text().primaryKey(),
    note: text().notNull().default(""),
    addedBy: uuid(),
    createdAt,
  },
  () => [
    pgPolicy("consent_dev_origins_read", { as: "permissive", for: "select", using: sql`true` }),
    pgPolicy("consent_dev_origins_operator_insert", { as: "permissive", for: "insert", withCheck: allTenants }),
    pgPolicy("consent_dev_origins_operator_delete", { as: "permissive", for: "delete", using: allTenants }),
  ],
).enableRLS();

/**
 * One consent event as recorded: numbered per tenant without gaps (seq), chained (prev_hash, hash:
 * ledgerEntryHash of @pc/shared over exactly the chained columns). The subject appears only as its
 * keyed digest, personal data only as the digest of its side-table row.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    tenantId: uuid().notNull(),
    seq: seqColumn().notNull(),
    id: uuid().notNull(),
    receivedAt: at().notNull(),
    occurredAt: at().notNull(),
    subjectDigest: text().notNull(),
    consentId: text().notNull(),
    policyKind: text({ enum: ["privacy", "terms"] }).notNull(),
    policyVersion: text().notNull(),
    /** The published version's content hash (policy_versions.sha256). */
    policySha256: text(),
    bannerVersion: text().notNull(),
    action: text({ enum: ["accept_all", "reject_all", "save_custom", "withdraw", "gpc"] }).notNull(),
    purposes: jsonb().$type<Record<string, "granted" | "denied" | "acknowledged">>().notNull(),
    language: text().notNull(),
    path: text().notNull(),
    gpc: boolean().notNull(),
    country: text(),
    jurisdiction: text({ enum: ["EEA", "UK", "CH", "US", "OTHER", "UNKNOWN"] }).notNull(),
    personalDataDigest: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    // No foreign key to tenants: appendToLedger upserts the tenant's chain head (which has one) in
    // the same transaction as every insert, so a record's tenant always exists; checking it again
    // per row cost about 15% of PostgreSQL's time per event (bench:ingest).
    primaryKey({ columns: [t.tenantId, t.seq] }),
    uniqueIndex("consent_records_id_key").on(t.id),
    index("consent_records_subject_idx").on(t.tenantId, t.subjectDigest, t.seq),
    index("consent_records_received_idx").on(t.tenantId, t.receivedAt),
    // The audit search across every tenant, newest first (keyset on receivedAt, tenant, seq).
    index("consent_records_received_all_idx").on(t.receivedAt, t.tenantId, t.seq),
    // The audit search filtered by policy version, newest first: without it a page walks past every
    // newer record of other versions (150 ms instead of 0.7 ms on 10 million records, bench:audit).
    index("consent_records_version_idx").on(t.tenantId, t.policyVersion, t.receivedAt, t.seq),
    check("consent_records_seq_positive", sql`${t.seq} >= 1`),
    tenantIsolation("consent_records"),
  ],
).enableRLS();

/**
 * The personal data of a record (truncated IP, user agent) with the salt of its digest: the only
 * part of the ledger that may be erased (set to null, once), which leaves the chain verifiable.
 */
export const consentPersonalData = pgTable(
  "consent_personal_data",
  {
    tenantId: uuid().notNull(),
    digest: text().notNull(),
    ip: text(),
    userAgent: text(),
    salt: text(),
    erasedAt: at(),
    createdAt,
  },
  (t) => [
    // No foreign key to tenants, as for consent_records: written only by appendToLedger.
    primaryKey({ columns: [t.tenantId, t.digest] }),
    tenantIsolation("consent_personal_data"),
  ],
).enableRLS();

/** Per tenant, the last record's seq and hash: locked (FOR UPDATE) by whoever appends next. */
export const consentLedgerHeads = pgTable(
  "consent_ledger_heads",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id),
    seq: seqColumn().notNull(),
    hash: text().notNull(),
    updatedAt: at().notNull().defaultNow(),
  },
  () => [tenantIsolation("consent_ledger_heads")],
).enableRLS();

/** The public keys checkpoints were signed with; the verifier trusts only the configured ones. */
export const consentSigningKeys = pgTable(
  "consent_signing_keys",
  {
    /** The first 16 hex digits of sha256 over the raw 32-byte public key. */
    id: text().primaryKey(),
    /** The raw Ed25519 public key, base64. */
    publicKey: text().notNull(),
    createdAt,
  },
  () => [
    pgPolicy("consent_signing_keys_read", { as: "permissive", for: "select", using: sql`true` }),
    pgPolicy("consent_signing_keys_insert", { as: "permissive", for: "insert", withCheck: allTenants }),
  ],
).enableRLS();

/** A signed statement that a tenant's chain reached (seq, hash) at signed_at (ledgerCheckpointMessage). */
export const consentCheckpoints = pgTable(
  "consent_checkpoints",
  {
    tenantId: uuid().notNull(),
    seq: seqColumn().notNull(),
    hash: text().notNull(),
    signedAt: at().notNull(),
    keyId: text()
      .notNull()
      .references(() => consentSigningKeys.id),
    /** Ed25519 signature, base64. */
    signature: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolation("consent_checkpoints"),
  ],
).enableRLS();
