import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantIsolation } from "./columns.js";
import { tenants } from "./tenants.js";
import { users } from "./users.js";

/**
 * An invitation to join with a role: operator staff (no tenant) or a partner role on a tenant.
 * The link's token is shown once; only its sha256 is stored.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: ["operator_admin", "compliance", "finance", "partner_admin", "partner_viewer"] }).notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt,
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: "date" }),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_tenant_idx").on(t.tenantId, t.createdAt),
    // Operator invitations (no tenant) are visible to operator scope only.
    tenantIsolation("invitations"),
  ],
).enableRLS();

/** The outbox has its own file; invitations were its first writer. */
export * from "./email-outbox.js";
