import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkMinorAmount, formatMinor, formatMinorPlain, parseAmount } from "./amounts.js";
import { CURRENCY_CODES, currencyInfo } from "./currencies.js";

const minorOf = (input: string, currency: Parameters<typeof parseAmount>[1] = "NOK", options?: Parameters<typeof parseAmount>[2]) => {
  const result = parseAmount(input, currency, options);
  return result.ok ? result.minor : result.code;
};
const messageOf = (input: string, currency: Parameters<typeof parseAmount>[1] = "NOK", options?: Parameters<typeof parseAmount>[2]) => {
  const result = parseAmount(input, currency, options);
  return result.ok ? `ok ${result.minor}` : result.message;
};

describe("parseAmount", () => {
  it.each([
    ["149", 14900],
    ["149.00", 14900],
    ["149,5", 14950],
    ["149,50", 14950],
    ["  149.5 ", 14950],
    ["1 499,50", 149950],
    ["1\u00a0499,50", 149950],
    ["1\u202f499,50", 149950],
    ["1.499,50", 149950],
    ["1,499.50", 149950],
    ["1'499.50", 149950],
    ["100 000", 10000000],
    ["100.000.000", "above_maximum"],
    ["1.000.000", "above_maximum"],
    ["10 000,00", 1000000],
    ["10.000", "ambiguous_separator"],
    ["10.000.000", "above_maximum"],
    ["100,000,0", "not_a_number"],
    ["10.000.00", "not_a_number"],
    ["1.000.000,5", "above_maximum"],
    ["100.000,5", 10000050],
    ["100,000.5", 10000050],
    ["100,000,00", "not_a_number"],
    ["149,-", 14900],
    [".50", 50],
    ["0003", 300],
    ["999 999,99", 99999999],
  ])("reads %j as %s øre", (input, minor) => {
    expect(minorOf(input, "NOK", { enforceMinimum: false })).toBe(minor);
  });

  it("uses the currency's decimals", () => {
    expect(minorOf("1500", "JPY")).toBe(1500);
    expect(minorOf("1,500", "JPY")).toBe(1500); // no decimals in yen, so the comma can only group thousands
    expect(minorOf("1.000.000", "JPY")).toBe(1000000);
    expect(minorOf("1,000,000", "JPY")).toBe(1000000);
    expect(minorOf("1500", "ISK")).toBe(150000);
    expect(minorOf("0.50", "EUR")).toBe(50);
    expect(minorOf("175", "HUF")).toBe(17500);
  });

  it("honours the locale's decimal separator", () => {
    expect(minorOf("3,5", "NOK", { decimalSeparator: "," })).toBe(350);
    expect(minorOf("1,500", "NOK", { decimalSeparator: "," })).toBe("too_many_decimals");
    expect(minorOf("1.500", "NOK", { decimalSeparator: "," })).toBe(150000);
    expect(minorOf("1,500", "NOK", { decimalSeparator: "." })).toBe(150000);
    expect(minorOf("1 499,50", "NOK", { decimalSeparator: "," })).toBe(149950);
    expect(minorOf("149,50", "NOK", { decimalSeparator: "." })).toBe("not_a_number");
    expect(minorOf("1,499.50", "NOK", { decimalSeparator: "," })).toBe("not_a_number");
  });

  it("refuses a lone separator before three digits rather than guess", () => {
    expect(minorOf("1,500")).toBe("ambiguous_separator");
    expect(minorOf("1.500")).toBe("ambiguous_separator");
    expect(messageOf("1.500")).toBe('"1.500" is ambiguous: write 1500 for thousands, or give 2 decimals for a fraction');
  });

  it.each([
    ["", "Enter an amount"],
    ["   ", "Enter an amount"],
    ["-5", "Amount cannot be negative"],
    ["\u22125", "Amount cannot be negative"],
    ["abc", "Amount must be a number, like 149 or 149.50"],
    ["kr 149", "Amount must be a number, like 149 or 149.50"],
    ["1e3", "Amount must be a number, like 149 or 149.50"],
    ["+5", "Amount must be a number, like 149 or 149.50"],
    [".", "Amount must be a number, like 149 or 149.50"],
    ["1.2.3,4", "Amount must be a number, like 149 or 149.50"],
    ["1 49 9", "Amount must be a number, like 149 or 149.50"],
    ["14 99", "Amount must be a number, like 149 or 149.50"],
    ["149,5 0", "Amount must be a number, like 149 or 149.50"],
    ["Infinity", "Amount must be a number, like 149 or 149.50"],
    ["149.5050", "NOK amounts have at most 2 decimals"],
    ["1.499,505", "NOK amounts have at most 2 decimals"],
    ["149.5000", "NOK amounts have at most 2 decimals"],
    ["2.99", "Amount is below the NOK minimum of 3.00"],
    ["0", "Amount is below the NOK minimum of 3.00"],
    ["1 000 000", "Amount is above the NOK maximum of 999999.99"],
    ["99999999999999999999999", "Amount is above the NOK maximum of 999999.99"],
  ])("refuses %j: %s", (input, message) => {
    expect(messageOf(input)).toBe(message);
  });

  it("names the currency's rules in its refusals", () => {
    expect(messageOf("1500.5", "JPY")).toBe("JPY amounts are whole numbers, without decimals");
    expect(messageOf("1500,00", "ISK")).toBe("ISK amounts are whole numbers, without decimals");
    expect(messageOf("0.29", "GBP")).toBe("Amount is below the GBP minimum of 0.30");
    expect(messageOf("0.30", "GBP")).toBe("ok 30");
    expect(messageOf("49", "JPY")).toBe("Amount is below the JPY minimum of 50");
    expect(messageOf("99", "ISK")).toBe("Amount is below the ISK minimum of 100");
    expect(messageOf("1000000", "JPY")).toBe("ok 1000000");
    expect(messageOf("100000000", "JPY")).toBe("Amount is above the JPY maximum of 99999999");
    expect(messageOf("1000000", "ISK")).toBe("Amount is above the ISK maximum of 999999");
  });

  it("reads back every amount it prints", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCY_CODES), fc.integer({ min: 0, max: 99_999_999 }), (currency, raw) => {
        const info = currencyInfo(currency);
        const step = 10 ** (info.exponent - info.decimals);
        const minor = raw - (raw % step);
        expect(minorOf(formatMinorPlain(minor, currency), currency, { decimalSeparator: ".", enforceMinimum: false })).toBe(minor);
        expect(
          minorOf(formatMinorPlain(minor, currency).replace(".", ","), currency, { decimalSeparator: ",", enforceMinimum: false }),
        ).toBe(minor);
      }),
    );
  });
});

