/**
 * The email outbox: every mail the console sends is first a row here, written in the transaction
 * of what caused it, then delivered over SMTP by the delivery job (apps/server/src/email). A row
 * names its tenant (null: operator mail) and its audience: `tenant` rows are shown to that
 * tenant's admins in the outbox page, `operator` rows to operator staff only. Forced RLS and the
 * backfill of older rows are in 0027_email_outbox.sql.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allTenants, createdAt, currentTenant } from "./columns.js";
import { tenants } from "./tenants.js";

const at = () => timestamp({ withTimezone: true, mode: "date" });

export const EMAIL_OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export type EmailOutboxStatus = (typeof EMAIL_OUTBOX_STATUSES)[number];
export const EMAIL_AUDIENCES = ["operator", "tenant"] as const;
export type EmailAudience = (typeof EMAIL_AUDIENCES)[number];

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The tenant the mail is about (null: operator-wide mail). Tenant-audience rows always name one. */
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    /** Who may see the row in the outbox: operator staff only, or also the tenant's admins. */
    audience: text({ enum: EMAIL_AUDIENCES }).notNull().default("operator"),
    toEmail: text().notNull(),
    /** The sender's display name (the tenant's brand, or the operator's); the address is MAIL_FROM's. */
    fromName: text(),
    /** Where replies go: the brand's support address. */
    replyTo: text(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    /** The HTML alternative (escaped, branded); older rows have none. */
    bodyHtml: text(),
    kind: text().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Queuing the same notice twice is a no-op: e.g. `dsr-deadline:<requestId>:<stage>`. */
    dedupeKey: text(),
    status: text({ enum: EMAIL_OUTBOX_STATUSES }).notNull().default("pending"),
    /** Delivery attempts started (claims), including one in progress. */
    attempts: integer().notNull().default(0),
    /** When the row is due: the next try for `pending`, the lease's end for `sending`. */
    nextAttemptAt: at().notNull().defaultNow(),
    lastAttemptAt: at(),
    /** The last failure, short and without secrets (SMTP code and reply). */
    lastError: text(),
    /** The Message-ID of the delivered mail. */
    messageId: text(),
    createdAt,
    sentAt: at(),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_key").on(t.dedupeKey),
    index("email_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index("email_outbox_created_idx").on(t.createdAt, t.id),
    index("email_outbox_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    check("email_outbox_tenant_audience", sql`${t.audience} = 'operator' or ${t.tenantId} is not null`),
    check("email_outbox_attempts", sql`${t.attempts} >= 0`),
    check("email_outbox_status", sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'cancelled')`),
    check("email_outbox_audience", sql`${t.audience} in ('operator', 'tenant')`),
    // A partner sees (and writes) its tenant's tenant-audience mail only; operator scope sees all.
    pgPolicy("email_outbox_tenant_isolation", {
      as: "permissive",
      for: "all",
      using: sql`(${t.tenantId} = ${currentTenant} and ${t.audience} = 'tenant') or ${allTenants}`,
      withCheck: sql`(${t.tenantId} = ${currentTenant} and ${t.audience} = 'tenant') or ${allTenants}`,
    }),
  ],
).enableRLS();
