/**
 * The admin audit trail. Every change writes one event through recordAudit, with the same
 * transaction handle as the change, so the two commit or roll back together.
 */
import { appendAuditEvent, auditEvents, type Database, tenants } from "@pc/db";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";

export interface AuditActor {
  userId: string | null;
  /** Who acted, as a person would recognise them (email), kept even if the account goes. */
  label: string;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  tenantId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Database, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await appendAuditEvent(db, {
    tenantId: entry.tenantId ?? null,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

export interface AuditListArgs {
  /** Only this tenant's events; null for every event the RLS context lets through. */
  tenantId: string | null;
  cursor?: number;
  limit: number;
  action?: string;
}

/** Newest first, keyset-paginated on the id. */
export async function listAudit(db: Database, args: AuditListArgs) {
  const filters: (SQL | undefined)[] = [
    args.tenantId ? eq(auditEvents.tenantId, args.tenantId) : undefined,
    args.cursor ? lt(auditEvents.id, args.cursor) : undefined,
    args.action ? eq(auditEvents.action, args.action) : undefined,
  ];
  const rows = await db
    .select({
      id: auditEvents.id,
      tenantId: auditEvents.tenantId,
      tenantName: tenants.name,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      ip: auditEvents.ip,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
    .where(and(...filters))
    .orderBy(desc(auditEvents.id))
    .limit(args.limit + 1);
  const items = rows.slice(0, args.limit);
  const nextCursor = rows.length > args.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}
