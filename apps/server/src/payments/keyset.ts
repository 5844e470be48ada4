/** Opaque keyset cursors: the last row's sort key and id, so a page never skips or repeats a row. */
import { InvalidInputError } from "../errors.js";

export interface Cursor {
  /** The sort column's value of the last row (ISO date or integer as a string). */
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && typeof parsed[1] === "string") {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the refusal
  }
  throw new InvalidInputError("cursor", "This page link is no longer valid: start from the first page");
}
