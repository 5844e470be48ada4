/** The statistics filters as URL search params, and as the server's input (defaults: the last 90 UTC days, by day). */
import { type PolicyKind, STATS_GRANULARITIES, type StatsGranularity } from "@pc/shared";
import { filtersFromParams, paramsFromFilters, type UrlFilters } from "../../lib/urlFilters";

export const STATS_PARAMS = ["tenant", "from", "to", "per", "kind", "purpose", "country"] as const;
export type StatsParam = (typeof STATS_PARAMS)[number];
export type StatsFilters = UrlFilters<StatsParam>;

/** The range shown when the URL names none: the last 90 UTC days, today included. */
export const DEFAULT_DAYS = 90;

const DAY_MS = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export const statsFiltersOf = (params: URLSearchParams): StatsFilters => filtersFromParams(params, STATS_PARAMS);
export const statsParamsOf = (filters: StatsFilters): URLSearchParams => paramsFromFilters(filters, STATS_PARAMS);

/** The range the page shows: the URL's days, or the default ending today (UTC). */
export function rangeOf(filters: StatsFilters, now = Date.now()): { from: string; to: string } {
  const to = filters.to ?? utcDay(now);
  const from = filters.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS);
  return { from, to };
}

const isGranularity = (value: string | undefined): value is StatsGranularity =>
  (STATS_GRANULARITIES as readonly string[]).includes(value ?? "");

/** The overview input of the filters; staff name a tenant, partners never do (the server uses theirs). */
export function statsInputOf(filters: StatsFilters, { staff, now }: { staff: boolean; now?: number }) {
  return {
    tenantId: staff ? filters.tenant : undefined,
    ...rangeOf(filters, now),
    granularity: isGranularity(filters.per) ? filters.per : ("day" as const),
    policyKind: (filters.kind === "terms" ? "terms" : "privacy") as PolicyKind,
    purpose: filters.purpose,
    country: filters.country,
  };
}
