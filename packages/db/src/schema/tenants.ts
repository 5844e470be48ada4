import { sql } from "drizzle-orm";
import { integer, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allTenants, currentTenant, currentUser, timestamps } from "./columns.js";

export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    status: text({ enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    suspendedAt: timestamp({ withTimezone: true, mode: "date" }),
    suspendedReason: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    // A tenant row is visible to operator scope, to the request's tenant and to its members.
    pgPolicy("tenants_visibility", {
      for: "select",
      using: sql`${t.id} = ${currentTenant} or ${allTenants} or exists (select 1 from tenant_memberships m where m.tenant_id = ${t.id} and m.user_id = ${currentUser})`,
    }),
    pgPolicy("tenants_operator_write", {
      for: "all",
      using: allTenants,
      withCheck: allTenants,
    }),
  ],
).enableRLS();

/** The operator that powers every storefront (one row). Policy templates read its name and email. */
export const operatorProfile = pgTable("operator_profile", {
  id: integer().primaryKey().default(1),
  name: text().notNull(),
  legalName: text().notNull(),
  supportEmail: text().notNull(),
  ...timestamps,
});