describe("checkMinorAmount", () => {
  it("accepts the minimum and the maximum, and refuses just outside", () => {
    expect(checkMinorAmount(300, "NOK")).toBeNull();
    expect(checkMinorAmount(299, "NOK")?.message).toBe("Amount is below the NOK minimum of 3.00");
    expect(checkMinorAmount(99_999_999, "NOK")).toBeNull();
    expect(checkMinorAmount(100_000_000, "NOK")?.code).toBe("above_maximum");
    expect(checkMinorAmount(299, "NOK", { enforceMinimum: false })).toBeNull();
  });

  it("refuses fractions, negatives and off-step amounts", () => {
    expect(checkMinorAmount(300.5, "NOK")?.code).toBe("not_a_number");
    expect(checkMinorAmount(Number.NaN, "NOK")?.code).toBe("not_a_number");
    expect(checkMinorAmount(-300, "NOK")?.code).toBe("negative");
    expect(checkMinorAmount(150050, "ISK")?.message).toBe("ISK amounts must be whole units");
    expect(checkMinorAmount(150000, "ISK")).toBeNull();
  });
});

describe("formatting", () => {
  it("prints exact plain decimals from the table's exponent", () => {
    expect(formatMinorPlain(149950, "NOK")).toBe("1499.50");
    expect(formatMinorPlain(5, "EUR")).toBe("0.05");
    expect(formatMinorPlain(0, "USD")).toBe("0.00");
    expect(formatMinorPlain(-250, "DKK")).toBe("-2.50");
    expect(formatMinorPlain(1500, "JPY")).toBe("1500");
    expect(formatMinorPlain(150000, "ISK")).toBe("1500");
    expect(formatMinorPlain(150050, "ISK")).toBe("1500.50"); // off-step: shown, not hidden
    expect(formatMinorPlain(Number.MAX_SAFE_INTEGER, "NOK")).toBe("90071992547409.91");
    expect(() => formatMinorPlain(1.5, "NOK")).toThrow(RangeError);
  });

  it("formats for a locale with Intl, using our decimals", () => {
    const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
    expect(spaces(formatMinor(149950, "NOK", "nb-NO"))).toBe("1 499,50 kr");
    expect(formatMinor(149950, "USD", "en-US")).toBe("$1,499.50");
    expect(formatMinor(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(spaces(formatMinor(150000, "ISK", "en-US"))).toBe("ISK 1,500");
    expect(formatMinor(30, "GBP", "en-GB")).toBe("£0.30");
    expect(spaces(formatMinor(Number.MAX_SAFE_INTEGER, "EUR", "de-DE"))).toBe("90.071.992.547.409,91 €");
  });
});
