// Consent purposes: what a policy version asks visitors about. The key is stable across versions
// (the banner and the consent ledger use it); a key never changes meaning.

import { z } from "zod";
import { hasNoNul, nulMessage } from "../schemas/text.js";

export const POLICY_KINDS = ["privacy", "terms"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const POLICY_KIND_LABELS: Record<PolicyKind, string> = { privacy: "Privacy policy", terms: "Terms of service" };

export const PURPOSE_CATEGORIES = ["strictly_necessary", "functional", "analytics", "marketing"] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

/** GDPR Art. 6(1) points a purpose may rest on. */
export const LEGAL_BASES = ["6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(f)"] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  "6(1)(a)": "Consent (GDPR Art. 6(1)(a))",
  "6(1)(b)": "Contract (GDPR Art. 6(1)(b))",
  "6(1)(c)": "Legal obligation (GDPR Art. 6(1)(c))",
  "6(1)(f)": "Legitimate interests (GDPR Art. 6(1)(f))",
};

const text = (field: string, max: number) =>
  z
    .string({ message: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine(hasNoNul, nulMessage(field));

export const PURPOSE_KEY_MESSAGE = "Purpose key must be 2 to 40 lowercase letters, digits or underscores, starting with a letter";

export const ZPolicyPurpose = z
  .object({
    key: z
      .string({ message: PURPOSE_KEY_MESSAGE })
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, PURPOSE_KEY_MESSAGE),
    name: text("Purpose name", 120),
    description: text("Purpose description", 2000),
    category: z.enum(PURPOSE_CATEGORIES, { message: "Category must be strictly necessary, functional, analytics or marketing" }),
    legalBasis: z.enum(LEGAL_BASES, { message: "Legal basis must be GDPR Art. 6(1)(a), (b), (c) or (f)" }),
    vendor: z.object({ name: text("Vendor name", 120), legalEntity: text("Vendor legal entity", 200) }),
    transfer: z.object({
      /** Where the data goes, e.g. "EEA (Norway)" or "USA". */
      destination: text("Transfer destination", 200),
      /** Under which mechanism, e.g. "Within the EEA", "EU-US Data Privacy Framework", "Standard contractual clauses". */
      mechanism: text("Transfer mechanism", 200),
    }),
    retention: text("Retention", 300),
    /** Needs the visitor's opt-in before it runs (off until granted). */
    optIn: z.boolean({ message: "Opt-in must be true or false" }),
  })
  .superRefine((purpose, ctx) => {
    // Consent is the one basis that needs an opt-in, and strictly necessary purposes never ask.
    if (purpose.legalBasis === "6(1)(a)" && !purpose.optIn) {
      ctx.addIssue({ code: "custom", path: ["optIn"], message: "A purpose resting on consent (Art. 6(1)(a)) must be opt-in" });
    }
    if (purpose.category === "strictly_necessary" && purpose.optIn) {
      ctx.addIssue({ code: "custom", path: ["optIn"], message: "A strictly necessary purpose cannot be opt-in" });
    }
  });
export type PolicyPurpose = z.output<typeof ZPolicyPurpose>;

export const MAX_PURPOSES = 40;

export const ZPolicyPurposes = z
  .array(ZPolicyPurpose)
  .max(MAX_PURPOSES, `At most ${MAX_PURPOSES} purposes`)
  .superRefine((purposes, ctx) => {
    const seen = new Set<string>();
    purposes.forEach((purpose, index) => {
      if (seen.has(purpose.key))
        ctx.addIssue({ code: "custom", path: [index, "key"], message: `Purpose key ${purpose.key} appears twice` });
      seen.add(purpose.key);
    });
  });

/**
 * What a purpose key means: a key keeps its category and its vendor's legal entity for ever
 * (names, descriptions, retention and the like may be reworded). Answers the differences, in words.
 */
export function purposeMeaningChanges(before: PolicyPurpose, after: PolicyPurpose): string[] {
  const changes: string[] = [];
  if (before.category !== after.category) changes.push(`category ${before.category} → ${after.category}`);
  if (before.vendor.legalEntity !== after.vendor.legalEntity) {
    changes.push(`vendor ${before.vendor.legalEntity} → ${after.vendor.legalEntity}`);
  }
  return changes;
}
