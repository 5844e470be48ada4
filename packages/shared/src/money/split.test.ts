import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CURRENCY_CODES } from "./currencies.js";
import { ZStripeFeeModel } from "./schemas.js";
import { applyBpsHalfUp, DEFAULT_STRIPE_FEE_MODELS, estimateStripeFee, marginPreview, splitRevenue } from "./split.js";

const gross = fc.integer({ min: 0, max: 10 ** 12 });
const share = fc.integer({ min: 0, max: 10_000 });
const runs = { numRuns: 2000 };

describe("splitRevenue", () => {
  it("always adds up to the gross, with neither part negative", () => {
    fc.assert(
      fc.property(gross, share, (g, s) => {
        const { platformFee, partnerShare } = splitRevenue(g, s);
        expect(Number.isSafeInteger(platformFee) && Number.isSafeInteger(partnerShare)).toBe(true);
        expect(platformFee + partnerShare).toBe(g);
        expect(platformFee).toBeGreaterThanOrEqual(0);
        expect(partnerShare).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it("rounds the partner share down: at most, and less than one minor unit under, gross × (10 000 − share) ÷ 10 000", () => {
    fc.assert(
      fc.property(fc.oneof(gross, fc.maxSafeNat()), share, (g, s) => {
        const { partnerShare, platformFee } = splitRevenue(g, s);
        // 0 ≤ exact − partnerShare < 1, times 10 000 in exact integers (g × 10 000 exceeds the safe range).
        const shortfall = BigInt(g) * BigInt(10_000 - s) - BigInt(partnerShare) * 10_000n;
        expect(shortfall >= 0n && shortfall < 10_000n, `shortfall ${shortfall}`).toBe(true);
        // So the platform fee is gross × share ÷ 10 000 rounded up: at least exact, less than one unit over.
        const excess = BigInt(platformFee) * 10_000n - BigInt(g) * BigInt(s);
        expect(excess).toBe(shortfall);
      }),
      runs,
    );
  });

  it("gives the platform more, and the partner less, as the share grows", () => {
    fc.assert(
      fc.property(gross, share, share, (g, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = splitRevenue(g, low);
        const atHigh = splitRevenue(g, high);
        expect(atHigh.platformFee).toBeGreaterThanOrEqual(atLow.platformFee);
        expect(atHigh.partnerShare).toBeLessThanOrEqual(atLow.partnerShare);
      }),
      runs,
    );
  });

  it("gives each side more as the gross grows", () => {
    fc.assert(
      fc.property(gross, gross, share, (a, b, s) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(splitRevenue(high, s).platformFee).toBeGreaterThanOrEqual(splitRevenue(low, s).platformFee);
        expect(splitRevenue(high, s).partnerShare).toBeGreaterThanOrEqual(splitRevenue(low, s).partnerShare);
      }),
      runs,
    );
  });

  it("gives everything to one side at 0 % and 100 %", () => {
    fc.assert(
      fc.property(gross, (g) => {
        expect(splitRevenue(g, 0)).toEqual({ platformFee: 0, partnerShare: g });
        expect(splitRevenue(g, 10_000)).toEqual({ platformFee: g, partnerShare: 0 });
      }),
    );
  });

  it("rounds the partner share down and gives the platform the remainder", () => {
    expect(splitRevenue(14900, 2000)).toEqual({ platformFee: 2980, partnerShare: 11920 });
    expect(splitRevenue(10001, 2000)).toEqual({ platformFee: 2001, partnerShare: 8000 }); // 8000.8 down (half-up gave the fee 2000)
    expect(splitRevenue(1, 5000)).toEqual({ platformFee: 1, partnerShare: 0 }); // 0.5 down
    expect(splitRevenue(3, 5000)).toEqual({ platformFee: 2, partnerShare: 1 }); // 1.5 down
    expect(splitRevenue(5, 5000)).toEqual({ platformFee: 3, partnerShare: 2 }); // 2.5 down
    expect(splitRevenue(1, 4999)).toEqual({ platformFee: 1, partnerShare: 0 }); // 0.5001 down
    expect(splitRevenue(1, 1)).toEqual({ platformFee: 1, partnerShare: 0 }); // 0.9999 down: any share of one unit takes it
    expect(splitRevenue(14999, 1250)).toEqual({ platformFee: 1875, partnerShare: 13124 }); // 13124.125
    expect(splitRevenue(Number.MAX_SAFE_INTEGER, 10_000).platformFee).toBe(Number.MAX_SAFE_INTEGER);
    expect(splitRevenue(Number.MAX_SAFE_INTEGER, 5000)).toEqual({ platformFee: 4503599627370496, partnerShare: 4503599627370495 });
    expect(applyBpsHalfUp(Number.MAX_SAFE_INTEGER, 5000)).toBe(4503599627370496); // 4503599627370495.5, for fee estimates
  });

  it.each([
    [-1, 1000],
    [1.5, 1000],
    [Number.MAX_SAFE_INTEGER + 1, 1000],
    [Number.NaN, 1000],
    [100, -1],
    [100, 10_001],
    [100, 12.5],
  ])("refuses gross %s with share %s", (g, s) => {
    expect(() => splitRevenue(g, s)).toThrow(RangeError);
  });
});

describe("Stripe fee estimate", () => {
  it("has a valid default model for every currency", () => {
    for (const code of CURRENCY_CODES) expect(ZStripeFeeModel.safeParse(DEFAULT_STRIPE_FEE_MODELS[code]).success, code).toBe(true);
  });

  it("is percent plus fixed, rounded half-up, and nothing on nothing", () => {
    expect(estimateStripeFee(14900, "NOK")).toBe(224 + 200); // 1.5 % of 149.00 is 2.235
    expect(estimateStripeFee(10000, "USD")).toBe(290 + 30);
    expect(estimateStripeFee(1500, "JPY")).toBe(54);
    expect(estimateStripeFee(10000, "EUR", { percentBps: 250, fixedMinor: 10 })).toBe(260);
    expect(estimateStripeFee(0, "EUR")).toBe(0);
    expect(() => estimateStripeFee(100, "EUR", { percentBps: 100, fixedMinor: -1 })).toThrow(RangeError);
  });
});

describe("marginPreview", () => {
  it("charges Stripe's fee to the platform by default (destination charges)", () => {
    expect(marginPreview({ gross: 14900, currency: "NOK", revenueShareBps: 2000 })).toEqual({
      currency: "NOK",
      gross: 14900,
      estimatedStripeFee: 424,
      platformFee: 2980,
      partnerShare: 11920,
      feeBorneBy: "platform",
      partnerNet: 11920,
      platformNet: 2556,
    });
  });

  it("can charge it to the partner instead", () => {
    expect(marginPreview({ gross: 14900, currency: "NOK", revenueShareBps: 2000, feeBorneBy: "partner" })).toMatchObject({
      partnerNet: 11496,
      platformNet: 2980,
    });
  });

  it("shows a loss rather than hiding it when the share does not cover the fee", () => {
    expect(marginPreview({ gross: 300, currency: "NOK", revenueShareBps: 0 }).platformNet).toBe(-205);
  });

  it("accounts for every minor unit of the gross", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        share,
        fc.constantFrom(...CURRENCY_CODES),
        fc.constantFrom("platform" as const, "partner" as const),
        fc.record({ percentBps: share, fixedMinor: fc.integer({ min: 0, max: 10_000 }) }),
        (g, s, currency, feeBorneBy, feeModel) => {
          const preview = marginPreview({ gross: g, currency, revenueShareBps: s, feeBorneBy, feeModel });
          expect(preview.partnerShare + preview.platformFee).toBe(g);
          expect(preview.partnerNet + preview.platformNet + preview.estimatedStripeFee).toBe(g);
          expect(feeBorneBy === "platform" ? preview.partnerNet : preview.platformNet).toBe(
            feeBorneBy === "platform" ? preview.partnerShare : preview.platformFee,
          );
        },
      ),
      runs,
    );
  });
});
