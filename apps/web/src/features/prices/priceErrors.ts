/**
 * The price book's server errors for people: a draft someone else changed (CONFLICT) or that is
 * gone (NOT_FOUND) means "reload", never "try again"; field errors go under their fields, with the
 * server's "Per-track price: " prefix dropped where the field already says it.
 */
import type { TFunction } from "i18next";
import { translateMessage } from "../../i18n/messages";
import { errorCode, fieldErrors } from "../../lib/errors";

/** The draft the editor holds is no longer the one on the server. */
export function isStaleDraftError(error: unknown): boolean {
  const code = errorCode(error);
  return code === "CONFLICT" || code === "NOT_FOUND";
}

/** A server message in the chosen language, keeping the bundle it names. */
export function priceMessage(message: string, t: TFunction): string {
  const perTrack = /^Per-track price: (.*)$/.exec(message);
  if (perTrack) return translateMessage(perTrack[1] ?? "");
  const bundle = /^Bundle of (\d+) tracks: (.*)$/.exec(message);
  if (bundle) return `${t("prices.bundleOf", { count: Number(bundle[1]) })}: ${translateMessage(bundle[2] ?? "")}`;
  return translateMessage(message);
}

/** The server's field errors for `fields`, translated; the rest is left to FormError. */
export function priceFieldErrors(error: unknown, fields: readonly string[], t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    if (!fields.includes(field) || !messages?.length) continue;
    errors[field] = messages.map((message) => priceMessage(message, t)).join(" ");
  }
  return errors;
}
