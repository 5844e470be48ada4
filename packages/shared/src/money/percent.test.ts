import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBpsAsPercent, parsePercentToBps } from "./percent.js";

const bpsOf = (input: string) => {
  const result = parsePercentToBps(input);
  return result.ok ? result.bps : result.code;
};

describe("parsePercentToBps", () => {
  it.each([
    ["20", 2000],
    ["20,5", 2050],
    ["20.5", 2050],
    ["20.55", 2055],
    ["20,05", 2005],
    [" 20 % ", 2000],
    ["20%", 2000],
    ["0", 0],
    ["0.01", 1],
    [",5", 50],
    ["5.", 500],
    ["100", 10000],
    ["100,00", 10000],
    ["007", 700],
  ])("reads %j as %s bps", (input, bps) => {
    expect(bpsOf(input)).toBe(bps);
  });

  it.each([
    ["", "empty"],
    [" % ", "empty"],
    ["-1", "negative"],
    ["\u22125", "negative"],
    ["abc", "not_a_number"],
    ["20,5,5", "not_a_number"],
    ["1 000", "not_a_number"],
    [".", "not_a_number"],
    ["20.555", "too_many_decimals"],
    ["100.01", "above_maximum"],
    ["101", "above_maximum"],
    ["99999999999999999999", "above_maximum"],
  ])("refuses %j (%s)", (input, code) => {
    expect(bpsOf(input)).toBe(code);
  });

  it("says what is wrong in words", () => {
    const result = parsePercentToBps("20.555");
    expect(result.ok ? "" : result.message).toBe("Percentage has at most 2 decimals (1 basis point is 0.01 %)");
  });
});

describe("formatBpsAsPercent", () => {
  it.each([
    [2050, "20.5\u00a0%"],
    [2000, "20\u00a0%"],
    [2055, "20.55\u00a0%"],
    [2005, "20.05\u00a0%"],
    [1, "0.01\u00a0%"],
    [0, "0\u00a0%"],
    [10000, "100\u00a0%"],
  ])("shows %s bps as %j", (bps, text) => {
    expect(formatBpsAsPercent(bps)).toBe(text);
  });

  it("uses the locale's decimal separator and can leave out the sign", () => {
    expect(formatBpsAsPercent(2050, { decimalSeparator: "," })).toBe("20,5\u00a0%");
    expect(formatBpsAsPercent(2050, { withSign: false })).toBe("20.5");
  });

  it("refuses what is not a whole number of basis points", () => {
    expect(() => formatBpsAsPercent(20.5)).toThrow(RangeError);
  });

  it("reads back what it writes, in either locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom<"." | ",">(".", ","), (bps, decimalSeparator) => {
        expect(bpsOf(formatBpsAsPercent(bps, { decimalSeparator }))).toBe(bps);
      }),
      { numRuns: 2000 },
    );
  });
});
