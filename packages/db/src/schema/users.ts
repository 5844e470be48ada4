import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, currentUser, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

/** People who can log in. Global: one account may hold roles on several tenants. */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null until an invited person sets a password. */
    passwordHash: text(),
    /** Operator staff role (all tenants), or null for partner-only accounts. */
    operatorRole: text({ enum: ["operator_admin", "compliance", "finance"] }),
    isDemo: boolean().notNull().default(false),
    disabledAt: timestamp({ withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

/** A partner role of a user on one tenant. */
export const tenantMemberships = pgTable(
  "tenant_memberships",
  {
    tenantId: uuid().notNull(),
    userId: uuid().notNull(),
    role: text({ enum: ["partner_admin", "partner_viewer"] }).notNull(),
    createdAt,
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    index("tenant_memberships_user_idx").on(t.userId),
    tenantIsolation("tenant_memberships"),
    // A signed-in person always sees their own memberships, to list and switch tenants.
    pgPolicy("tenant_memberships_own_rows", {
      for: "select",
      using: sql`${t.userId} = ${currentUser}`,
    }),
  ],
).enableRLS();

/** Login sessions. Only the sha256 of the random token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activeTenantId: uuid().references(() => tenants.id, { onDelete: "set null" }),
    createdAt,
    lastSeenAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedReason: text(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

/** Every login attempt, for per-account and per-IP rate limits. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    createdAt,
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.createdAt), index("login_attempts_ip_idx").on(t.ip, t.createdAt)],
);
