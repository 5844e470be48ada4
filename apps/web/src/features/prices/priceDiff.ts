/**
 * What changes between two sets of prices, in the shape prices.history gives its `changes`
 * (`perTrack.unitAmount`, `bundles.<tracks>`, `taxBehavior`, `revenueShareBps`), so the publish
 * dialog and the history say a change the same way. Mirrors the server's prices.diff.ts, which the
 * web app cannot import; the revenue share is left out, as a draft does not choose it.
 */
import type { RouterOutputs } from "../../lib/trpc";

export type PriceBook = RouterOutputs["prices"]["list"][number];
export type PriceVersion = NonNullable<PriceBook["inEffect"]>;
export type PriceHistoryEntry = RouterOutputs["prices"]["history"][number];
export type PriceChange = PriceHistoryEntry["changes"][number];

export interface PriceValues {
  perTrack: { unitAmount: number };
  bundles: readonly { tracks: number; unitAmount: number }[];
  taxBehavior: string;
}

export function diffPrices(before: PriceValues | null, after: PriceValues): PriceChange[] {
  const changes: PriceChange[] = [];
  const compare = (field: string, from: number | string | null, to: number | string | null) => {
    if (from !== to) changes.push({ field, before: from, after: to });
  };
  compare("perTrack.unitAmount", before?.perTrack.unitAmount ?? null, after.perTrack.unitAmount);
  const beforeBundles = new Map((before?.bundles ?? []).map((bundle) => [bundle.tracks, bundle.unitAmount]));
  const afterBundles = new Map(after.bundles.map((bundle) => [bundle.tracks, bundle.unitAmount]));
  const tracks = [...new Set([...beforeBundles.keys(), ...afterBundles.keys()])].sort((a, b) => a - b);
  for (const count of tracks) compare(`bundles.${count}`, beforeBundles.get(count) ?? null, afterBundles.get(count) ?? null);
  compare("taxBehavior", before?.taxBehavior ?? null, after.taxBehavior);
  return changes;
}
