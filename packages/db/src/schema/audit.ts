import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { allTenants, createdAt, currentTenant } from "./columns.js";
import { tenants } from "./tenants.js";

/**
 * The admin audit trail: one row per change, written in the same transaction as the change.
 * Append-only: the app role has no UPDATE or DELETE on it (see the grants migration).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "restrict" }),
    actorUserId: uuid(),
    /** Snapshot of who acted, readable even if the account is later removed. */
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    ip: text(),
    createdAt,
  },
  (t) => [
    index("audit_events_tenant_idx").on(t.tenantId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
    pgPolicy("audit_events_read", {
      for: "select",
      using: sql`${t.tenantId} = ${currentTenant} or ${allTenants}`,
    }),
    // Events without a tenant (logins, operator actions) may be written from any context.
    pgPolicy("audit_events_append", {
      for: "insert",
      withCheck: sql`${t.tenantId} is null or ${t.tenantId} = ${currentTenant} or ${allTenants}`,
    }),
  ],
).enableRLS();
