// The admin audit trail search: shared by the server's audit.list and the web page, which keeps
// the same filters in the URL.

import { z } from "zod";

export const AUDIT_LIST_DEFAULT_LIMIT = 50;
export const AUDIT_LIST_MAX_LIMIT = 200;

/** Empty text means "no filter", so a cleared form field and a left-out one search the same. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((text) => text || undefined);

export const ZAuditListInput = z
  .object({
    /** A user id (exactly), or part of who acted as recorded (their email, "system"), any case. */
    actor: optionalText(200, "An actor filter has at most 200 characters"),
    /** Staff: one tenant, or every event when left out. Partners: always their own (ignored). */
    tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
    /** An action exactly (`payouts.hold`), or every action under a prefix ending in a dot (`payouts.`). */
    action: optionalText(80, "An action has at most 80 characters"),
    /** Recorded at or after this moment. */
    from: z.coerce.date({ message: "The start must be a date" }).optional(),
    /** Recorded before this moment. */
    to: z.coerce.date({ message: "The end must be a date" }).optional(),
    targetType: optionalText(80, "A target type has at most 80 characters"),
    targetId: optionalText(200, "A target id has at most 200 characters"),
    cursor: z.string().max(500, "This page link is malformed").optional(),
    limit: z
      .number()
      .int()
      .min(1, "At least one event a page")
      .max(AUDIT_LIST_MAX_LIMIT, `At most ${AUDIT_LIST_MAX_LIMIT} events a page`)
      .default(AUDIT_LIST_DEFAULT_LIMIT),
  })
  .refine((input) => !input.from || !input.to || input.from.getTime() < input.to.getTime(), {
    path: ["to"],
    message: "The end must come after the start",
  });
export type AuditListInput = z.input<typeof ZAuditListInput>;
export type AuditListFilters = Omit<z.output<typeof ZAuditListInput>, "cursor" | "limit">;

/** Who acted, as the trail can tell: operator staff, a partner's user, the system, or someone unknown (a failed sign-in). */
export const AUDIT_ACTOR_KINDS = ["staff", "partner", "system", "unknown"] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** One changed field of an event: `path` like `colors.light.primary` or `items[2].amount`. */
export interface AuditFieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  /** Absent (undefined) when the field was added. */
  before?: unknown;
  /** Absent (undefined) when the field was removed. */
  after?: unknown;
}
