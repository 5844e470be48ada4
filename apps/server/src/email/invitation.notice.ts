/** Queues an invitation mail, branded as the tenant it invites to (or the operator for staff). */
import { type Database, users } from "@pc/db";
import { eq } from "drizzle-orm";
import { brandFor } from "./brand.js";
import { enqueueEmail } from "./outbox.js";
import { invitationEmail } from "./templates/invitation.js";

export interface InvitationNotice {
  invitationId: string;
  tenantId: string | null;
  email: string;
  /** Who invited: named with their account's name when there is one. */
  inviterUserId: string | null;
  inviterLabel: string;
  roleLabel: string;
  url: string;
  expiresAt: Date;
  publicUrl: string;
}

export async function enqueueInvitationEmail(db: Database, notice: InvitationNotice): Promise<string | null> {
  const brand = await brandFor(db, notice.tenantId, notice.publicUrl);
  const [inviter] = notice.inviterUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, notice.inviterUserId)).limit(1)
    : [];
  return enqueueEmail(db, {
    to: notice.email,
    kind: "invitation",
    audience: notice.tenantId ? "tenant" : "operator",
    tenantId: notice.tenantId,
    brand,
    content: invitationEmail(brand, {
      inviter: inviter ? `${inviter.name} (${notice.inviterLabel})` : notice.inviterLabel,
      roleLabel: notice.roleLabel,
      place: brand.name,
      url: notice.url,
      expiresAt: notice.expiresAt,
    }),
    dedupeKey: `invitation:${notice.invitationId}`,
    // The outbox shows the link until the mail is delivered (by hand, without SMTP); then it is removed.
    metadata: { invitationId: notice.invitationId, tenantId: notice.tenantId, redactAfterSend: "invite-link" },
  });
}
