/** The signed-in person: who they are, where they may act, and the tenant they act on. */
import { type Database, hashPassword, sessions, tenantMemberships, tenants, users, verifyPassword } from "@pc/db";
import { type OperatorRole, PERMISSIONS, type Role, rolesHave } from "@pc/shared";
import { asc, eq } from "drizzle-orm";
import { ForbiddenError, InvalidInputError, NotFoundError, PreconditionError } from "../errors.js";
import { type AuditActor, recordAudit } from "./audit.service.js";
import { revokeUserSessions, type SessionUser } from "./session.service.js";

export async function listMemberships(db: Database, userId: string) {
  return db
    .select({
      tenantId: tenants.id,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      tenantStatus: tenants.status,
      role: tenantMemberships.role,
    })
    .from(tenantMemberships)
    .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
    .where(eq(tenantMemberships.userId, userId))
    .orderBy(asc(tenants.name));
}

/** `auth.me`: everything the web app needs to draw the shell for this person. */
export async function getMe(db: Database, session: SessionUser) {
  const memberships = await listMemberships(db, session.userId);
  let activeTenant: { id: string; slug: string; name: string; status: "active" | "suspended" } | null = null;
  if (session.activeTenantId) {
    const [tenant] = await db
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status })
      .from(tenants)
      .where(eq(tenants.id, session.activeTenantId))
      .limit(1);
    activeTenant = tenant ?? null;
  }
  const roles: Role[] = [];
  if (session.operatorRole) roles.push(session.operatorRole);
  const activeMembership = memberships.find((m) => m.tenantId === activeTenant?.id && m.tenantStatus === "active");
  if (activeMembership) roles.push(activeMembership.role);
  return {
    user: { id: session.userId, email: session.email, name: session.name },
    operatorRole: session.operatorRole as OperatorRole | null,
    memberships,
    activeTenant,
    roles,
    permissions: PERMISSIONS.filter((permission) => rolesHave(roles, permission)),
    sessionId: session.sessionId,
  };
}

/** The tenant a new session starts on: the first active membership; none for operator staff. */
export async function defaultTenantFor(db: Database, userId: string): Promise<string | null> {
  const memberships = await listMemberships(db, userId);
  return memberships.find((m) => m.tenantStatus === "active")?.tenantId ?? null;
}

export async function switchTenant(db: Database, actor: AuditActor, session: SessionUser, tenantId: string | null) {
  if (tenantId === null) {
    if (!session.operatorRole) throw new ForbiddenError("Partners always act on one of their tenants");
    await db.update(sessions).set({ activeTenantId: null }).where(eq(sessions.id, session.sessionId));
    return getMe(db, { ...session, activeTenantId: null });
  }
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  // RLS shows partners only their own tenants, so another tenant's id reads as unknown here.
  if (!tenant) throw new NotFoundError("Tenant not found");
  if (!session.operatorRole) {
    const memberships = await listMemberships(db, session.userId);
    if (!memberships.some((m) => m.tenantId === tenantId)) throw new NotFoundError("Tenant not found");
    if (tenant.status !== "active") throw new ForbiddenError("This tenant is suspended");
  }
  await db.update(sessions).set({ activeTenantId: tenantId }).where(eq(sessions.id, session.sessionId));
  if (session.operatorRole) {
    // Staff acting on a partner's tenant is something the partner can see in its audit trail.
    await recordAudit(db, actor, { tenantId, action: "staff.switch_tenant", targetType: "tenant", targetId: tenantId });
  }
  return getMe(db, { ...session, activeTenantId: tenantId });
}

export async function changePassword(
  db: Database,
  actor: AuditActor,
  session: SessionUser,
  args: { currentPassword: string; newPassword: string },
) {
  const [user] = await db.select().from(users).where(eq(users.id, session.userId)).limit(1);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, args.currentPassword))) {
    throw new InvalidInputError("currentPassword", "The current password is wrong");
  }
  if (args.currentPassword === args.newPassword) throw new PreconditionError("The new password must differ from the current one");
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(args.newPassword), updatedAt: new Date() })
    .where(eq(users.id, user.id));
  const revoked = await revokeUserSessions(db, user.id, "password changed", session.sessionId);
  await recordAudit(db, actor, {
    action: "user.change_password",
    targetType: "user",
    targetId: user.id,
    after: { otherSessionsRevoked: revoked },
  });
  return { ok: true as const };
}
