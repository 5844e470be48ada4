// Inputs of the policy template procedures (policies.*), shared by the server and the web forms,
// and the hash that identifies a template's content. Rules that need the database (a purpose key
// reused with another meaning, a version number out of sequence) are the server's.

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";
import { z } from "zod";
import { POLICY_KINDS, type PolicyPurpose, ZPolicyPurposes } from "../policies/purposes.js";
import { POLICY_VARIABLES, unknownVariables, variablesIn } from "../policies/variables.js";
import { POLICY_VERSION_MESSAGE, parsePolicyVersion } from "../policies/versions.js";
import { hasNoNul, nulMessage } from "./text.js";

export const MAX_POLICY_TITLE = 200;
export const MAX_POLICY_MARKDOWN = 200_000;
export const MAX_POLICY_CHANGE_SUMMARY = 2000;
export const MAX_POLICY_REJECTION_REASON = 1000;

const ZRevision = z
  .number({ message: "Revision must be a number" })
  .int("Revision must be a whole number")
  .positive("Revision must be positive");

export const ZPolicyKind = z.enum(POLICY_KINDS, { message: `Kind must be one of ${POLICY_KINDS.join(", ")}` });

/** "2.1": a published version's number. */
export const ZPolicyVersionLabel = z
  .string({ message: POLICY_VERSION_MESSAGE })
  .trim()
  .refine((text) => parsePolicyVersion(text) !== null, POLICY_VERSION_MESSAGE);

/** The message naming every unknown variable of a text, and the ones a template may use. */
function unknownTemplateVariablesMessage(unknown: readonly string[]): string {
  const names = unknown.map((name) => `{{${name}}}`).join(", ");
  const known = POLICY_VARIABLES.map((name) => `{{${name}}}`).join(", ");
  return `Unknown variable${unknown.length === 1 ? "" : "s"} ${names}; known: ${known}`;
}

export const ZPolicyKindInput = z.object({ kind: ZPolicyKind });
export const ZPolicyVersionInput = z.object({ kind: ZPolicyKind, version: ZPolicyVersionLabel });

export const ZSavePolicyDraftInput = z
  .object({
    kind: ZPolicyKind,
    title: z
      .string({ message: "Title is required" })
      .trim()
      .min(1, "Title is required")
      .max(MAX_POLICY_TITLE, `Keep the title under ${MAX_POLICY_TITLE} characters`)
      .refine(hasNoNul, nulMessage("The title")),
    /** The template: markdown with {{variables}} (POLICY_VARIABLES). */
    markdown: z
      .string({ message: "The policy text is required" })
      .max(MAX_POLICY_MARKDOWN, `Keep the policy text under ${MAX_POLICY_MARKDOWN} characters`)
      .refine((text) => text.trim().length > 0, "The policy text is required")
      .refine(hasNoNul, nulMessage("The policy text")),
    purposes: ZPolicyPurposes,
    /** Users must consent again: the version gets the next major number and needs a second person's approval. */
    material: z.boolean({ message: "Material must be true or false" }),
    /** What users are told about a material change; what changed, for an editorial one. */
    changeSummary: z
      .string()
      .trim()
      .max(MAX_POLICY_CHANGE_SUMMARY, `Keep the change summary under ${MAX_POLICY_CHANGE_SUMMARY} characters`)
      .refine(hasNoNul, nulMessage("The change summary"))
      .default(""),
    /** The draft's revision the editor started from; left out when no draft was open. */
    expectedRevision: ZRevision.optional(),
  })
  .superRefine((input, ctx) => {
    // A tenant's rendition is identified by the sha256 of its markdown alone (and stored once per
    // text): a title filled per tenant could change while that text stays the same, and readers
    // would keep the first title recorded. So the title reads the same for every tenant.
    const inTitle = variablesIn(input.title);
    if (inTitle.length > 0) {
      const names = inTitle.map((name) => `{{${name}}}`).join(", ");
      ctx.addIssue({
        code: "custom",
        path: ["title"],
        message: `The title cannot use variables (${names}); it reads the same for every tenant. Use them in the text.`,
      });
    }
    const unknown = unknownVariables(input.markdown);
    if (unknown.length > 0) ctx.addIssue({ code: "custom", path: ["markdown"], message: unknownTemplateVariablesMessage(unknown) });
    if (input.material && input.changeSummary.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["changeSummary"],
        message: "A material change needs a change summary: it is what users are told when asked to consent again",
      });
    }
  });
export type SavePolicyDraftInput = z.output<typeof ZSavePolicyDraftInput>;

/** Discard, request approval, approve: the open version at the revision the caller saw. */
export const ZPolicyDraftActionInput = z.object({ kind: ZPolicyKind, expectedRevision: ZRevision });

export const ZRejectPolicyApprovalInput = ZPolicyDraftActionInput.extend({
  reason: z
    .string({ message: "Say why the change is not approved" })
    .trim()
    .min(1, "Say why the change is not approved")
    .max(MAX_POLICY_REJECTION_REASON, `Keep the reason under ${MAX_POLICY_REJECTION_REASON} characters`)
    .refine(hasNoNul, nulMessage("The reason")),
});

/**
 * `version` is the number the publisher confirms (the server refuses any other than the next in
 * sequence). Left out, `effectiveFrom` means now; else it must lie in the future, at most a year
 * ahead (checked by the server).
 */
export const ZPublishPolicyInput = ZPolicyDraftActionInput.extend({
  version: ZPolicyVersionLabel,
  effectiveFrom: z.date({ message: "Effective from must be a date and time" }).optional(),
});
export type PublishPolicyInput = z.output<typeof ZPublishPolicyInput>;

export const ZRetirePolicyInput = ZPolicyVersionInput;

/** The open version (draft or awaiting approval) in a comparison, for those who may edit it. */
export const POLICY_DRAFT_LABEL = "draft";

export const ZComparePolicyVersionsInput = z.object({
  kind: ZPolicyKind,
  from: ZPolicyVersionLabel,
  to: z.union([ZPolicyVersionLabel, z.literal(POLICY_DRAFT_LABEL)], { message: `${POLICY_VERSION_MESSAGE}, or "draft"` }),
  /** Whose values fill the variables: staff may name any tenant; partners only their active one. */
  tenantId: z.uuid({ message: "Tenant id must be a tenant's id" }).optional(),
});
export type ComparePolicyVersionsInput = z.output<typeof ZComparePolicyVersionsInput>;

/**
 * The sha256 (hex) of a template's content: the canonical JSON (RFC 8785) of its title, markdown
 * and purposes. Publishing stores it; the seed and any checker compute it the same way.
 */
export function policyContentSha256(content: { title: string; markdown: string; purposes: readonly PolicyPurpose[] }): string {
  const body = canonicalize({ title: content.title, markdown: content.markdown, purposes: content.purposes }) ?? "";
  return bytesToHex(sha256(utf8ToBytes(body)));
}
