/**
 * The enqueue API: a mail becomes an outbox row in the caller's transaction, so it exists exactly
 * when what caused it was committed, and the delivery job (delivery.job.ts) sends it later. A
 * dedupe key makes a notice idempotent: queuing it again is a no-op. Tenant-audience rows are
 * written as that tenant's (RLS lets a partner write only those).
 */
import { type Database, type EmailAudience, emailOutbox } from "@pc/db";
import type { EmailKind } from "@pc/shared";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { EmailBrand } from "./brand.js";
import type { RenderedEmail } from "./templates/layout.js";

export interface OutboxMail {
  to: string;
  kind: EmailKind;
  /** `tenant`: the tenant's admins see it in their outbox too; `operator`: staff only. */
  audience: EmailAudience;
  /** What the mail is about; required for the tenant audience. */
  tenantId: string | null;
  brand: EmailBrand;
  content: RenderedEmail;
  /** The same key twice queues one mail, e.g. `dsr-deadline:<requestId>:<stage>:<userId>`. */
  dedupeKey?: string;
  metadata?: Record<string, unknown>;
}

/** Queues the mail; answers its id, or null when its dedupe key was queued before. */
export async function enqueueEmail(db: Database, mail: OutboxMail): Promise<string | null> {
  if (mail.audience === "tenant" && !mail.tenantId) throw new Error("a tenant-audience mail needs its tenant");
  const [row] = await db
    .insert(emailOutbox)
    .values({
      tenantId: mail.tenantId,
      audience: mail.audience,
      toEmail: mail.to,
      fromName: mail.brand.name,
      replyTo: mail.brand.supportEmail,
      subject: mail.content.subject,
      bodyText: mail.content.text,
      bodyHtml: mail.content.html,
      kind: mail.kind,
      metadata: mail.metadata ?? {},
      dedupeKey: mail.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return row?.id ?? null;
}

/**
 * Cancels mails not sent yet (only `pending` ones: one being sent finishes) whose dedupe key
 * starts with the prefix, or of an invitation; answers how many. Used when what they announce
 * is withdrawn.
 */
export async function cancelPendingEmails(
  db: Database,
  match: { dedupeKeyPrefix: string } | { invitationIds: string[] },
  reason: string,
): Promise<number> {
  const where =
    "dedupeKeyPrefix" in match
      ? like(emailOutbox.dedupeKey, `${match.dedupeKeyPrefix.replace(/[\\%_]/g, "\\$&")}%`)
      : match.invitationIds.length
        ? and(eq(emailOutbox.kind, "invitation"), inArray(sql`${emailOutbox.metadata}->>'invitationId'`, match.invitationIds))
        : undefined;
  if (!where) return 0;
  const rows = await db
    .update(emailOutbox)
    .set({ status: "cancelled", lastError: reason })
    .where(and(eq(emailOutbox.status, "pending"), where))
    .returning({ id: emailOutbox.id });
  return rows.length;
}
