/** How a price book version is shown: the view the procedures answer and the snapshot the audit trail keeps. */
import type { priceBookVersions } from "@pc/db";
import { type CurrencyCode, marginPreview } from "@pc/shared";

export type VersionRow = typeof priceBookVersions.$inferSelect;
// ---------------------------------------------------------------------------------------------
// Views

export function priceView(row: VersionRow) {
  const currency = row.currency as CurrencyCode;
  const margin = (gross: number) => marginPreview({ gross, currency, revenueShareBps: row.revenueShareBps });
  return {
    id: row.id,
    currency,
    status: row.status,
    version: row.version,
    revision: row.revision,
    perTrack: { unitAmount: row.perTrackAmount, margin: margin(row.perTrackAmount) },
    bundles: row.bundles.map((bundle) => ({ tracks: bundle.tracks, unitAmount: bundle.unitAmount, margin: margin(bundle.unitAmount) })),
    taxBehavior: row.taxBehavior,
    revenueShareBps: row.revenueShareBps,
    effectiveFrom: row.effectiveFrom,
    basedOnVersion: row.basedOnVersion,
    changeSummary: row.changeSummary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    cancelledAt: row.cancelledAt,
  };
}
export type PriceVersionView = ReturnType<typeof priceView>;

/** What the audit trail keeps of a version: its values, with dates as ISO strings. */
export function snapshot(row: VersionRow | null | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    currency: row.currency,
    status: row.status,
    version: row.version,
    revision: row.revision,
    perTrackAmount: row.perTrackAmount,
    bundles: row.bundles,
    taxBehavior: row.taxBehavior,
    revenueShareBps: row.revenueShareBps,
    effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
    basedOnVersion: row.basedOnVersion,
    changeSummary: row.changeSummary,
  };
}
