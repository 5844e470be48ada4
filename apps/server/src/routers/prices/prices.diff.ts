/**
 * The field-by-field difference between two versions of a price book, for the history view.
 * Pure: it reads two versions' values and lists what changed, with before and after.
 */

export interface PriceValues {
  perTrackAmount: number;
  bundles: readonly { tracks: number; unitAmount: number }[];
  taxBehavior: string;
  revenueShareBps: number;
}

/**
 * One changed field. Bundles are keyed by their number of tracks (`bundles.5` is the bundle of
 * five tracks), so reordering them is no change; an added bundle has `before: null`, a removed one
 * `after: null`.
 */
export interface PriceFieldChange {
  field: string;
  before: number | string | null;
  after: number | string | null;
}

/** What changed from `before` (null for the first version: every field is new) to `after`. */
export function diffPriceVersions(before: PriceValues | null, after: PriceValues): PriceFieldChange[] {
  const changes: PriceFieldChange[] = [];
  const compare = (field: string, from: number | string | null, to: number | string | null) => {
    if (from !== to) changes.push({ field, before: from, after: to });
  };
  compare("perTrack.unitAmount", before?.perTrackAmount ?? null, after.perTrackAmount);
  const beforeBundles = new Map((before?.bundles ?? []).map((bundle) => [bundle.tracks, bundle.unitAmount]));
  const afterBundles = new Map(after.bundles.map((bundle) => [bundle.tracks, bundle.unitAmount]));
  const tracks = [...new Set([...beforeBundles.keys(), ...afterBundles.keys()])].sort((a, b) => a - b);
  for (const count of tracks) compare(`bundles.${count}`, beforeBundles.get(count) ?? null, afterBundles.get(count) ?? null);
  compare("taxBehavior", before?.taxBehavior ?? null, after.taxBehavior);
  compare("revenueShareBps", before?.revenueShareBps ?? null, after.revenueShareBps);
  return changes;
}
