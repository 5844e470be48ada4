/**
 * Amounts and percentages in the chosen language. The currency table of @pc/shared decides the
 * decimals (never Intl's idea of the currency); Intl only places the symbol and the separators.
 */
import {
  type AmountProblemCode,
  amountStep,
  type CurrencyCode,
  currencyInfo,
  formatBpsAsPercent,
  formatMinor,
  formatMinorPlain,
  MAX_MINOR_AMOUNT,
  parseAmount,
} from "@pc/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";

export type ParsedAmount = { ok: true; minor: number } | { ok: false; code: AmountProblemCode; message: string };

export function useMoney() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return useMemo(() => {
    const decimalSeparator: "." | "," = locale.startsWith("nb") ? "," : ".";
    const format = (minor: number, currency: CurrencyCode) => formatMinor(minor, currency, locale);
    const currencyNames = new Intl.DisplayNames([locale], { type: "currency" });

    /** Why a typed amount was refused, in the chosen language. */
    const problem = (code: AmountProblemCode, currency: CurrencyCode, text: string): string => {
      const info = currencyInfo(currency);
      const maximum = MAX_MINOR_AMOUNT - (MAX_MINOR_AMOUNT % amountStep(info));
      return t(`prices.amountErrors.${code}`, {
        currency,
        decimals: info.decimals,
        minimum: format(info.minimumMinor, currency),
        maximum: format(maximum, currency),
        plain: text.trim().replace(/[.,]/, ""),
        example: decimalSeparator === "," ? "149,50" : "149.50",
      });
    };

    return {
      locale,
      decimalSeparator,
      format,
      /** "Norwegian krone", in the chosen language. */
      currencyName: (currency: CurrencyCode) => currencyNames.of(currency) ?? currency,
      /** The amount as it goes into an input: "149,00" in nb, "149.00" in en, no grouping. */
      toInput: (minor: number, currency: CurrencyCode) => formatMinorPlain(minor, currency).replace(".", decimalSeparator),
      /**
       * A typed amount in minor units. The locale's decimal separator first ("1.500" is 1500 in nb);
       * when that reads as no number at all, the other convention ("149.50" typed in nb).
       */
      parse: (text: string, currency: CurrencyCode): ParsedAmount => {
        const preferred = parseAmount(text, currency, { decimalSeparator });
        if (preferred.ok || preferred.code !== "not_a_number") return toParsed(preferred, currency, text);
        const other = parseAmount(text, currency);
        return toParsed(other.ok ? other : preferred, currency, text);
      },
      /** "20 %" / "20,5 %". */
      percent: (bps: number) => formatBpsAsPercent(bps, { decimalSeparator }),
      /** The percentage for an input, without the sign. */
      percentInput: (bps: number) => formatBpsAsPercent(bps, { decimalSeparator, withSign: false }),
    };

    function toParsed(result: ReturnType<typeof parseAmount>, currency: CurrencyCode, text: string): ParsedAmount {
      if (result.ok) return { ok: true, minor: result.minor };
      return { ok: false, code: result.code, message: problem(result.code, currency, text) };
    }
  }, [locale, t]);
}

export type Money = ReturnType<typeof useMoney>;

/** A bundle's price per track, rounded half-up to the currency's smallest step. */
export function perTrackOf(bundleMinor: number, tracks: number, currency: CurrencyCode): { minor: number; exact: boolean } {
  const step = amountStep(currencyInfo(currency));
  const steps = Math.floor((bundleMinor * 2 + tracks * step) / (2 * tracks * step));
  return { minor: steps * step, exact: bundleMinor % tracks === 0 && (bundleMinor / tracks) % step === 0 };
}
