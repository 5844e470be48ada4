// Request parameters: Stripe's form encoding (`a[b][0]=x`) parsed with qs, and typed readers that
// fail the way Stripe does (400 with the offending `param`).
import qs from "qs";
import { invalidRequest } from "./errors.js";
import type { Metadata } from "./types.js";

export type Params = Record<string, unknown>;

// Stripe allows long line-item arrays; qs turns indices above arrayLimit into object keys.
const PARSE_OPTIONS = { arrayLimit: 1000, parameterLimit: 10_000, depth: 10 } as const;

export function parseForm(text: string): Params {
  return qs.parse(text, PARSE_OPTIONS) as Params;
}

/** Follows a bracketed path such as `payment_intent_data[transfer_data][destination]`. */
function lookup(params: Params, path: string): unknown {
  let value: unknown = params;
  for (const key of path.replaceAll("]", "").split("[")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function optionalString(params: Params, path: string): string | undefined {
  const value = lookup(params, path);
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidRequest(`Invalid string: ${path}`, { param: path });
  return value;
}

export function requiredString(params: Params, path: string): string {
  const value = optionalString(params, path);
  if (value === undefined || value === "")
    throw invalidRequest(`Missing required param: ${path}.`, { param: path, code: "parameter_missing" });
  return value;
}

export function optionalInteger(params: Params, path: string, min = 0): number | undefined {
  const value = optionalString(params, path);
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw invalidRequest(`Invalid integer: ${value}`, { param: path, code: "parameter_invalid_integer" });
  }
  if (parsed < min) {
    throw invalidRequest(`This value must be greater than or equal to ${min}.`, { param: path, code: "parameter_invalid_integer" });
  }
  return parsed;
}

export function requiredInteger(params: Params, path: string, min = 0): number {
  const value = optionalInteger(params, path, min);
  if (value === undefined) throw invalidRequest(`Missing required param: ${path}.`, { param: path, code: "parameter_missing" });
  return value;
}

export function optionalBoolean(params: Params, path: string): boolean | undefined {
  const value = optionalString(params, path);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw invalidRequest(`Invalid boolean: ${value}`, { param: path });
  return value === "true";
}

export function optionalObject(params: Params, path: string): Params | undefined {
  const value = lookup(params, path);
  if (value === undefined || value === "") return undefined;
  if (value === null || typeof value !== "object") throw invalidRequest(`Invalid object: ${path}`, { param: path });
  return value as Params;
}

/** Array parameters arrive as arrays, or as objects keyed by index when qs exceeds its limits. */
export function optionalArray(params: Params, path: string): unknown[] {
  const value = lookup(params, path);
  if (value === undefined || value === "") return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && value !== null) return Object.values(value);
  return [value];
}

export function currencyParam(params: Params, path: string): string {
  const value = requiredString(params, path).toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) throw invalidRequest(`Invalid currency: ${value}.`, { param: path });
  return value;
}

/**
 * Stripe's metadata update rules: keys are merged, an empty value deletes a key, and an empty
 * string for the whole field clears it. Limits: 50 keys of up to 40 characters, values up to 500.
 */
export function applyMetadata(current: Metadata, params: Params, path = "metadata"): Metadata {
  const value = lookup(params, path);
  if (value === undefined) return current;
  if (value === "") return {};
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw invalidRequest("Invalid metadata: must be an object.", { param: path });
  const next: Metadata = { ...current };
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") throw invalidRequest(`Invalid metadata value for ${key}.`, { param: `${path}[${key}]` });
    if (key.length > 40) throw invalidRequest("Metadata keys can have up to 40 characters.", { param: `${path}[${key}]` });
    if (entry.length > 500) throw invalidRequest("Metadata values can have up to 500 characters.", { param: `${path}[${key}]` });
    if (entry === "") delete next[key];
    else next[key] = entry;
  }
  if (Object.keys(next).length > 50) throw invalidRequest("Metadata can have up to 50 keys.", { param: path });
  return next;
}

export function expandParam(params: Params): string[] {
  return optionalArray(params, "expand").filter((entry): entry is string => typeof entry === "string");
}
