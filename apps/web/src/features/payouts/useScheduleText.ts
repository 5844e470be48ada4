/** A payout schedule in words: "Daily, 7 days after payment", "Weekly on Monday", "Manual". */
import type { PayoutSchedule } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";

const WEEKDAY_INDEX: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

export function useScheduleText() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return (schedule: PayoutSchedule): string => {
    const delay = t("payouts.schedule.delay", { count: schedule.delayDays });
    switch (schedule.interval) {
      case "manual":
        return t("payouts.schedule.manual");
      case "daily":
        return `${t("payouts.schedule.daily")}, ${delay}`;
      case "weekly": {
        const index = WEEKDAY_INDEX[(schedule.weeklyAnchor ?? "").toLowerCase()];
        // 4 January 1970 was a Sunday.
        const day = index === undefined ? (schedule.weeklyAnchor ?? "") : weekday.format(new Date(Date.UTC(1970, 0, 4 + index)));
        return `${t("payouts.schedule.weekly", { day })}, ${delay}`;
      }
      case "monthly":
        return `${t("payouts.schedule.monthly", { day: schedule.monthlyAnchor ?? 1 })}, ${delay}`;
      default:
        return schedule.interval;
    }
  };
}
