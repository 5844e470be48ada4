import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

/** One theme's colours, lowercase "#rrggbb" (validated by ZBrandingColors in @pc/shared). */
export interface BrandingThemeRow {
  primary: string;
  accent: string;
  background: string;
  text: string;
}
export interface BrandingColorsRow {
  light: BrandingThemeRow;
  dark: BrandingThemeRow;
}

/** Raw bytes. node-postgres answers a Buffer and PGlite a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Logos and favicons a tenant uploaded, already checked (type from the bytes, size, dimensions)
 * and, for SVG, sanitised. Assets never change once stored (a trigger in 0005_branding_rls refuses
 * UPDATE); a new upload is a new row, and versions refer to them by id.
 */
export const brandAssets = pgTable(
  "brand_assets",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ["logo", "favicon"] }).notNull(),
    contentType: text({ enum: ["image/png", "image/webp", "image/svg+xml"] }).notNull(),
    bytes: bytea().notNull(),
    byteSize: integer().notNull(),
    /** Hex sha256 of `bytes`: the public URL's ETag. */
    sha256: text().notNull(),
    /** Pixels for PNG and WebP; the viewBox (or width/height) for SVG. */
    width: integer().notNull(),
    height: integer().notNull(),
    fileName: text().notNull(),
    createdBy: uuid(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index("brand_assets_id_idx").on(t.id),
    check("brand_assets_size", sql`${t.byteSize} > 0 and ${t.byteSize} <= 524288 and ${t.byteSize} = octet_length(${t.bytes})`),
    tenantIsolation("brand_assets"),
  ],
).enableRLS();

/**
 * A tenant's branding as a sequence of versions, with the same lifecycle as price books: at most
 * one draft (edited in place, guarded by `revision`), published versions numbered 1, 2, 3… with an
 * effective-from time, immutable once published (trigger in 0005_branding_rls). The "powered by
 * Masterchannel" flag is only changed by operator staff through its own procedure; drafts copy it
 * from the version in effect.
 */
export const brandingVersions = pgTable(
  "branding_versions",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    /** cancelled: a scheduled version withdrawn before its effective time (it never took effect). */
    status: text({ enum: ["draft", "published", "cancelled"] })
      .notNull()
      .default("draft"),
    version: integer(),
    revision: integer().notNull().default(1),
    displayName: text().notNull(),
    legalName: text().notNull(),
    legalAddress: text().notNull(),
    supportEmail: text().notNull(),
    logoAssetId: uuid(),
    faviconAssetId: uuid(),
    colors: jsonb().$type<BrandingColorsRow>().notNull(),
    poweredBy: boolean().notNull().default(true),
    effectiveFrom: timestamp({ withTimezone: true, mode: "date" }),
    basedOnVersion: integer(),
    changeSummary: text(),
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
    foreignKey({
      name: "branding_versions_logo_fk",
      columns: [t.tenantId, t.logoAssetId],
      foreignColumns: [brandAssets.tenantId, brandAssets.id],
    }),
    foreignKey({
      name: "branding_versions_favicon_fk",
      columns: [t.tenantId, t.faviconAssetId],
      foreignColumns: [brandAssets.tenantId, brandAssets.id],
    }),
    uniqueIndex("branding_versions_version_key").on(t.tenantId, t.version),
    uniqueIndex("branding_versions_one_draft_key").on(t.tenantId).where(sql`${t.status} = 'draft'`),
    index("branding_versions_effective_idx").on(t.tenantId, t.effectiveFrom),
    check(
      "branding_versions_published_has_version",
      sql`(${t.status} = 'draft' and ${t.version} is null and ${t.effectiveFrom} is null) or (${t.status} in ('published', 'cancelled') and ${t.version} is not null and ${t.effectiveFrom} is not null)`,
    ),
    tenantIsolation("branding_versions"),
  ],
).enableRLS();

/**
 * Custom host names a tenant's storefront answers on. A host name belongs to at most one tenant
 * (the unique index holds across tenants, although RLS hides other tenants' rows, so a claimed
 * name is refused without saying by whom). Ownership is proven by a DNS TXT record carrying
 * `token`; `status` is pending until first seen, verified while seen, failed when a check does not
 * find it (a verified domain whose record disappeared is failed, so storefronts stop using it).
 */
export const tenantDomains = pgTable(
  "tenant_domains",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    hostname: text().notNull(),
    token: text().notNull(),
    status: text({ enum: ["pending", "verified", "failed"] })
      .notNull()
      .default("pending"),
    lastCheckedAt: timestamp({ withTimezone: true, mode: "date" }),
    verifiedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** What the last failed check found, in words. */
    lastError: text(),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("tenant_domains_hostname_key").on(t.hostname),
    index("tenant_domains_check_idx").on(t.status, t.lastCheckedAt),
    tenantIsolation("tenant_domains"),
  ],
).enableRLS();

/**
 * Recurring background jobs (domain re-checks now; more later). A process runs a job only after
 * moving its `nextRunAt` forward in one UPDATE … WHERE next_run_at <= now(), so with several
 * server processes each due time runs once.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text().primaryKey(),
  nextRunAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  lastStartedAt: timestamp({ withTimezone: true, mode: "date" }),
  lastFinishedAt: timestamp({ withTimezone: true, mode: "date" }),
  lastError: text(),
  runs: integer().notNull().default(0),
  failures: integer().notNull().default(0),
});
