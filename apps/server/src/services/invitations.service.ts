/**
 * Invitations: a link with a random token, shown once to the person who invites, mailed through the
 * email outbox (branded as the tenant), and accepted by the invitee to join with the role it names.
 */
import { type Database, hashPassword, invitations, SYSTEM_CONTEXT, tenantMemberships, tenants, users, withRlsContext } from "@pc/db";
import { isPartnerRole, ROLE_LABELS, type Role } from "@pc/shared";
import { and, desc, eq, gt, isNull, type SQL } from "drizzle-orm";
import { enqueueInvitationEmail } from "../email/invitation.notice.js";
import { cancelPendingEmails } from "../email/outbox.js";
import { ConflictError, NotFoundError, PreconditionError } from "../errors.js";
import { type AuditActor, recordAudit } from "./audit.service.js";
import { newToken, type TokenDigest } from "./session.service.js";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface CreateInvitationArgs {
  email: string;
  role: Role;
  tenantId: string | null;
  publicUrl: string;
  /** Stores the link's token as its digest (SESSION_SECRET), like session tokens. */
  tokens: TokenDigest;
}

export interface InvitationLink {
  invitationId: string;
  email: string;
  role: Role;
  tenantId: string | null;
  url: string;
  expiresAt: Date;
}

export async function createInvitation(db: Database, actor: AuditActor, args: CreateInvitationArgs): Promise<InvitationLink> {
  if (args.tenantId) {
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, args.tenantId)).limit(1);
    if (!tenant) throw new NotFoundError("Tenant not found");
    if (tenant.status !== "active") throw new PreconditionError("The tenant is suspended; reactivate it before inviting people");
  }
  const [existing] = await db.select().from(users).where(eq(users.email, args.email)).limit(1);
  if (existing && args.tenantId) {
    const [member] = await db
      .select()
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, args.tenantId), eq(tenantMemberships.userId, existing.id)))
      .limit(1);
    if (member) throw new ConflictError(`${args.email} is already a member of this tenant`);
  }
  if (existing && !args.tenantId && existing.operatorRole) {
    throw new ConflictError(`${args.email} already has the operator role ${existing.operatorRole}`);
  }

  // A new invitation replaces any pending one for the same person and place (and its unsent mail).
  const replaced = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        pendingFilter(),
        eq(invitations.email, args.email),
        args.tenantId ? eq(invitations.tenantId, args.tenantId) : isNull(invitations.tenantId),
      ),
    )
    .returning({ id: invitations.id });
  await cancelPendingEmails(db, { invitationIds: replaced.map((r) => r.id) }, "a newer invitation replaced this one");

  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const [row] = await db
    .insert(invitations)
    .values({
      tenantId: args.tenantId,
      email: args.email,
      role: args.role,
      tokenHash: args.tokens.digest(token),
      invitedBy: actor.userId,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("invitation insert returned nothing");

  const url = `${args.publicUrl}/invite/${token}`;
  await enqueueInvitationEmail(db, {
    invitationId: row.id,
    tenantId: args.tenantId,
    email: args.email,
    inviterUserId: actor.userId,
    inviterLabel: actor.label,
    roleLabel: ROLE_LABELS[args.role],
    url,
    expiresAt,
    publicUrl: args.publicUrl,
  });
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "user.invite",
    targetType: "invitation",
    targetId: row.id,
    after: { email: args.email, role: args.role, tenantId: args.tenantId, expiresAt },
  });
  return { invitationId: row.id, email: args.email, role: args.role, tenantId: args.tenantId, url, expiresAt };
}

function pendingFilter(): SQL | undefined {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));
}

/** Pending invitations: of one tenant, or every one the RLS context shows (operator staff). */
export async function listPendingInvitations(db: Database, tenantId: string | null) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      tenantId: invitations.tenantId,
      tenantName: tenants.name,
      invitedByName: users.name,
      invitedByEmail: users.email,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(pendingFilter(), tenantId ? eq(invitations.tenantId, tenantId) : undefined))
    .orderBy(desc(invitations.createdAt));
  // Only pending ones are listed; the API contract names their status all the same.
  return rows.map((row) => ({ ...row, status: "pending" as const }));
}

