/**
 * Reading tRPC errors the way docs/api.md describes them: a code in `error.data.code`, field
 * messages in `error.data.fieldErrors`, and for rate limits a `Retry-After` header.
 */
import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[] | undefined>;

export type ApiErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR"
  | (string & {});

interface ErrorData {
  code?: ApiErrorCode;
  httpStatus?: number;
  fieldErrors?: FieldErrors;
  formErrors?: string[];
  retryAfterSeconds?: number;
}

interface ErrorMeta {
  response?: Response;
}

function errorData(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return data && typeof data === "object" ? (data as ErrorData) : undefined;
}

export function errorCode(error: unknown): ApiErrorCode | undefined {
  return errorData(error)?.code;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === "UNAUTHORIZED";
}

/** True when the request never got an answer from the server (offline, server down). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TRPCClientError && errorData(error) === undefined && !error.meta?.response;
}

export function fieldErrors(error: unknown): FieldErrors {
  return errorData(error)?.fieldErrors ?? {};
}

export function formErrors(error: unknown): string[] {
  return errorData(error)?.formErrors ?? [];
}

/** The server's message, when it carries one meant for people (not for a validation error). */
export function errorMessage(error: unknown): string | undefined {
  if (error instanceof Error && error.message) return error.message;
  return undefined;
}

/** Seconds to wait after TOO_MANY_REQUESTS, from the error data or the Retry-After header. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const fromData = errorData(error)?.retryAfterSeconds;
  if (typeof fromData === "number" && fromData > 0) return fromData;
  if (!(error instanceof TRPCClientError)) return undefined;
  const meta = error.meta as ErrorMeta | undefined;
  const header = meta?.response?.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}
