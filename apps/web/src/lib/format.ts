/** Dates and numbers in the chosen language, through Intl. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { localeOf } from "../i18n";

export type DateLike = Date | string | number;

function toDate(value: DateLike): Date {
  return value instanceof Date ? value : new Date(value);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const precise = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    return {
      locale,
      dateTime: (value: DateLike) => dateTime.format(toDate(value)),
      date: (value: DateLike) => date.format(toDate(value)),
      preciseDateTime: (value: DateLike) => precise.format(toDate(value)),
      number: (value: number) => number.format(value),
      /** "3 minutes ago", "in 2 days". */
      fromNow: (value: DateLike) => {
        let amount = (toDate(value).getTime() - Date.now()) / 1000;
        for (const [unit, size] of RELATIVE_STEPS) {
          if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
          amount /= size;
        }
        return relative.format(Math.round(amount), "year");
      },
    };
  }, [locale]);
}
