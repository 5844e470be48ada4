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

  it("follows Stripe rather than Intl where they differ", () => {
    expect(currencyInfo("JPY")).toMatchObject({ exponent: 0, decimals: 0, minimumMinor: 50 });
    // Intl gives ISK no decimals; Stripe's API still counts hundredths, in whole krónur only.
    expect(currencyInfo("ISK")).toMatchObject({ exponent: 2, decimals: 0, minimumIsEstimate: true });
    expect(amountStep(currencyInfo("ISK"))).toBe(100);
    expect(currencyInfo("HUF")).toMatchObject({ exponent: 2, decimals: 2, minimumMinor: 17500 });
  });

  it("carries Stripe's minimum charge amounts", () => {
    const minimums = Object.fromEntries(CURRENCY_CODES.map((code) => [code, currencyInfo(code).minimumMinor]));
    expect(minimums).toMatchObject({ USD: 50, EUR: 50, GBP: 30, NOK: 300, SEK: 300, DKK: 250, CHF: 50, JPY: 50 });
    expect(CURRENCY_CODES.filter((code) => currencyInfo(code).minimumIsEstimate)).toEqual(["ISK"]);
  });

  it("refuses codes it does not know", () => {
    expect(isCurrencyCode("NOK")).toBe(true);
    expect(isCurrencyCode("nok")).toBe(false);
    expect(isCurrencyCode("toString")).toBe(false);
    // A caller outside the type system (parsed JSON, say) can still hand in an unknown code.
    expect(() => currencyInfo("XXX" as CurrencyCode)).toThrow(/Unsupported currency/);
  });
});
