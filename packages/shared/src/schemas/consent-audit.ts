// Inputs of the consent audit workspace (search, record detail, subject timeline), shared by the
// server and the web forms, which keep the same filters in the URL.

import { z } from "zod";
import { CONSENT_ACTIONS, CONSENT_DECISIONS, MAX_SUBJECT_ID } from "../ledger/wire.js";
import { POLICY_VERSION_MESSAGE, parsePolicyVersion } from "../policies/versions.js";
import { hasNoNul, nulMessage } from "./text.js";

export const CONSENT_SEARCH_DEFAULT_LIMIT = 50;
export const CONSENT_SEARCH_MAX_LIMIT = 200;

export const ZPurposeKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, "A purpose key is 2 to 40 lowercase letters, digits or underscores");

/** A storefront's country hint: two letters (ISO 3166-1), upper-cased. */
export const ZCountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "A country is two letters (ISO 3166-1)")
  .transform((text) => text.toUpperCase());

const ZSubjectId = z
  .string({ message: "Enter the subject id the storefront uses" })
  .min(1, "Enter the subject id the storefront uses")
  .max(MAX_SUBJECT_ID, `A subject id has at most ${MAX_SUBJECT_ID} characters`)
  .refine(hasNoNul, nulMessage("The subject id"));

export const ZConsentSearchInput = z
  .object({
    /** Staff: one tenant, or every tenant when left out. Partners: always their own (ignored). */
    tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
    /** Received at or after this moment. */
    from: z.coerce.date({ message: "The start must be a date" }).optional(),
    /** Received before this moment. */
    to: z.coerce.date({ message: "The end must be a date" }).optional(),
    purpose: ZPurposeKey.optional(),
    decision: z.enum(CONSENT_DECISIONS, { message: "Choose granted, denied or acknowledged" }).optional(),
    action: z.enum(CONSENT_ACTIONS, { message: "Unknown action" }).optional(),
    policyVersion: z
      .string()
      .trim()
      .refine((text) => parsePolicyVersion(text) !== null, POLICY_VERSION_MESSAGE)
      .optional(),
    country: ZCountryCode.optional(),
    /** The storefront's raw subject id, matched through the tenant's keyed hash. */
    subjectId: ZSubjectId.optional(),
    cursor: z.string().max(1000, "This page link is malformed").optional(),
    limit: z
      .number()
      .int()
      .min(1, "At least one record a page")
      .max(CONSENT_SEARCH_MAX_LIMIT, `At most ${CONSENT_SEARCH_MAX_LIMIT} records a page`)
      .default(CONSENT_SEARCH_DEFAULT_LIMIT),
  })
  .refine((input) => input.decision === undefined || input.purpose !== undefined, {
    path: ["decision"],
    message: "Choose the purpose the decision is about",
  })
  .refine((input) => !input.from || !input.to || input.from.getTime() < input.to.getTime(), {
    path: ["to"],
    message: "The end must come after the start",
  });
export type ConsentSearchInput = z.input<typeof ZConsentSearchInput>;

export const ZConsentRecordInput = z.object({ recordId: z.uuid({ message: "Unknown consent record" }) });

export const ZSubjectTimelineInput = z.object({
  /** Staff must name the tenant; partners always see their own (ignored). */
  tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
  subjectId: ZSubjectId,
});

/** An evidence pack of one record, or of every record of one subject (staff name the tenant). */
export const ZEvidencePackInput = z.union([ZConsentRecordInput.strict(), ZSubjectTimelineInput.strict()], {
  message: "Name a record (recordId) or a subject (subjectId)",
});
export type EvidencePackInput = z.output<typeof ZEvidencePackInput>;
