/**
 * How long something took, in the chosen language's digits with the SI symbol: "340 ms", "1.2 s",
 * "1,2 s". Intl's unit style would say "1.2 secs" in British English, and differs between ICU builds.
 */
import { useFormat } from "../../lib/format";

const NBSP = "\u00a0";

export function useDuration() {
  const { locale } = useFormat();
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const tenths = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (ms: number) => (ms < 1000 ? `${whole.format(ms)}${NBSP}ms` : `${tenths.format(ms / 1000)}${NBSP}s`);
}
