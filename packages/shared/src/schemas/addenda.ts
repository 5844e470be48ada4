// Inputs of the addenda procedures (a tenant's own text appended to the operator's policy
// template), shared by the server and the web forms. The text may use the same {{variables}} as the
// templates; any other variable is refused here, so a form shows it before anything is sent.

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { POLICY_VARIABLES, unknownVariables } from "../policies/variables.js";
import { ZPolicyKind, ZPolicyVersionLabel } from "./policies.js";
import { hasNoNul, nulMessage } from "./text.js";

/** 20 000 characters: several pages, far more than an addendum needs. */
export const MAX_ADDENDUM_CHARS = 20_000;
export const MAX_ADDENDUM_SUMMARY_CHARS = 500;
export const MAX_REJECTION_REASON_CHARS = 1000;

/** "Unknown variables {{foo}}, {{bar}}; the variables are {{partner.name}}, …". */
export function unknownVariablesMessage(names: readonly string[]): string {
  const listed = names.map((name) => `{{${name}}}`).join(", ");
  const known = POLICY_VARIABLES.map((name) => `{{${name}}}`).join(", ");
  return `Unknown variable${names.length === 1 ? "" : "s"} ${listed}; the variables are ${known}`;
}

/** The sha256 (hex) of an addendum's text, as publishing stores it; the seed computes it the same way. */
export function addendumContentSha256(markdown: string): string {
  return bytesToHex(sha256(utf8ToBytes(markdown)));
}

const ZKind = ZPolicyKind;

const ZRevision = z
  .number({ message: "Revision must be a number" })
  .int("Revision must be a whole number")
  .positive("Revision must be positive");

/** An empty text is allowed: published, it removes the addendum from the rendered policy. */
export const ZAddendumMarkdown = z
  .string({ message: "The addendum text is required" })
  .max(MAX_ADDENDUM_CHARS, `Keep the addendum under ${MAX_ADDENDUM_CHARS} characters`)
  .refine(hasNoNul, nulMessage("The addendum text"))
  .superRefine((markdown, ctx) => {
    const unknown = unknownVariables(markdown);
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: unknownVariablesMessage(unknown) });
  });

export const ZAddendumKindInput = z.object({ kind: ZKind });

export const ZSaveAddendumDraftInput = z.object({
  kind: ZKind,
  markdown: ZAddendumMarkdown,
  changeSummary: z
    .string({ message: "Say in a few words what changed" })
    .trim()
    .min(1, "Say in a few words what changed")
    .max(MAX_ADDENDUM_SUMMARY_CHARS, `Keep the summary under ${MAX_ADDENDUM_SUMMARY_CHARS} characters`)
    .refine(hasNoNul, nulMessage("The summary")),
  /** The draft's revision the editor started from; left out when no draft was open. */
  expectedRevision: ZRevision.optional(),
});
export type SaveAddendumDraftInput = z.output<typeof ZSaveAddendumDraftInput>;

/** Discard the open draft, or ask for its approval: both name the revision the editor holds. */
export const ZAddendumRevisionInput = z.object({ kind: ZKind, expectedRevision: ZRevision });

const ZTenantId = z.uuid({ message: "Tenant id must be a tenant's id" });

/** Staff: publish a tenant's addendum waiting for approval, now or at `effectiveFrom` (checked by the server). */
export const ZApproveAddendumInput = z.object({
  tenantId: ZTenantId,
  kind: ZKind,
  expectedRevision: ZRevision,
  effectiveFrom: z.date({ message: "Effective from must be a date and time" }).optional(),
});

/** Staff: send a tenant's addendum back to draft, saying why. */
export const ZRejectAddendumInput = z.object({
  tenantId: ZTenantId,
  kind: ZKind,
  expectedRevision: ZRevision,
  reason: z
    .string({ message: "Say why the addendum is rejected" })
    .trim()
    .min(1, "Say why the addendum is rejected")
    .max(MAX_REJECTION_REASON_CHARS, `Keep the reason under ${MAX_REJECTION_REASON_CHARS} characters`)
    .refine(hasNoNul, nulMessage("The reason")),
});

/** The tenant's rendered policy: the version in force now, or an earlier version as it was shown. */
export const ZRenderedPolicyInput = z.object({
  kind: ZKind,
  version: ZPolicyVersionLabel.optional(),
});
