/**
 * Policy dates as people read them on a policy: numeric, in the chosen language's convention
 * (nb → 12.02.2026, en → 12/02/2026), with the time where it matters (a scheduled version).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { localeOf } from "../../i18n";
import type { DateLike } from "../../lib/format";

const toDate = (value: DateLike) => (value instanceof Date ? value : new Date(value));

export function usePolicyDates() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric" });
    const dateTime = new Intl.DateTimeFormat(locale, {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    return {
      /** 12.02.2026 */
      date: (value: DateLike) => date.format(toDate(value)),
      /** 12.02.2026, 09:00 */
      dateTime: (value: DateLike) => dateTime.format(toDate(value)),
      /** The date alone at midnight, else the date and time: effective times are usually whole days. */
      effective: (value: DateLike) => {
        const at = toDate(value);
        return at.getHours() === 0 && at.getMinutes() === 0 ? date.format(at) : dateTime.format(at);
      },
    };
  }, [locale]);
}
