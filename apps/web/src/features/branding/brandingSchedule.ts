/**
 * The rules for versions scheduled for later, as the server applies them: a new version (publish
 * or rollback) must take effect after the last one scheduled, and a scheduled version that changes
 * the "powered by" flag from the version before it is operator staff's to withdraw.
 */
import type { BrandingFieldChange, BrandingState, BrandingVersionView } from "./branding.types";
import { diffBranding } from "./brandingDiff";

/** The version a new one has to come after, if any is scheduled (the list is soonest first). */
export function lastScheduled(state: BrandingState): BrandingVersionView | null {
  return state.scheduled.at(-1) ?? null;
}

/** The version in effect just before `version` takes effect: the scheduled one before it, or the one in effect now. */
export function previousOf(state: BrandingState, version: BrandingVersionView): BrandingVersionView | null {
  const index = state.scheduled.findIndex((entry) => entry.id === version.id);
  return (index > 0 ? state.scheduled[index - 1] : undefined) ?? state.inEffect;
}

/** Whether the version turns "Powered by Masterchannel" on or off (the first version counts against "on"). */
export function changesPoweredBy(state: BrandingState, version: BrandingVersionView): boolean {
  return (previousOf(state, version)?.poweredBy ?? true) !== version.poweredBy;
}

/** What a scheduled version changes against the one before it, in the history's field names. */
export function scheduledChanges(state: BrandingState, version: BrandingVersionView): BrandingFieldChange[] {
  const previous = previousOf(state, version);
  const changes = diffBranding(previous, version);
  if (changesPoweredBy(state, version)) changes.push({ field: "poweredBy", before: previous?.poweredBy ?? true, after: version.poweredBy });
  return changes;
}

/** Whether this person may withdraw the version: an editor, and for a "powered by" change operator staff too. */
export function mayWithdraw(state: BrandingState, version: BrandingVersionView, can: { edit: boolean; setPoweredBy: boolean }): boolean {
  if (!can.edit) return false;
  return changesPoweredBy(state, version) ? can.setPoweredBy : true;
}

/** ISO timestamps in a server sentence ("…scheduled for 2026-11-01T09:00:00.000Z…"), shown as the reader's dates. */
export function withLocalDates(message: string, formatDateTime: (value: string) => string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (iso) => formatDateTime(iso));
}
