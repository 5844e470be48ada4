/**
 * Policy markdown as the preview shows it: known variables filled in with sample values (or left
 * as their names), each wrapped in invisible WORD JOINER marks so the rendered preview can
 * highlight them without adding any markup (see PolicyHtml); unknown variables stay as typed.
 */
import { isPolicyVariable, type PolicyVariableValues } from "@pc/shared";
import { renderPolicyHtml } from "../../lib/policyHtml";

/** U+2060 WORD JOINER: zero width, no line break, kept as text by the renderer and the sanitizer. */
export const VARIABLE_MARK = "\u2060";

/** The same pattern the shared fillVariables reads: {{ name }} with optional spaces. */
const VARIABLE_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

/** Sample values for a partner that does not exist: what a variable will look like, not what it will say. */
export function sampleVariables(nextVersion: string, effectiveDate: string): PolicyVariableValues {
  return {
    "partner.name": "Example Records",
    "partner.legalName": "Example Records AS",
    "partner.legalAddress": "Eksempelgata 1, 0150 Oslo, Norway",
    "partner.supportEmail": "support@example-records.test",
    "operator.name": "Masterchannel",
    "operator.legalName": "Masterchannel AS",
    "operator.supportEmail": "support@masterchannel.ai",
    "policy.version": nextVersion,
    "policy.effectiveDate": effectiveDate,
  };
}

export type VariableDisplay = "values" | "names";

export function markVariables(markdown: string, values: PolicyVariableValues, display: VariableDisplay): string {
  return markdown.replace(VARIABLE_PATTERN, (whole, name: string) => {
    if (!isPolicyVariable(name)) return whole;
    const shown = display === "values" ? values[name] : `{{${name}}}`;
    return `${VARIABLE_MARK}${shown}${VARIABLE_MARK}`;
  });
}

/** Sanitised HTML of the markdown with its variables marked (renderPolicyHtml does the sanitising). */
export function renderPreviewHtml(markdown: string, values: PolicyVariableValues, display: VariableDisplay): string {
  return renderPolicyHtml(markVariables(markdown, values, display));
}
