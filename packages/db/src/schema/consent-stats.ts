/**
 * Consent statistics kept as rollups, updated by appendToLedger in the same transaction as the
 * records it appends (so they are exactly as current as the ledger), never by scanning it. Days
 * are UTC calendar days of the record's receivedAt. Each table is keyed so that one tenant's
 * document kind over a range of days is one contiguous index range: a 90-day chart reads a few
 * thousand rows at most, whatever the ledger holds.
 *
 * Only the holder of a tenant's chain-head lock writes that tenant's rows (appendToLedger, and
 * rebuildConsentStats, which takes the same lock), so counts are never updated side by side.
 * The app may read and update them, never delete them (0021_consent_stats_rules).
 */
import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantIsolation } from "./columns.js";

const day = () => date({ mode: "string" });
const count = () => integer().notNull().default(0);
const policyKind = () => text({ enum: ["privacy", "terms"] }).notNull();
const decision = () => text({ enum: ["granted", "denied", "acknowledged"] }).notNull();

/**
 * Per day, document kind, policy version and purpose: how many records gave each decision. The
 * opt-in rate over time sums the versions; the rate by version sums the days.
 */
export const consentStatsPurposeDaily = pgTable(
  "consent_stats_purpose_daily",
  {
    tenantId: uuid().notNull(),
    policyKind: policyKind(),
    day: day().notNull(),
    policyVersion: text().notNull(),
    purpose: text().notNull(),
    decision: decision(),
    n: count(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.policyKind, t.day, t.policyVersion, t.purpose, t.decision] }),
    tenantIsolation("consent_stats_purpose_daily"),
  ],
).enableRLS();

/**
 * Per day, document kind, country and purpose: how many records gave each decision. Country is
 * the storefront's hint as recorded, '' when it sent none.
 */
export const consentStatsCountryDaily = pgTable(
  "consent_stats_country_daily",
  {
    tenantId: uuid().notNull(),
    policyKind: policyKind(),
    day: day().notNull(),
    country: text().notNull(),
    purpose: text().notNull(),
    decision: decision(),
    n: count(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.policyKind, t.day, t.country, t.purpose, t.decision] }),
    tenantIsolation("consent_stats_country_daily"),
  ],
).enableRLS();

/** Per day, document kind, country ('' when unknown) and banner action: how many records. */
export const consentStatsActionDaily = pgTable(
  "consent_stats_action_daily",
  {
    tenantId: uuid().notNull(),
    policyKind: policyKind(),
    day: day().notNull(),
    country: text().notNull(),
    action: text({ enum: ["accept_all", "reject_all", "save_custom", "withdraw", "gpc"] }).notNull(),
    n: count(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.policyKind, t.day, t.country, t.action] }), tenantIsolation("consent_stats_action_daily")],
).enableRLS();

/**
 * Each subject's latest choice per document kind (the record with the highest seq): only ever
 * moves forward. What re-consent coverage is counted from.
 */
export const consentStatsSubjects = pgTable(
  "consent_stats_subjects",
  {
    tenantId: uuid().notNull(),
    subjectDigest: text().notNull(),
    policyKind: policyKind(),
    policyVersion: text().notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    seq: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subjectDigest, t.policyKind] }), tenantIsolation("consent_stats_subjects")],
).enableRLS();

/**
 * How many subjects' latest choice on a document kind is on each version, by the UTC month that
 * latest choice was received in (the first of the month): kept alongside consent_stats_subjects
 * (a subject moving to a newer choice leaves one cell and joins another), so coverage over the
 * active subjects reads a few rows.
 */
export const consentStatsCoverage = pgTable(
  "consent_stats_coverage",
  {
    tenantId: uuid().notNull(),
    policyKind: policyKind(),
    policyVersion: text().notNull(),
    month: day().notNull(),
    subjects: count(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.policyKind, t.policyVersion, t.month] }),
    check("consent_stats_coverage_month", sql`extract(day from ${t.month}) = 1`),
    check("consent_stats_coverage_subjects", sql`${t.subjects} >= 0`),
    tenantIsolation("consent_stats_coverage"),
  ],
).enableRLS();
