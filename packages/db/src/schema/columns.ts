/** Column helpers and the row-level-security policy shared by every tenant table. */
import { sql } from "drizzle-orm";
import { pgPolicy, timestamp, uuid } from "drizzle-orm/pg-core";

export const timestamps = {
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

export const createdAt = timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();

export const tenantIdColumn = () => uuid().notNull();

/**
 * The request's tenant, user and scope are set per transaction with set_config(..., true)
 * (see packages/db/src/context.ts). An unset setting reads as '' and matches nothing.
 *
 * Each is a scalar subquery, so PostgreSQL reads the setting once per statement (an InitPlan)
 * rather than once per row: current_setting on every row cost about 1.3 µs, which was two thirds
 * of a statistics query over 5,000 rollup rows (migration 0029, docs/performance.md).
 */
export const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;
export const currentUser = sql`(select nullif(current_setting('app.user_id', true), '')::uuid)`;
export const allTenants = sql`(select coalesce(current_setting('app.all_tenants', true), '') = 'on')`;

/** Rows of the request's tenant, or of every tenant for operator scope. */
export function tenantIsolation(name: string, tenantColumn = "tenant_id") {
  const column = sql.raw(tenantColumn);
  return pgPolicy(`${name}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    using: sql`${column} = ${currentTenant} or ${allTenants}`,
    withCheck: sql`${column} = ${currentTenant} or ${allTenants}`,
  });
}
