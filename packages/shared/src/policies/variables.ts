// Template variables of policy documents: {{partner.name}} and the like, filled in per tenant.

export const POLICY_VARIABLES = [
  "partner.name",
  "partner.legalName",
  "partner.legalAddress",
  "partner.supportEmail",
  "operator.name",
  "operator.legalName",
  "operator.supportEmail",
  "policy.version",
  "policy.effectiveDate",
] as const;
export type PolicyVariable = (typeof POLICY_VARIABLES)[number];
export type PolicyVariableValues = Record<PolicyVariable, string>;

/** {{ name }} with optional spaces; names are dotted identifiers. */
const VARIABLE_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

export function isPolicyVariable(name: string): name is PolicyVariable {
  return (POLICY_VARIABLES as readonly string[]).includes(name);
}

/** Every variable a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE_PATTERN)].map((match) => match[1] as string))];
}

/** The variables a text uses that no tenant can fill in. */
export function unknownVariables(text: string): string[] {
  return variablesIn(text).filter((name) => !isPolicyVariable(name));
}

/** Line breaks of every kind markdown (or a reader) might honour, with the blanks around them. */
const LINE_BREAKS = /[^\S\r\n\u2028\u2029]*[\r\n\u2028\u2029\u0085\v\f]+\s*/g;

/**
 * Fills in every variable. Values are inserted as they are, except that line breaks in a value
 * become a space: a value stays on the template's line, so a partner's branding (its legal address,
 * say) cannot add headings, list items or whole sections to a policy that nobody reviewed. The
 * result is markdown, rendered and sanitised afterwards like any other policy text. Throws on an
 * unknown variable, which saving a template already refuses.
 */
export function fillVariables(text: string, values: PolicyVariableValues): string {
  return text.replace(VARIABLE_PATTERN, (_whole, name: string) => {
    if (!isPolicyVariable(name)) throw new RangeError(`Unknown policy variable {{${name}}}`);
    return values[name].replace(LINE_BREAKS, " ");
  });
}
