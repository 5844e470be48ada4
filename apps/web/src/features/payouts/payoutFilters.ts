/**
 * Finance's payout filters as they live in the URL (?tenant=…&status=paid,failed&currency=NOK&from=
 * 2026-05-01&to=2026-05-31&min=100.00&max=2500.00&sort=amount_desc), and what they become for the
 * list procedure and the CSV exports. Dates are the person's calendar days (from the start of
 * `from` to the end of `to`, local time); amounts are kept in major units as plain decimals ("1500.50",
 * whatever the language) and become minor units of the chosen currency only with that currency.
 */
import {
  type CurrencyCode,
  isCurrencyCode,
  PAYOUT_SORTS,
  PAYOUT_STATUS_VALUES,
  type PayoutFilters,
  type PayoutSort,
  type PayoutStatusValue,
  parseAmount,
} from "@pc/shared";

export interface PayoutFilterParams {
  tenantId: string | null;
  status: PayoutStatusValue[];
  currency: CurrencyCode | null;
  /** YYYY-MM-DD, the person's calendar day. */
  from: string | null;
  to: string | null;
  /** Major units, "." as the decimal separator, no grouping. */
  min: string | null;
  max: string | null;
  sort: PayoutSort;
}

export const DEFAULT_SORT: PayoutSort = "created_desc";

/** The URL parameters the payout list owns; the page's others (?tab=) are left alone. */
const OWN_PARAMS = ["tenant", "status", "currency", "from", "to", "min", "max", "sort"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/** Minor units of a plain major amount ("1500.50"); null when it is not one for this currency. */
export function minorOfPlain(plain: string, currency: CurrencyCode): number | null {
  const parsed = parseAmount(plain, currency, { decimalSeparator: ".", enforceMinimum: false });
  return parsed.ok ? parsed.minor : null;
}

/** What the URL asks for; anything malformed (an edited link) is left out rather than sent. */
export function readFilterParams(params: URLSearchParams): PayoutFilterParams {
  const tenant = params.get("tenant");
  const currency = params.get("currency")?.toUpperCase() ?? "";
  const statuses = (params.get("status") ?? "").split(",");
  const day = (name: "from" | "to") => {
    const value = params.get(name);
    return value && isCalendarDay(value) ? value : null;
  };
  const amount = (name: "min" | "max") => {
    const value = params.get(name)?.trim();
    return value && isCurrencyCode(currency) && minorOfPlain(value, currency) !== null ? value : null;
  };
  const sort = params.get("sort");
  return {
    tenantId: tenant && UUID.test(tenant) ? tenant : null,
    status: PAYOUT_STATUS_VALUES.filter((status) => statuses.includes(status)),
    currency: isCurrencyCode(currency) ? currency : null,
    from: day("from"),
    to: day("to"),
    min: amount("min"),
    max: amount("max"),
    sort: PAYOUT_SORTS.find((entry) => entry === sort) ?? DEFAULT_SORT,
  };
}

/** `current` with the payout filters replaced by `filters` (empty ones left out). */
export function writeFilterParams(current: URLSearchParams, filters: PayoutFilterParams): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of OWN_PARAMS) next.delete(name);
  if (filters.tenantId) next.set("tenant", filters.tenantId);
  if (filters.status.length > 0) next.set("status", filters.status.join(","));
  if (filters.currency) next.set("currency", filters.currency);
  if (filters.from) next.set("from", filters.from);
  if (filters.to) next.set("to", filters.to);
  if (filters.currency && filters.min) next.set("min", filters.min);
  if (filters.currency && filters.max) next.set("max", filters.max);
  if (filters.sort !== DEFAULT_SORT) next.set("sort", filters.sort);
  return next;
}

export function hasFilters(filters: PayoutFilterParams): boolean {
  return Boolean(filters.tenantId || filters.status.length || filters.currency || filters.from || filters.to || filters.min || filters.max);
}

/** The start of a calendar day in the person's time zone. */
export function startOfDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** The last millisecond of a calendar day in the person's time zone. */
export function endOfDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new Date(year, month - 1, date + 1).getTime() - 1);
}

/** The filters as the list procedure takes them: instants and minor units. */
export function toApiFilters(filters: PayoutFilterParams): PayoutFilters {
  const currency = filters.currency;
  const api: PayoutFilters = {};
  if (filters.tenantId) api.tenantId = filters.tenantId;
  if (filters.status.length > 0) api.status = filters.status;
  if (currency) api.currency = currency;
  if (filters.from) api.from = startOfDay(filters.from);
  if (filters.to) api.to = endOfDay(filters.to);
  const min = currency && filters.min ? minorOfPlain(filters.min, currency) : null;
  const max = currency && filters.max ? minorOfPlain(filters.max, currency) : null;
  if (min !== null) api.minAmount = min;
  if (max !== null) api.maxAmount = max;
  return api;
}

export type ExportVariant = "standard" | "nb";

/** The CSV export of payouts (every filter) or of sales (tenant, currency and dates), as a same-site GET. */
export function exportUrl(kind: "payouts" | "sales", filters: PayoutFilterParams, variant: ExportVariant): string {
  const api = toApiFilters(filters);
  const query = new URLSearchParams();
  if (api.tenantId) query.set("tenantId", api.tenantId);
  if (kind === "payouts" && api.status?.length) query.set("status", api.status.join(","));
  if (api.currency) query.set("currency", api.currency);
  if (api.from) query.set("from", api.from.toISOString());
  if (api.to) query.set("to", api.to.toISOString());
  if (kind === "payouts" && api.minAmount !== undefined) query.set("minAmount", String(api.minAmount));
  if (kind === "payouts" && api.maxAmount !== undefined) query.set("maxAmount", String(api.maxAmount));
  query.set("variant", variant);
  return `/api/exports/${kind}.csv?${query.toString()}`;
}
