/**
 * The time buckets of consent statistics: UTC days, ISO weeks (Monday to Sunday) and calendar
 * months. A bucket is named by its natural first day; the first and last may be cut by the range.
 */
import type { StatsGranularity } from "../schemas/consent-stats.js";

const DAY_MS = 86_400_000;

export interface StatsBucket {
  /** The bucket's natural first day (a Monday for weeks, the 1st for months), YYYY-MM-DD. */
  start: string;
  /** The days of the range it covers, both included. */
  from: string;
  to: string;
}

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const timeOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The first day of the bucket `day` falls in. */
export function bucketStart(day: string, granularity: StatsGranularity): string {
  if (granularity === "day") return day;
  if (granularity === "month") return `${day.slice(0, 7)}-01`;
  const time = timeOf(day);
  const sinceMonday = (new Date(time).getUTCDay() + 6) % 7;
  return dayOf(time - sinceMonday * DAY_MS);
}

/** The first day after the bucket starting at `start`. */
function nextBucket(start: string, granularity: StatsGranularity): string {
  if (granularity === "day") return dayOf(timeOf(start) + DAY_MS);
  if (granularity === "week") return dayOf(timeOf(start) + 7 * DAY_MS);
  const date = new Date(timeOf(start));
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** Every bucket from `from` to `to` (UTC days, both included), in order. */
export function statsBuckets(from: string, to: string, granularity: StatsGranularity): StatsBucket[] {
  const buckets: StatsBucket[] = [];
  for (let start = bucketStart(from, granularity); start <= to; start = nextBucket(start, granularity)) {
    const next = nextBucket(start, granularity);
    const last = dayOf(timeOf(next) - DAY_MS);
    buckets.push({ start, from: start < from ? from : start, to: last > to ? to : last });
  }
  return buckets;
}
