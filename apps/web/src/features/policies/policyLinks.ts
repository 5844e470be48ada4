/** Addresses of the policy pages; tabs and choices live in the search params. */
import type { PolicyKind } from "@pc/shared";

export const documentHref = (kind: PolicyKind, tab?: string) => `/policies/${kind}${tab ? `?tab=${tab}` : ""}`;
export const versionHref = (kind: PolicyKind, version: string) => `/policies/${kind}/${encodeURIComponent(version)}`;
export const compareHref = (kind: PolicyKind, from: string, to: string) =>
  `/policies/${kind}/compare?${new URLSearchParams({ from, to }).toString()}`;
