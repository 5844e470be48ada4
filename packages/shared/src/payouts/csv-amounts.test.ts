import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CURRENCY_CODES } from "../money/currencies.js";
import { formatMinorForCsv } from "./csv-amounts.js";

describe("formatMinorForCsv", () => {
  it.each([
    [123450, "NOK", false, "1234.50"],
    [123450, "NOK", true, "1234,50"],
    [1234, "JPY", false, "1234"],
    [1234, "JPY", true, "1234"],
    [123400, "ISK", true, "1234"],
    [-1200, "NOK", false, "-12.00"],
    [-1200, "EUR", true, "-12,00"],
    [5, "USD", false, "0.05"],
    [0, "GBP", true, "0,00"],
    [99_999_999_900, "NOK", false, "999999999.00"],
  ] as const)("%s %s (decimal comma %s) is %s", (amount, currency, decimalComma, text) => {
    expect(formatMinorForCsv(amount, currency, { decimalComma })).toBe(text);
  });

  it("has no grouping or symbol, and reads back as the same number", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.constantFrom(...CURRENCY_CODES),
        fc.boolean(),
        (amount, currency, comma) => {
          const text = formatMinorForCsv(amount, currency, { decimalComma: comma });
          expect(text).toMatch(comma ? /^-?[0-9]+(,[0-9]+)?$/ : /^-?[0-9]+(\.[0-9]+)?$/);
          const [whole = "", fraction = ""] = text.replace("-", "").split(/[.,]/);
          const exponent = currency === "JPY" ? 0 : 2;
          expect(BigInt(whole + fraction.padEnd(exponent, "0")) * (amount < 0 ? -1n : 1n)).toBe(BigInt(amount));
        },
      ),
    );
  });

  it("refuses an amount that is not a safe integer", () => {
    expect(() => formatMinorForCsv(1.5, "NOK")).toThrow(RangeError);
  });
});
