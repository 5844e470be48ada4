// Inputs of consent record retention and legal holds (limits, a tenant's period, the preview, a
// purge, holds), shared by the server and the web forms.

import { z } from "zod";
import { ZSubjectIdInput } from "./subject-requests.js";
import { requiredText } from "./text.js";

/** The widest limits the operator may set: one day to a hundred years. */
export const RETENTION_DAYS_FLOOR = 1;
export const RETENTION_DAYS_CEILING = 36_500;

export const LEGAL_HOLD_SCOPES = ["tenant", "subject"] as const;
export type LegalHoldScope = (typeof LEGAL_HOLD_SCOPES)[number];

const days = (subject: string) =>
  z
    .number({ message: `${subject} must be a number of days` })
    .int(`${subject} must be a whole number of days`)
    .min(RETENTION_DAYS_FLOOR, `${subject} must be at least ${RETENTION_DAYS_FLOOR} day`)
    .max(RETENTION_DAYS_CEILING, `${subject} must be at most ${RETENTION_DAYS_CEILING} days`);

const reason = (required: string) => requiredText("The reason", 2000, required);

const ZTenantId = z.uuid({ message: "Choose a tenant" });

export const ZRetentionLimitsInput = z
  .object({
    defaultDays: days("The default period"),
    minDays: days("The shortest period"),
    maxDays: days("The longest period"),
  })
  .refine((input) => input.minDays <= input.maxDays, {
    message: "The shortest period cannot be longer than the longest",
    path: ["minDays"],
  })
  .refine((input) => input.minDays <= input.defaultDays && input.defaultDays <= input.maxDays, {
    message: "The default period must lie within the limits",
    path: ["defaultDays"],
  });
export type RetentionLimitsInput = z.infer<typeof ZRetentionLimitsInput>;

export const ZTenantRetentionInput = z.object({
  tenantId: ZTenantId,
  /** Null: the tenant follows the operator's default. */
  days: days("The retention period").nullable(),
});

export const ZRetentionTenantFilter = z.object({ tenantId: ZTenantId.optional() });

export const ZRetentionPurgeInput = z.object({
  tenantId: ZTenantId,
  /** The preview's cutoff: records received before it go. */
  cutoff: z.coerce.date({ message: "The cutoff must be a date" }),
  /** How many records the preview said would go: the purge is refused when that changed. */
  expectedRecords: z.number().int().min(0),
});
export type RetentionPurgeInput = z.input<typeof ZRetentionPurgeInput>;

export const ZRetentionRunsInput = z.object({
  tenantId: ZTenantId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZLegalHoldsInput = z.object({
  tenantId: ZTenantId.optional(),
  includeReleased: z.boolean().default(false),
});

export const ZPlaceLegalHoldInput = z.discriminatedUnion(
  "scope",
  [
    z.object({ scope: z.literal("tenant"), tenantId: ZTenantId, reason: reason("Give the reason for the hold") }),
    z.object({
      scope: z.literal("subject"),
      tenantId: ZTenantId,
      /** The storefront's subject id: only the tenant's keyed hash of it and a masked hint are kept. */
      subjectId: ZSubjectIdInput,
      reason: reason("Give the reason for the hold"),
    }),
  ],
  { message: "Choose whether the hold covers the whole tenant or one subject" },
);
export type PlaceLegalHoldInput = z.input<typeof ZPlaceLegalHoldInput>;

export const ZReleaseLegalHoldInput = z.object({
  tenantId: ZTenantId,
  holdId: z.uuid({ message: "Unknown legal hold" }),
  reason: reason("Give the reason for releasing the hold"),
});
