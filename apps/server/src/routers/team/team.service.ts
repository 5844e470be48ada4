/** A tenant's own people: partner admins and viewers of the active tenant. */
import { type Database, sessions, tenantMemberships, users } from "@pc/db";
import type { PartnerRole } from "@pc/shared";
import { and, asc, eq } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";

export function listTeam(db: Database, tenantId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: tenantMemberships.role,
      joinedAt: tenantMemberships.createdAt,
    })
    .from(tenantMemberships)
    .innerJoin(users, eq(users.id, tenantMemberships.userId))
    .where(eq(tenantMemberships.tenantId, tenantId))
    .orderBy(asc(users.name));
}

async function requireMember(db: Database, tenantId: string, userId: string) {
  const [member] = await db
    .select()
    .from(tenantMemberships)
    .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.userId, userId)))
    .limit(1);
  // Someone of another tenant reads exactly like someone who does not exist.
  if (!member) throw new NotFoundError("Member not found");
  return member;
}

/**
 * A tenant always keeps one partner admin, so it can manage itself. The admins' rows are locked
 * (in one order) so that two admins demoting or removing each other at once cannot both pass.
 */
async function ensureAnotherAdmin(db: Database, tenantId: string, leaving: { userId: string; role: PartnerRole }) {
  if (leaving.role !== "partner_admin") return;
  const admins = await db
    .select({ userId: tenantMemberships.userId })
    .from(tenantMemberships)
    .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.role, "partner_admin")))
    .orderBy(asc(tenantMemberships.userId))
    .for("update");
  if (!admins.some((admin) => admin.userId !== leaving.userId)) {
    throw new PreconditionError("A tenant needs at least one partner admin; make someone else admin first");
  }
}

export async function changeRole(db: Database, actor: AuditActor, args: { tenantId: string; userId: string; role: PartnerRole }) {
  const member = await requireMember(db, args.tenantId, args.userId);
  if (member.role === args.role) return { ok: true as const };
  await ensureAnotherAdmin(db, args.tenantId, member);
  await db
    .update(tenantMemberships)
    .set({ role: args.role })
    .where(and(eq(tenantMemberships.tenantId, args.tenantId), eq(tenantMemberships.userId, args.userId)));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "team.change_role",
    targetType: "user",
    targetId: args.userId,
    before: { role: member.role },
    after: { role: args.role },
  });
  return { ok: true as const };
}

export async function removeMember(db: Database, actor: AuditActor, args: { tenantId: string; userId: string }) {
  const member = await requireMember(db, args.tenantId, args.userId);
  await ensureAnotherAdmin(db, args.tenantId, member);
  await db.delete(tenantMemberships).where(and(eq(tenantMemberships.tenantId, args.tenantId), eq(tenantMemberships.userId, args.userId)));
  // Their sessions parked on this tenant lose it at once.
  await db
    .update(sessions)
    .set({ activeTenantId: null })
    .where(and(eq(sessions.userId, args.userId), eq(sessions.activeTenantId, args.tenantId)));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "team.remove",
    targetType: "user",
    targetId: args.userId,
    before: { role: member.role },
  });
  return { ok: true as const };
}
