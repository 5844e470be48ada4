/**
 * The field-by-field difference between an audit event's before and after, for the trail view.
 * Pure and generic (events hold any JSON): objects are compared key by key, arrays of objects
 * item by item, and anything else (text, numbers, lists of plain values) as one value.
 */
import type { AuditFieldChange } from "@pc/shared";

/** Past this depth a value is compared whole: events are small, but a diff must never recurse without end. */
const MAX_DEPTH = 8;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPlainList(value: unknown[]): boolean {
  return value.every((item) => item === null || typeof item !== "object");
}

/** Equal as JSON, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return false;
}

function keyPath(parent: string, key: string): string {
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (!parent) return part.startsWith('"') ? `[${part}]` : part;
  return part.startsWith('"') ? `${parent}[${part}]` : `${parent}.${part}`;
}

/**
 * What changed from `before` to `after` (either may be null: a creation or a removal). A value
 * that is not an object on one side and an object on the other is one change of the whole value;
 * a null on the event's top level means "nothing", so every field of the other side is listed.
 */
export function diffAuditValues(before: unknown, after: unknown): AuditFieldChange[] {
  const changes: AuditFieldChange[] = [];
  const walk = (path: string, from: unknown, to: unknown, depth: number) => {
    if (sameJson(from, to)) return;
    if (from === undefined) {
      changes.push({ path, kind: "added", after: to });
      return;
    }
    if (to === undefined) {
      changes.push({ path, kind: "removed", before: from });
      return;
    }
    if (depth < MAX_DEPTH && isObject(from) && isObject(to)) {
      const keys = [...Object.keys(from), ...Object.keys(to).filter((key) => !(key in from))];
      for (const key of keys) walk(keyPath(path, key), from[key], to[key], depth + 1);
      return;
    }
    if (depth < MAX_DEPTH && Array.isArray(from) && Array.isArray(to) && !(isPlainList(from) && isPlainList(to))) {
      for (let i = 0; i < Math.max(from.length, to.length); i++) walk(`${path}[${i}]`, from[i], to[i], depth + 1);
      return;
    }
    changes.push({ path, kind: "changed", before: from, after: to });
  };
  // A missing side of the whole event is "nothing there", so a creation lists each new field.
  const top = (value: unknown) => (value === null || value === undefined ? undefined : value);
  const from = top(before);
  const to = top(after);
  if (from === undefined && to === undefined) return changes;
  if ((from === undefined && isObject(to)) || (to === undefined && isObject(from))) {
    walk("", from ?? {}, to ?? {}, 0);
  } else {
    walk("", from, to, 0);
  }
  return changes.map((change) => (change.path ? change : { ...change, path: "(value)" }));
}
