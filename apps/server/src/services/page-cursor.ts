/**
 * Keyset page cursors bound to the search they were made for. A cursor holds the last row's sort
 * key and a fingerprint of the filters and the caller's tenant scope, so a page link replayed
 * against another search, or by someone of another tenant, is refused (BAD_REQUEST) rather than
 * paging through something else. Opaque to clients: base64url JSON `{ v: 1, f, ...key }`.
 */
import { createHash } from "node:crypto";
import { InvalidInputError } from "../errors.js";

export const FOREIGN_CURSOR_MESSAGE = "This page link belongs to another search";
export const MALFORMED_CURSOR_MESSAGE = "This page link is malformed";

/** A row's sort key as a cursor holds it: plain JSON values under short names (not `v` or `f`). */
export type CursorKey = Record<string, string | number>;

/**
 * Identifies one search within one scope. `fields` names every filter (null when unset) and the
 * scope, always in the same order, so equal searches give equal fingerprints.
 */
export function cursorFingerprint(fields: Record<string, string | number | boolean | null>): string {
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 32);
}

export function encodePageCursor(fingerprint: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint, ...key }), "utf8").toString("base64url");
}

/**
 * The sort key of a cursor made for the search `fingerprint`. `isKey` checks the key's shape (it
 * came from a client); a malformed cursor and one of another search are told apart.
 */
export function decodePageCursor<K extends CursorKey>(
  text: string,
  fingerprint: string,
  isKey: (body: Record<string, unknown>) => body is K,
): K {
  let body: unknown = null;
  try {
    body = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    body = null;
  }
  const record = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (record?.v !== 1 || typeof record.f !== "string" || !isKey(record)) {
    throw new InvalidInputError("cursor", MALFORMED_CURSOR_MESSAGE);
  }
  if (record.f !== fingerprint) throw new InvalidInputError("cursor", FOREIGN_CURSOR_MESSAGE);
  return record;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** A timestamp as the database orders it: UTC ISO with microseconds (sql `to_char(… 'US')`). */
export const isExactTimestamp = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && !Number.isNaN(Date.parse(value));
