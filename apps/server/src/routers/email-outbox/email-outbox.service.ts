/**
 * The outbox page: mail the console queued and how delivery went, newest first in keyset pages,
 * one mail in full (text and HTML), and "retry now" for a mail that failed. Operator admins see
 * every mail; a partner admin sees the tenant-audience mail of their tenant only (RLS, and the
 * filters here say the same).
 */
import { type Database, emailOutbox, tenants } from "@pc/db";
import type { EmailKind, EmailStatus } from "@pc/shared";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import {
  type CursorKey,
  cursorFingerprint,
  decodePageCursor,
  encodePageCursor,
  isExactTimestamp,
  isUuid,
} from "../../services/page-cursor.js";

export const NO_EMAIL_MESSAGE = "No such mail in the outbox";

interface Scope {
  /** The partner's tenant, or null for operator staff. */
  scopeTenantId: string | null;
}

interface ListArgs extends Scope {
  status?: EmailStatus;
  kind?: EmailKind;
  cursor?: string;
  limit: number;
}

interface OutboxCursorKey extends CursorKey {
  a: string;
  i: string;
}

const isOutboxCursorKey = (body: Record<string, unknown>): body is OutboxCursorKey => isExactTimestamp(body.a) && isUuid(body.i);
const exactCreatedAt = sql<string>`to_char(${emailOutbox.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function scopeFilter(scopeTenantId: string | null): SQL | undefined {
  return scopeTenantId ? and(eq(emailOutbox.tenantId, scopeTenantId), eq(emailOutbox.audience, "tenant")) : undefined;
}

const summaryColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  status: emailOutbox.status,
  audience: emailOutbox.audience,
  toEmail: emailOutbox.toEmail,
  subject: emailOutbox.subject,
  tenantId: emailOutbox.tenantId,
  tenantName: tenants.name,
  attempts: emailOutbox.attempts,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  lastAttemptAt: emailOutbox.lastAttemptAt,
  lastError: emailOutbox.lastError,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

export async function listEmails(db: Database, args: ListArgs) {
  const fingerprint = cursorFingerprint({ scope: args.scopeTenantId, status: args.status ?? null, kind: args.kind ?? null });
  const cursor = args.cursor ? decodePageCursor(args.cursor, fingerprint, isOutboxCursorKey) : null;
  const rows = await db
    .select({ ...summaryColumns, createdAtExact: exactCreatedAt })
    .from(emailOutbox)
    .leftJoin(tenants, eq(tenants.id, emailOutbox.tenantId))
    .where(
      and(
        scopeFilter(args.scopeTenantId),
        args.status ? eq(emailOutbox.status, args.status) : undefined,
        args.kind ? eq(emailOutbox.kind, args.kind) : undefined,
        cursor ? sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${cursor.a}::timestamptz, ${cursor.i}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(args.limit + 1);
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > args.limit && last
      ? encodePageCursor(fingerprint, { a: last.createdAtExact, i: last.id } satisfies OutboxCursorKey)
      : null;
  return { items: page.map(({ createdAtExact: _exact, ...row }) => row), nextCursor };
}

async function findEmail(db: Database, { scopeTenantId, emailId }: Scope & { emailId: string }) {
  const [row] = await db
    .select({
      ...summaryColumns,
      fromName: emailOutbox.fromName,
      replyTo: emailOutbox.replyTo,
      bodyText: emailOutbox.bodyText,
      bodyHtml: emailOutbox.bodyHtml,
      messageId: emailOutbox.messageId,
    })
    .from(emailOutbox)
    .leftJoin(tenants, eq(tenants.id, emailOutbox.tenantId))
    .where(and(eq(emailOutbox.id, emailId), scopeFilter(scopeTenantId)))
    .limit(1);
  if (!row) throw new NotFoundError(NO_EMAIL_MESSAGE);
  return row;
}

export function emailDetail(db: Database, args: Scope & { emailId: string }) {
  return findEmail(db, args);
}

/** A failed mail goes back to the queue, due now, with a fresh set of attempts. */
export async function retryEmail(db: Database, actor: AuditActor, { emailId }: { emailId: string }) {
  const before = await findEmail(db, { scopeTenantId: null, emailId });
  if (before.status !== "failed") throw new PreconditionError(`Only a failed mail can be sent again; this one is ${before.status}`);
  const [updated] = await db
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` })
    .where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.status, "failed")))
    .returning({ id: emailOutbox.id });
  if (!updated) throw new PreconditionError("This mail changed meanwhile; reload it");
  await recordAudit(db, actor, {
    tenantId: before.tenantId,
    action: "email.retry",
    targetType: "email",
    targetId: emailId,
    before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
    after: { status: "pending", attempts: 0 },
  });
  return emailDetail(db, { scopeTenantId: null, emailId });
}
