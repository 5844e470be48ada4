/**
 * The policy draft form: its values, where they start from (the open draft, else the newest
 * version not retired, else nothing), the shared schema as its validation, and the server's field
 * errors put back next to the fields (a purpose's problems go to the purposes list).
 */
import type { FormErrors } from "@mantine/form";
import { type PolicyKind, type PolicyPurpose, ZSavePolicyDraftInput } from "@pc/shared";
import type { TFunction } from "i18next";
import { translateMessage } from "../../i18n/messages";
import { fieldErrors } from "../../lib/errors";
import { zodValidate } from "../../lib/forms";
import type { OpenPolicyVersion, PolicyDraftState } from "./policies.types";

export interface PolicyDraftValues {
  title: string;
  markdown: string;
  material: boolean;
  changeSummary: string;
  purposes: PolicyPurpose[];
}

export const DRAFT_FIELDS = ["title", "markdown", "material", "changeSummary"] as const;

export function draftValues(state: PolicyDraftState): PolicyDraftValues {
  const source = state.draft ?? state.basis;
  return {
    title: source?.title ?? "",
    markdown: source?.markdown ?? "",
    purposes: source ? structuredClone(source.purposes) : [],
    // A new draft starts editorial and says nothing yet about what it changes.
    material: state.draft?.material ?? false,
    changeSummary: state.draft?.changeSummary ?? "",
  };
}

/** Which server state the form was loaded from: the draft at a revision, or the version a new draft starts from. */
export function sourceKey(state: PolicyDraftState): string {
  if (state.draft) return `draft:${state.draft.id}:${state.draft.revision}`;
  return `basis:${state.basis?.id ?? "none"}`;
}

export function savedKey(draft: OpenPolicyVersion): string {
  return `draft:${draft.id}:${draft.revision}`;
}

const validateInput = zodValidate(ZSavePolicyDraftInput);

/** The shared schema's messages, keyed by field ("purposes.1.key" for a purpose's). */
export function validateDraft(kind: PolicyKind, values: PolicyDraftValues): FormErrors {
  return validateInput({ ...values, kind });
}

/** Problems of the purposes list, as sentences naming the purpose ("Purpose 2 (tidio): …"). */
export function purposeErrors(errors: FormErrors, purposes: readonly PolicyPurpose[], t: TFunction): string[] {
  const messages: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    if (!field.startsWith("purposes") || typeof message !== "string") continue;
    const index = Number(field.split(".")[1]);
    const purpose = Number.isInteger(index) ? purposes[index] : undefined;
    messages.push(purpose ? t("policies.purposes.errorOf", { number: index + 1, key: purpose.key || "–", message }) : message);
  }
  return [...new Set(messages)];
}

/** The server's field errors: the form's own fields and every purpose's. */
export function serverDraftErrors(error: unknown): FormErrors {
  const errors: FormErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    const first = messages?.[0];
    if (!first) continue;
    if ((DRAFT_FIELDS as readonly string[]).includes(field) || field.startsWith("purposes")) errors[field] = translateMessage(first);
  }
  return errors;
}
