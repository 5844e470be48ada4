/** Periods (UTC days, ISO weeks, months) and opt-in rates in the user's language. */
import type { StatsGranularity } from "@pc/shared";
import { useMemo } from "react";
import { useFormat } from "../../lib/format";
import type { StatsBucketRow } from "./consentStats.types";

const asUtc = (day: string) => new Date(`${day}T00:00:00Z`);

export function useStatsFormat(granularity: StatsGranularity) {
  const format = useFormat();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeZone: "UTC" });
    const month = new Intl.DateTimeFormat(format.locale, { month: "short", year: "numeric", timeZone: "UTC" });
    const percent = new Intl.NumberFormat(format.locale, { style: "percent", maximumFractionDigits: 1 });
    return {
      number: format.number,
      day: (value: string) => day.format(asUtc(value)),
      /** "23 Feb 2026", "23 Feb 2026 – 1 Mar 2026" (a week, cut to the range), "Feb 2026". */
      period: (bucket: StatsBucketRow) => {
        if (granularity === "day") return day.format(asUtc(bucket.start));
        if (granularity === "month") return month.format(asUtc(bucket.start));
        return day.formatRange(asUtc(bucket.from), asUtc(bucket.to));
      },
      /** A share (0 to 1) as a percentage. */
      percent: (share: number) => percent.format(share),
    };
  }, [format, granularity]);
}
