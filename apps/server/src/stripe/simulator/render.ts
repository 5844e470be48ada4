// Turns stored objects into responses: deep copies (so callers never hold live state), balance
// transaction status derived from the clock, `expand[]`, and list pagination.
import { invalidRequest } from "./errors.js";
import { optionalString, type Params } from "./form.js";
import type { Store } from "./store.js";
import type { ApiList } from "./types.js";

/** A deep copy with every balance transaction's status as of `nowUnix`. */
export function present<T>(value: T, nowUnix: number): T {
  const copy = structuredClone(value);
  refreshStatuses(copy, nowUnix);
  return copy;
}

function refreshStatuses(value: unknown, nowUnix: number): void {
  if (Array.isArray(value)) {
    for (const entry of value) refreshStatuses(entry, nowUnix);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  if (record.object === "balance_transaction" && typeof record.available_on === "number") {
    record.status = record.available_on <= nowUnix ? "available" : "pending";
  }
  for (const entry of Object.values(record)) refreshStatuses(entry, nowUnix);
}

// Stripe's own limit on expansion depth.
const MAX_EXPAND_DEPTH = 4;

/** Replaces ids named by `expand[]` paths (`a.b`, `data.a` inside lists) with the objects. */
export function expand(value: Record<string, unknown>, paths: string[], store: Store, nowUnix: number): Record<string, unknown> {
  for (const path of paths) {
    const segments = path.split(".");
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property.`, { param: "expand" });
    }
    expandPath(value, segments, store, nowUnix);
  }
  return value;
}

function expandPath(target: unknown, segments: string[], store: Store, nowUnix: number): void {
  const [head, ...rest] = segments;
  if (head === undefined || target === null || typeof target !== "object") return;
  const record = target as Record<string, unknown>;
  if (head === "data" && record.object === "list" && Array.isArray(record.data)) {
    for (const item of record.data) expandPath(item, rest, store, nowUnix);
    return;
  }
  const current = record[head];
  if (typeof current === "string") {
    const found = store.find(current);
    if (!found) return;
    record[head] = present(found, nowUnix);
  }
  expandPath(record[head], rest, store, nowUnix);
}

export interface Page {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

export function pageParams(params: Record<string, unknown>): Page {
  const raw = params.limit;
  let limit = 10;
  if (raw !== undefined) {
    limit = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(limit >= 1 && limit <= 100)) throw invalidRequest("Invalid limit: must be between 1 and 100.", { param: "limit" });
  }
  const startingAfter = typeof params.starting_after === "string" ? params.starting_after : undefined;
  const endingBefore = typeof params.ending_before === "string" ? params.ending_before : undefined;
  return { limit, ...(startingAfter ? { startingAfter } : {}), ...(endingBefore ? { endingBefore } : {}) };
}

/** One page of `items` (already newest first), the way Stripe cursors through lists. */
export function paginate<T extends { id: string }>(items: T[], page: Page, url: string): ApiList<T> {
  let start = 0;
  let end = items.length;
  if (page.startingAfter) {
    const index = items.findIndex((item) => item.id === page.startingAfter);
    if (index < 0) throw invalidRequest(`No such object: '${page.startingAfter}'`, { param: "starting_after", code: "resource_missing" });
    start = index + 1;
  } else if (page.endingBefore) {
    const index = items.findIndex((item) => item.id === page.endingBefore);
    if (index < 0) throw invalidRequest(`No such object: '${page.endingBefore}'`, { param: "ending_before", code: "resource_missing" });
    end = index;
    start = Math.max(0, end - page.limit);
  }
  const data = items.slice(start, Math.min(end, start + page.limit));
  const hasMore = page.endingBefore ? start > 0 : start + page.limit < end;
  return { object: "list", data, has_more: hasMore, url };
}

/** One page of a charge's refunds or disputes, newest first: `items` (in creation order) narrowed by the `charge` and `payment_intent` parameters. */
export function paginateByCharge<T extends { id: string; charge: string; payment_intent: string | null }>(
  items: T[],
  params: Params,
  page: Page,
  url: string,
): ApiList<T> {
  const charge = optionalString(params, "charge");
  const paymentIntent = optionalString(params, "payment_intent");
  const matching = items.filter(
    (item) => (charge === undefined || item.charge === charge) && (paymentIntent === undefined || item.payment_intent === paymentIntent),
  );
  return paginate(matching.reverse(), page, url);
}

export function emptyList<T>(url: string): ApiList<T> {
  return { object: "list", data: [], has_more: false, url };
}
