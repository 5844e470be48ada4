/** The search filters as URL search params, and as the server's search input. */
import type { ConsentAction, ConsentDecision } from "@pc/shared";
import { filtersFromParams, paramsFromFilters, type UrlFilters } from "../../lib/urlFilters";

export const FILTER_PARAMS = ["tenant", "from", "to", "purpose", "decision", "action", "version", "country", "subject"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type Filters = UrlFilters<FilterParam>;

export const filtersOf = (params: URLSearchParams): Filters => filtersFromParams(params, FILTER_PARAMS);
export const paramsOf = (filters: Filters): URLSearchParams => paramsFromFilters(filters, FILTER_PARAMS);

/** A yyyy-mm-dd date as the start of that day in the browser's time zone. */
function dayStart(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The search input of the filters; a decision without a purpose, or a subject without a tenant for staff, is left out. */
export function searchInputOf(filters: Filters, { staff }: { staff: boolean }) {
  return {
    tenantId: staff ? filters.tenant : undefined,
    from: dayStart(filters.from),
    to: dayStart(filters.to),
    purpose: filters.purpose,
    decision: filters.purpose ? (filters.decision as ConsentDecision | undefined) : undefined,
    action: filters.action as ConsentAction | undefined,
    policyVersion: filters.version,
    country: filters.country,
    subjectId: staff && !filters.tenant ? undefined : filters.subject,
  };
}
