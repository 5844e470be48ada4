/** Operator staff's view of every account: roles, memberships, sessions. */
import { type Database, sessions, tenantMemberships, tenants, users } from "@pc/db";
import type { OperatorRole } from "@pc/shared";
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { SESSION_IDLE_MS } from "../../services/session.service.js";

export async function listUsers(db: Database) {
  const now = new Date();
  // One after the other: the queries share the request's transaction, i.e. one connection.
  const people = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      operatorRole: users.operatorRole,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .orderBy(asc(users.email));
  const memberships = await db
    .select({ userId: tenantMemberships.userId, tenantId: tenants.id, tenantName: tenants.name, role: tenantMemberships.role })
    .from(tenantMemberships)
    .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
    .orderBy(asc(tenants.name));
  const sessionCounts = await db
    .select({ userId: sessions.userId, n: count() })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
    .groupBy(sessions.userId);
  const sessionsByUser = new Map(sessionCounts.map((row) => [row.userId, row.n]));
  return people.map(({ passwordHash, ...person }) => ({
    ...person,
    hasPassword: passwordHash !== null,
    activeSessions: sessionsByUser.get(person.id) ?? 0,
    memberships: memberships.filter((m) => m.userId === person.id).map(({ userId: _userId, ...m }) => m),
  }));
}

export async function requireUser(db: Database, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new NotFoundError("User not found");
  return user;
}

export async function setOperatorRole(db: Database, actor: AuditActor, args: { userId: string; role: OperatorRole | null }) {
  const user = await requireUser(db, args.userId);
  if (user.operatorRole === "operator_admin" && args.role !== "operator_admin") {
    // Locked (in one order) so that two admins demoting each other at once cannot both pass.
    const admins = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.operatorRole, "operator_admin"))
      .orderBy(asc(users.id))
      .for("update");
    if (!admins.some((admin) => admin.id !== user.id)) throw new PreconditionError("The last operator admin cannot lose the role");
  }
  await db.update(users).set({ operatorRole: args.role, updatedAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(db, actor, {
    action: "user.change_role",
    targetType: "user",
    targetId: user.id,
    before: { operatorRole: user.operatorRole },
    after: { operatorRole: args.role },
  });
  return { ok: true as const };
}
