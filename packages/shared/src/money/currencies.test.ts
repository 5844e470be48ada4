import { describe, expect, it } from "vitest";
import { amountStep, CURRENCY_CODES, type CurrencyCode, currencyInfo, isCurrencyCode, MAX_MINOR_AMOUNT } from "./currencies.js";

describe("currency table", () => {
  it("holds the currencies price books need", () => {
    for (const code of ["NOK", "EUR", "USD", "GBP", "SEK", "DKK", "CHF"]) expect(CURRENCY_CODES).toContain(code);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it.each(CURRENCY_CODES)("has a sane row for %s", (code) => {
    const info = currencyInfo(code);
    expect(info.code).toBe(code);
    expect(code).toMatch(/^[A-Z]{3}$/);
    expect(Number.isInteger(info.exponent) && info.exponent >= 0 && info.exponent <= 3).toBe(true);
    expect(Number.isInteger(info.decimals) && info.decimals >= 0 && info.decimals <= info.exponent).toBe(true);
    expect(Number.isInteger(info.minimumMinor) && info.minimumMinor > 0).toBe(true);
    expect(info.minimumMinor % amountStep(info)).toBe(0);
    expect(info.minimumMinor).toBeLessThan(MAX_MINOR_AMOUNT);
    expect(Object.isFrozen(info)).toBe(true);
  });

  // Checked against https://docs.stripe.com/currencies on 2026-11-30: "Minimum charge amount by
  // currency", "Zero-decimal currencies", "Special cases" and "Maximum charge amounts".
  it("carries Stripe's minimum charge amounts and exponents", () => {
    const rows = Object.fromEntries(
      CURRENCY_CODES.map((code) => {
        const { exponent, decimals, minimumMinor } = currencyInfo(code);
        return [code, { exponent, decimals, minimumMinor }];
      }),
    );
    expect(rows).toEqual({
      NOK: { exponent: 2, decimals: 2, minimumMinor: 300 }, // 3.00 NOK
      EUR: { exponent: 2, decimals: 2, minimumMinor: 50 }, // 0.50 EUR
      USD: { exponent: 2, decimals: 2, minimumMinor: 50 }, // 0.50 USD
      GBP: { exponent: 2, decimals: 2, minimumMinor: 30 }, // 0.30 GBP
      SEK: { exponent: 2, decimals: 2, minimumMinor: 300 }, // 3.00 SEK
      DKK: { exponent: 2, decimals: 2, minimumMinor: 250 }, // 2.50 DKK
      CHF: { exponent: 2, decimals: 2, minimumMinor: 50 }, // 0.50 CHF
      PLN: { exponent: 2, decimals: 2, minimumMinor: 200 }, // 2.00 PLN
      CZK: { exponent: 2, decimals: 2, minimumMinor: 1500 }, // 15.00 CZK
      HUF: { exponent: 2, decimals: 2, minimumMinor: 17500 }, // 175.00 HUF
      ISK: { exponent: 2, decimals: 0, minimumMinor: 10000 }, // no Stripe row: our floor, 100 kr
      JPY: { exponent: 0, decimals: 0, minimumMinor: 50 }, // 50 JPY, zero-decimal
      AUD: { exponent: 2, decimals: 2, minimumMinor: 50 }, // 0.50 AUD
      CAD: { exponent: 2, decimals: 2, minimumMinor: 50 }, // 0.50 CAD
    });
  });

  it("marks only the minimum Stripe does not list as ours", () => {
    expect(CURRENCY_CODES.filter((code) => currencyInfo(code).minimumIsEstimate)).toEqual(["ISK"]);
  });

  it("follows Stripe's special cases rather than Intl", () => {
    // ISK: Intl gives no decimals; Stripe's API still counts hundredths, in whole krónur only
    // (5 ISK is `500`).
    expect(currencyInfo("ISK")).toMatchObject({ exponent: 2, decimals: 0 });
    expect(amountStep(currencyInfo("ISK"))).toBe(100);
    // HUF: Intl gives no decimals; Stripe charges two (only manual payouts are whole forints).
    expect(currencyInfo("HUF")).toMatchObject({ exponent: 2, decimals: 2 });
    expect(amountStep(currencyInfo("HUF"))).toBe(1);
    expect(amountStep(currencyInfo("JPY"))).toBe(1);
  });

  it("caps amounts at Stripe's eight-digit limit for non-card payment methods", () => {
    expect(MAX_MINOR_AMOUNT).toBe(99_999_999);
  });

  it("refuses codes it does not know", () => {
    expect(isCurrencyCode("NOK")).toBe(true);
    expect(isCurrencyCode("nok")).toBe(false);
    expect(isCurrencyCode("toString")).toBe(false);
    // A caller outside the type system (parsed JSON, say) can still hand in an unknown code.
    expect(() => currencyInfo("XXX" as CurrencyCode)).toThrow(/Unsupported currency/);
  });
});
