/**
 * One sentence for a person about what went wrong, in the chosen language. Used by the global
 * error notifications and by forms for errors that belong to no field.
 */
import { i18n } from "../i18n";
import { translateMessage } from "../i18n/messages";
import { errorCode, errorMessage, fieldErrors, formErrors, isNetworkError, retryAfterSeconds } from "./errors";

/** A server message is shown only when it reads as a sentence (not a JSON dump of zod issues). */
function readableServerMessage(error: unknown): string | undefined {
  const message = errorMessage(error);
  if (!message || /^[[{]/.test(message.trim()) || /^[A-Z_]+$/.test(message)) return undefined;
  return translateMessage(message);
}

export function tooManyAttemptsMessage(error: unknown): string {
  const seconds = retryAfterSeconds(error);
  if (seconds === undefined) return i18n.t("errors.tooManyRequestsLater");
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return i18n.t("errors.tooManyRequests", { count: minutes });
}

export function describeError(error: unknown): string {
  if (isNetworkError(error)) return i18n.t("errors.network");
  switch (errorCode(error)) {
    case "UNAUTHORIZED":
      return i18n.t("errors.unauthorized");
    case "FORBIDDEN":
      return readableServerMessage(error) ?? i18n.t("errors.forbidden");
    case "NOT_FOUND":
      return readableServerMessage(error) ?? i18n.t("errors.notFound");
    case "TOO_MANY_REQUESTS":
      return tooManyAttemptsMessage(error);
    case "CONFLICT":
      return readableServerMessage(error) ?? i18n.t("errors.conflict");
    case "PRECONDITION_FAILED":
      return readableServerMessage(error) ?? i18n.t("errors.preconditionFailed");
    case "BAD_REQUEST": {
      const first = formErrors(error)[0] ?? Object.values(fieldErrors(error)).flat()[0];
      return first ? translateMessage(first) : (readableServerMessage(error) ?? i18n.t("errors.badRequest"));
    }
    default:
      return i18n.t("errors.unexpected");
  }
}

/** A heading for a failed action: a rule said no (4xx), or something broke. */
export function describeErrorTitle(error: unknown): string {
  const code = errorCode(error);
  if (code === "FORBIDDEN" || code === "CONFLICT" || code === "PRECONDITION_FAILED" || code === "NOT_FOUND" || code === "BAD_REQUEST") {
    return i18n.t("errors.notDoneTitle");
  }
  return i18n.t("errors.title");
}
