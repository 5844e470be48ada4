/**
 * The admin audit trail. Every change writes one event through recordAudit, with the same
 * transaction handle as the change, so the two commit or roll back together.
 */
import { appendAuditEvent, auditEvents, type Database, tenants, users } from "@pc/db";
import type { AuditActorKind, AuditListFilters } from "@pc/shared";
import { and, desc, eq, gte, ilike, like, lt, type SQL } from "drizzle-orm";
import { diffAuditValues } from "../routers/audit/audit.diff.js";
import { type CursorKey, cursorFingerprint, decodePageCursor, encodePageCursor, isUuid } from "./page-cursor.js";

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

export interface AuditListArgs extends AuditListFilters {
  /** The caller's scope: only this tenant's events (a partner), or null for every event (staff). */
  scopeTenantId: string | null;
  cursor?: string;
  limit: number;
}

/** Where the next page starts: the last id shown. */
interface AuditCursorKey extends CursorKey {
  id: number;
}

const isAuditCursorKey = (body: Record<string, unknown>): body is AuditCursorKey =>
  typeof body.id === "number" && Number.isSafeInteger(body.id) && body.id > 0;

/** One search: the same filters and scope give the same fingerprint, whatever their order. */
function auditFingerprint(filters: AuditListFilters, scopeTenantId: string | null): string {
  return cursorFingerprint({
    scope: scopeTenantId,
    tenantId: scopeTenantId ?? filters.tenantId ?? null,
    actor: filters.actor ?? null,
    action: filters.action ?? null,
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
    targetType: filters.targetType ?? null,
    targetId: filters.targetId ?? null,
  });
}

/** `%`, `_` and `\` typed by a person are meant literally in a "contains" search. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Who acted, as far as the trail can tell today (the user's current operator role decides "staff"). */
function actorKindOf(row: {
  actorUserId: string | null;
  actorLabel: string | null;
  operatorRole: string | null;
  userFound: string | null;
}): AuditActorKind {
  if (row.actorUserId === null) return row.actorLabel === null || row.actorLabel === "system" ? "system" : "unknown";
  if (row.userFound === null) return "unknown";
  return row.operatorRole ? "staff" : "partner";
}

/**
 * Newest first, keyset-paginated on the id, with the cursor bound to the filters and scope.
 * A partner's scope wins over any tenant it names; staff may name one tenant or none.
 */
export async function listAudit(db: Database, args: AuditListArgs) {
  const { scopeTenantId, cursor, limit, ...filters } = args;
  const fingerprint = auditFingerprint(filters, scopeTenantId);
  const after = cursor ? decodePageCursor(cursor, fingerprint, isAuditCursorKey) : null;
  const tenantId = scopeTenantId ?? filters.tenantId ?? null;
  const actor = filters.actor;
  const action = filters.action;
  const conditions: (SQL | undefined)[] = [
    tenantId ? eq(auditEvents.tenantId, tenantId) : undefined,
    after ? lt(auditEvents.id, after.id) : undefined,
    actor
      ? isUuid(actor)
        ? eq(auditEvents.actorUserId, actor.toLowerCase())
        : ilike(auditEvents.actorLabel, likeContains(actor))
      : undefined,
    action ? (action.endsWith(".") ? like(auditEvents.action, likeContains(action).slice(1)) : eq(auditEvents.action, action)) : undefined,
    filters.from ? gte(auditEvents.createdAt, filters.from) : undefined,
    filters.to ? lt(auditEvents.createdAt, filters.to) : undefined,
    filters.targetType ? eq(auditEvents.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(auditEvents.targetId, filters.targetId) : undefined,
  ];
  const rows = await db
    .select({
      id: auditEvents.id,
      tenantId: auditEvents.tenantId,
      tenantName: tenants.name,
      actorUserId: auditEvents.actorUserId,
      actorLabel: auditEvents.actorLabel,
      operatorRole: users.operatorRole,
      userFound: users.id,
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
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ operatorRole, userFound, ...row }) => ({
    ...row,
    actorKind: actorKindOf({ ...row, operatorRole, userFound }),
    changes: diffAuditValues(row.before, row.after),
  }));
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodePageCursor(fingerprint, { id: last.id }) : null;
  return { items, nextCursor };
}
