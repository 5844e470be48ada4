import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAmountInput, ZCurrency, ZMinorAmount, ZPriceAmount, ZRevenueShareBps, ZTaxBehavior } from "./schemas.js";

const issues = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);

describe("money schemas", () => {
  it("accepts only the table's currency codes", () => {
    expect(ZCurrency.parse("NOK")).toBe("NOK");
    for (const bad of ["nok", "XXX", "", 578])
      expect(issues(ZCurrency.safeParse(bad))[0]?.[1]).toMatch(/^Currency must be one of NOK, EUR/);
  });

  it("checks a minor amount against the currency's minimum and maximum, by name", () => {
    const nok = ZMinorAmount("NOK");
    expect(nok.parse(300)).toBe(300);
    expect(issues(nok.safeParse(299))).toEqual([["", "Amount is below the NOK minimum of 3.00"]]);
    expect(issues(nok.safeParse(100_000_000))).toEqual([["", "Amount is above the NOK maximum of 999999.99"]]);
    expect(issues(nok.safeParse(300.5))).toEqual([["", "Amount must be a whole number of minor units"]]);
    expect(issues(nok.safeParse("300"))).toEqual([["", "Amount must be a number"]]);
    expect(issues(ZMinorAmount("JPY").safeParse(49))).toEqual([["", "Amount is below the JPY minimum of 50"]]);
  });

  it("reads typed amounts into minor units", () => {
    expect(ZAmountInput("NOK").parse("1 499,50")).toBe(149950);
    expect(ZAmountInput("NOK", { decimalSeparator: "," }).parse("1.500")).toBe(150000);
    expect(issues(ZAmountInput("NOK").safeParse("149.505"))[0]?.[1]).toMatch(/ambiguous/);
    expect(issues(ZAmountInput("EUR").safeParse("0,4999"))).toEqual([["", "EUR amounts have at most 2 decimals"]]);
  });

  it("checks an amount against the currency beside it, and names the field", () => {
    expect(ZPriceAmount.parse({ currency: "GBP", unitAmount: 30 })).toEqual({ currency: "GBP", unitAmount: 30 });
    expect(issues(ZPriceAmount.safeParse({ currency: "GBP", unitAmount: 29 }))).toEqual([
      ["unitAmount", "Amount is below the GBP minimum of 0.30"],
    ]);
    expect(issues(ZPriceAmount.safeParse({ currency: "NOK", unitAmount: 30 }))).toEqual([
      ["unitAmount", "Amount is below the NOK minimum of 3.00"],
    ]);
  });

  it("takes a revenue share in whole basis points from 0 to 100 %", () => {
    expect(ZRevenueShareBps.parse(0)).toBe(0);
    expect(ZRevenueShareBps.parse(10_000)).toBe(10_000);
    for (const bad of [-1, 10_001, 12.5, "2000", null]) {
      const [issue] = issues(ZRevenueShareBps.safeParse(bad));
      expect(issue?.[1], String(bad)).toMatch(/basis points from 0 to 10000 \(0 % to 100 %/);
    }
  });

  it("knows the two tax behaviours", () => {
    expect(ZTaxBehavior.parse("inclusive")).toBe("inclusive");
    expect(ZTaxBehavior.parse("exclusive")).toBe("exclusive");
    expect(issues(ZTaxBehavior.safeParse("included"))).toEqual([["", 'Tax behaviour must be "inclusive" or "exclusive"']]);
  });
});
