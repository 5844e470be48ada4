/** The audit trail's filters as URL search params, and as audit.list's input. */
import type { AuditListInput } from "@pc/shared";
import { filtersFromParams, paramsFromFilters, type UrlFilters } from "../../lib/urlFilters";

export const AUDIT_FILTER_PARAMS = ["actor", "tenant", "action", "from", "to", "targetType", "targetId"] as const;
export type AuditFilterParam = (typeof AUDIT_FILTER_PARAMS)[number];
export type AuditFilters = UrlFilters<AuditFilterParam>;

export const auditFiltersOf = (params: URLSearchParams): AuditFilters => filtersFromParams(params, AUDIT_FILTER_PARAMS);
/** The filters as search params in a fixed order, so the same search has the same URL. */
export const auditParamsOf = (filters: AuditFilters): URLSearchParams => paramsFromFilters(filters, AUDIT_FILTER_PARAMS);

/** A yyyy-mm-dd date as the start of that day in the browser's time zone; anything else is no date. */
export function dayStart(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The day after a yyyy-mm-dd date: "to" is inclusive of its day for people, exclusive for the server. */
function dayAfter(value: string | undefined): Date | undefined {
  const start = dayStart(value);
  if (!start) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next;
}

/** audit.list's input: the tenant only for staff (a partner always sees its own). */
export function auditInputOf(filters: AuditFilters, { staff }: { staff: boolean }): Omit<AuditListInput, "cursor" | "limit"> {
  return {
    actor: filters.actor,
    tenantId: staff ? filters.tenant : undefined,
    action: filters.action,
    from: dayStart(filters.from),
    to: dayAfter(filters.to),
    targetType: filters.targetType,
    targetId: filters.targetId,
  };
}
