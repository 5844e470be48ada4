import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgPolicy, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { allTenants, createdAt, currentTenant } from "./columns.js";
import { tenants } from "./tenants.js";

/**
 * The admin audit trail: one row per change, written in the same transaction as the change.
 * Append-only: the app role has no UPDATE or DELETE on it (see the grants migration).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
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
    /** The previous event's hash (the genesis value for the first): the chain's link. */
    prevHash: text().notNull(),
    /** sha256 of prevHash and this event's canonical JSON (packages/shared/src/audit/chain.ts). */
    hash: text().notNull(),
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

/**
 * The chain's head: the last event's id and hash, in one row. Appending locks it, so events are
 * chained one at a time in id order, and a deleted tail no longer matches it.
 */
export const auditChainHead = pgTable(
  "audit_chain_head",
  {
    id: smallint().primaryKey().default(1),
    lastEventId: bigint({ mode: "number" }),
    lastHash: text().notNull(),
  },
  (t) => [check("audit_chain_head_single_row", sql`${t.id} = 1`)],
);
