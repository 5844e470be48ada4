// Simulator time: the wall clock plus an offset that control calls move. Every `created`,
// `available_on` and `arrival_date` comes from here.

export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

export function toUnix(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The next UTC midnight strictly after `ms`. */
export function nextMidnight(ms: number): number {
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS;

export function weekdayName(ms: number): string {
  return WEEKDAYS[new Date(ms).getUTCDay()] ?? "sunday";
}

/** Stripe pays a monthly_anchor of 29–31 on the month's last day in shorter months. */
export function isMonthlyAnchorDay(ms: number, anchor: number): boolean {
  const date = new Date(ms);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return date.getUTCDate() === Math.min(anchor, lastDay);
}