/** Revokes a pending invitation; with a tenant given, only one of that tenant's. */
export async function revokeInvitation(db: Database, actor: AuditActor, args: { invitationId: string; tenantId: string | null }) {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, args.invitationId), pendingFilter(), args.tenantId ? eq(invitations.tenantId, args.tenantId) : undefined))
    .returning();
  const row = rows[0];
  if (!row) throw new NotFoundError("Invitation not found, or no longer pending");
  await cancelPendingEmails(db, { invitationIds: [row.id] }, "the invitation was revoked");
  await recordAudit(db, actor, {
    tenantId: row.tenantId,
    action: "invitation.revoke",
    targetType: "invitation",
    targetId: row.id,
    before: { email: row.email, role: row.role },
  });
  return { ok: true as const };
}

async function findPendingByToken(db: Database, tokens: TokenDigest, token: string) {
  const [row] = await db
    .select({ invitation: invitations, tenantName: tenants.name, tenantStatus: tenants.status })
    .from(invitations)
    .leftJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(and(eq(invitations.tokenHash, tokens.digest(token)), pendingFilter()))
    .limit(1);
  if (!row) throw new NotFoundError("This invitation link is not valid: it may have expired, been used or been revoked");
  if (row.invitation.tenantId && row.tenantStatus !== "active") throw new PreconditionError("The tenant of this invitation is suspended");
  return row;
}

/** What the invitation page shows before the invitee accepts. */
export function describeInvitation(rootDb: Database, tokens: TokenDigest, token: string) {
  return withRlsContext(rootDb, SYSTEM_CONTEXT, async (tx) => {
    const { invitation, tenantName } = await findPendingByToken(tx as Database, tokens, token);
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
    const [inviter] = invitation.invitedBy
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, invitation.invitedBy)).limit(1)
      : [];
    return {
      email: invitation.email,
      role: invitation.role,
      tenantName: tenantName ?? null,
      invitedByName: inviter?.name ?? null,
      accountExists: Boolean(account),
      expiresAt: invitation.expiresAt,
    };
  });
}

export interface AcceptResult {
  userId: string;
  /** A new account is signed in at once; an existing one signs in with its own password. */
  createdAccount: boolean;
}

export function acceptInvitation(
  rootDb: Database,
  args: { token: string; tokens: TokenDigest; name: string; password?: string; requestId: string; ip: string },
): Promise<AcceptResult> {
  return withRlsContext(rootDb, SYSTEM_CONTEXT, async (txRaw) => {
    const tx = txRaw as Database;
    const { invitation } = await findPendingByToken(tx, args.tokens, args.token);
    let [user] = await tx.select().from(users).where(eq(users.email, invitation.email)).limit(1);
    const createdAccount = !user;
    if (!user) {
      if (!args.password) throw new PreconditionError("Choose a password to create your account");
      [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: args.name, passwordHash: await hashPassword(args.password) })
        .returning();
      if (!user) throw new Error("user insert returned nothing");
    }
    const actor: AuditActor = { userId: user.id, label: user.email, requestId: args.requestId, ip: args.ip };
    if (invitation.tenantId && isPartnerRole(invitation.role)) {
      await tx
        .insert(tenantMemberships)
        .values({ tenantId: invitation.tenantId, userId: user.id, role: invitation.role, createdBy: invitation.invitedBy })
        .onConflictDoNothing();
    } else if (!isPartnerRole(invitation.role)) {
      await tx.update(users).set({ operatorRole: invitation.role, updatedAt: new Date() }).where(eq(users.id, user.id));
    }
    await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: user.id }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, actor, {
      tenantId: invitation.tenantId,
      action: "invitation.accept",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: invitation.role, tenantId: invitation.tenantId, createdAccount },
    });
    return { userId: user.id, createdAccount };
  });
}
