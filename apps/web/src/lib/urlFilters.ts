/**
 * Filters kept in the URL (a search can be bookmarked and shared): read from and written to search
 * params in a fixed order, so the same search has the same URL, and edited as a draft that the URL
 * replaces when it changes (back button, a link).
 */
import { useEffect, useState } from "react";

export type UrlFilters<Name extends string> = Partial<Record<Name, string>>;

/** The named params that hold something (trimmed). */
export function filtersFromParams<Name extends string>(params: URLSearchParams, names: readonly Name[]): UrlFilters<Name> {
  const filters: UrlFilters<Name> = {};
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** The filters as search params, in the order of `names`; empty ones left out. */
export function paramsFromFilters<Name extends string>(filters: UrlFilters<Name>, names: readonly Name[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  return params;
}

/** A form's copy of the filters: `set(name)` changes one (empty or null clears it); a new URL resets it. */
export function useFilterDraft<Filters extends Record<string, string | undefined>>(filters: Filters) {
  const [draft, setDraft] = useState<Filters>(filters);
  const key = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized filters stand for them
  useEffect(() => setDraft(filters), [key]);
  const set = (name: keyof Filters) => (value: string | null) => setDraft((current) => ({ ...current, [name]: value || undefined }));
  return { draft, setDraft, set };
}
