/** The email outbox page's inputs, and the names of the mails the console sends. */
import { z } from "zod";

export const EMAIL_KINDS = ["invitation", "policy_material_published", "payout_failed", "subject_request_deadline"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const EMAIL_OUTBOX_LIST_DEFAULT_LIMIT = 50;
export const EMAIL_OUTBOX_LIST_MAX_LIMIT = 200;

export const ZListEmailOutboxInput = z.object({
  status: z.enum(EMAIL_STATUSES, { message: "Unknown mail status" }).optional(),
  kind: z.enum(EMAIL_KINDS, { message: "Unknown kind of mail" }).optional(),
  /** The previous page's nextCursor: valid only for the same filters, by the same tenant scope. */
  cursor: z.string().max(500, "This page link is malformed").optional(),
  limit: z
    .number({ message: "The page size is a number" })
    .int("The page size is a whole number")
    .min(1, "At least one mail a page")
    .max(EMAIL_OUTBOX_LIST_MAX_LIMIT, `At most ${EMAIL_OUTBOX_LIST_MAX_LIMIT} mails a page`)
    .default(EMAIL_OUTBOX_LIST_DEFAULT_LIMIT),
});
export type ListEmailOutboxInput = z.input<typeof ZListEmailOutboxInput>;

export const ZEmailOutboxId = z.object({ emailId: z.uuid({ message: "Unknown mail" }) });
