import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

/** One bundle price: `tracks` tracks for `unitAmount` minor units. */
export interface PriceBundleRow {
  tracks: number;
  unitAmount: number;
}

/**
 * A tenant's price book for one currency, as a sequence of versions. At most one draft per
 * (tenant, currency) is edited in place (guarded by `revision`); publishing freezes it with the
 * next version number and an effective-from time. A trigger (custom migration
 * 0003_price_books_rls) refuses any UPDATE or DELETE of a published row, so history cannot be
 * rewritten even outside the API. Amounts are integer minor units of `currency`.
 */
export const priceBookVersions = pgTable(
  "price_book_versions",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    currency: text().notNull(),
    /** cancelled: a scheduled version withdrawn before its effective time (it never took effect). */
    status: text({ enum: ["draft", "published", "cancelled"] })
      .notNull()
      .default("draft"),
    /** 1, 2, 3… per tenant and currency, assigned at publish; null while draft. */
    version: integer(),
    /** Optimistic concurrency for the draft: each save must name the revision it started from. */
    revision: integer().notNull().default(1),
    perTrackAmount: integer().notNull(),
    bundles: jsonb().$type<PriceBundleRow[]>().notNull().default([]),
    taxBehavior: text({ enum: ["inclusive", "exclusive"] }).notNull(),
    revenueShareBps: integer().notNull(),
    effectiveFrom: timestamp({ withTimezone: true, mode: "date" }),
    /** The version a rollback copied. */
    basedOnVersion: integer(),
    changeSummary: text(),
    // No foreign keys to users: a published row never changes, so "on delete set null" could not run.
    createdBy: uuid(),
    ...timestamps,
    publishedBy: uuid(),
    publishedAt: timestamp({ withTimezone: true, mode: "date" }),
    cancelledBy: uuid(),
    cancelledAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("price_book_versions_version_key").on(t.tenantId, t.currency, t.version),
    uniqueIndex("price_book_versions_one_draft_key").on(t.tenantId, t.currency).where(sql`${t.status} = 'draft'`),
    index("price_book_versions_effective_idx").on(t.tenantId, t.currency, t.effectiveFrom),
    check(
      "price_book_versions_published_has_version",
      sql`(${t.status} = 'draft' and ${t.version} is null and ${t.effectiveFrom} is null) or (${t.status} in ('published', 'cancelled') and ${t.version} is not null and ${t.effectiveFrom} is not null)`,
    ),
    check("price_book_versions_amounts", sql`${t.perTrackAmount} >= 0 and ${t.revenueShareBps} between 0 and 10000`),
    tenantIsolation("price_book_versions"),
  ],
).enableRLS();
