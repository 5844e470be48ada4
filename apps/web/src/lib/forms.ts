/**
 * Mantine forms validated by the zod schemas of @pc/shared (the same ones the server uses), and
 * the server's field errors put back next to the fields.
 */
import { type FormErrors, schemaResolver } from "@mantine/form";
import { translateMessage } from "../i18n/messages";
import { describeError } from "./describeError";
import { errorCode, fieldErrors, formErrors } from "./errors";

/** A synchronous Mantine `validate` function from a zod (Standard Schema) schema. */
export function zodValidate(schema: Parameters<typeof schemaResolver>[0]) {
  const resolve = schemaResolver(schema, { sync: true });
  return (values: unknown): FormErrors => {
    const errors = resolve(values);
    return Object.fromEntries(
      Object.entries(errors).map(([field, message]) => [field, typeof message === "string" ? translateMessage(message) : message]),
    );
  };
}

/** The server's field errors for the fields the form shows. */
export function serverFieldErrors(error: unknown, fields: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    const first = messages?.[0];
    if (first && fields.includes(field)) errors[field] = translateMessage(first);
  }
  return errors;
}

/**
 * What the form must say above its fields: anything that is not an error of one of its fields.
 * Undefined when every message already sits next to a field.
 */
export function formLevelError(error: unknown, fields: readonly string[]): string | undefined {
  if (!error) return undefined;
  if (errorCode(error) !== "BAD_REQUEST") return describeError(error);
  const general = formErrors(error).map(translateMessage);
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    if (!fields.includes(field)) general.push(...(messages ?? []).map(translateMessage));
  }
  if (general.length > 0) return general.join(" ");
  return Object.keys(serverFieldErrors(error, fields)).length > 0 ? undefined : describeError(error);
}
