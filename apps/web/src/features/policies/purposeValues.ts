/** The purpose vocabulary of @pc/shared, and guards for values that arrive as plain strings (in a diff). */
import { LEGAL_BASES, type LegalBasis, PURPOSE_CATEGORIES, type PurposeCategory } from "@pc/shared";

export type { PolicyPurpose, PolicyPurposesDiff, PurposeDiffField, PurposeFieldChange } from "@pc/shared";

export function isPurposeCategory(value: string): value is PurposeCategory {
  return (PURPOSE_CATEGORIES as readonly string[]).includes(value);
}

export function isLegalBasis(value: string): value is LegalBasis {
  return (LEGAL_BASES as readonly string[]).includes(value);
}
