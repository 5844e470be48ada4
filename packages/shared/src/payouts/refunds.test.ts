import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitRevenue } from "../money/split.js";
import { partnerReversalAfter, prorateDispute, prorateRefund } from "./refunds.js";

const runs = { numRuns: 1000 };
/** lo + raw mod (hi − lo + 1): a value in [lo, hi] drawn from any non-negative integer. */
const within = (raw: number, lo: number, hi: number) => lo + (raw % (hi - lo + 1));

// A sale (small grosses hit the rounding edges, large ones the BigInt products) and a sequence of
// partial refunds: distinct cut points in [1, gross], optionally ending with the full gross.
const sale = fc
  .record({
    gross: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 1, max: 2 ** 50 })),
    shareBps: fc.integer({ min: 0, max: 10_000 }),
    cuts: fc.array(fc.maxSafeNat(), { maxLength: 12 }),
    full: fc.boolean(),
  })
  .map(({ gross, shareBps, cuts, full }) => {
    const points = [...new Set(cuts.map((raw) => within(raw, 1, gross)))].sort((a, b) => a - b);
    if (full && points.at(-1) !== gross) points.push(gross);
    const refunds = points.map((point, i) => point - (i === 0 ? 0 : (points[i - 1] ?? 0)));
    return { gross, partnerShare: splitRevenue(gross, shareBps).partnerShare, refunds };
  });

function runRefunds(gross: number, partnerShare: number, refunds: readonly number[]) {
  let refunded = 0;
  let reversed = 0;
  let feeRefunded = 0;
  const steps = refunds.map((refund) => {
    const part = prorateRefund({ gross, partnerShare, alreadyRefunded: refunded, alreadyReversed: reversed, refund });
    refunded += refund;
    reversed += part.partnerReversal;
    feeRefunded += part.platformFeeRefund;
    return { refund, ...part, refunded, reversed };
  });
  return { steps, refunded, reversed, feeRefunded };
}

describe("prorateRefund over any sequence of refunds", () => {
  it("splits each refund into two non-negative parts that add up to it", () => {
    fc.assert(
      fc.property(sale, ({ gross, partnerShare, refunds }) => {
        for (const step of runRefunds(gross, partnerShare, refunds).steps) {
          expect(step.partnerReversal).toBeGreaterThanOrEqual(0);
          expect(step.platformFeeRefund).toBeGreaterThanOrEqual(0);
          expect(step.partnerReversal + step.platformFeeRefund).toBe(step.refund);
        }
      }),
      runs,
    );
  });

  it("never reverses more than the partner share, nor refunds more than the platform fee", () => {
    fc.assert(
      fc.property(sale, ({ gross, partnerShare, refunds }) => {
        const { steps, refunded, reversed, feeRefunded } = runRefunds(gross, partnerShare, refunds);
        for (const step of steps) expect(step.reversed).toBeLessThanOrEqual(partnerShare);
        expect(reversed + feeRefunded).toBe(refunded);
        expect(feeRefunded).toBeLessThanOrEqual(gross - partnerShare);
      }),
      runs,
    );
  });

  it("takes back exactly the transfer and exactly the platform fee when everything is refunded", () => {
    fc.assert(
      fc.property(sale, ({ gross, partnerShare, refunds }) => {
        const total = refunds.reduce((sum, refund) => sum + refund, 0);
        const all = total === gross ? refunds : [...refunds, gross - total];
        const { reversed, feeRefunded } = runRefunds(gross, partnerShare, all);
        expect(reversed).toBe(partnerShare);
        expect(feeRefunded).toBe(gross - partnerShare);
      }),
      runs,
    );
  });

  // The precise bound: after refunds totalling T, however T was split into steps, the partner has
  // given back exactly floor(T × partnerShare ÷ gross): zero difference between any two splittings,
  // not merely one minor unit per step. Each step alone is within one minor unit of its exact
  // proportional part: |reversal − refund × partnerShare ÷ gross| < 1.
  it("reverses the same total however the refunds are split, and each step within one unit of its exact part", () => {
    fc.assert(
      fc.property(sale, ({ gross, partnerShare, refunds }) => {
        const { steps, refunded, reversed } = runRefunds(gross, partnerShare, refunds);
        if (refunded > 0) expect(runRefunds(gross, partnerShare, [refunded]).reversed).toBe(reversed);
        for (const step of steps) {
          expect(step.reversed).toBe(partnerReversalAfter(step.refunded, gross, partnerShare));
          const error = BigInt(step.partnerReversal) * BigInt(gross) - BigInt(step.refund) * BigInt(partnerShare);
          expect(error > -BigInt(gross) && error < BigInt(gross), `error ${error}/${gross}`).toBe(true);
        }
      }),
      runs,
    );
  });
});

describe("prorateRefund", () => {
  it("takes back the partner's proportional part, rounded down, and the rest from the platform fee", () => {
    // 149.00 at 20 %: partner 119.20, platform 29.80.
    expect(prorateRefund({ gross: 14900, partnerShare: 11920, alreadyRefunded: 0, alreadyReversed: 0, refund: 4900 })).toEqual({
      partnerReversal: 3920,
      platformFeeRefund: 980,
    });
    expect(prorateRefund({ gross: 14900, partnerShare: 11920, alreadyRefunded: 0, alreadyReversed: 0, refund: 1 })).toEqual({
      partnerReversal: 0, // 0.8 down
      platformFeeRefund: 1,
    });
    expect(prorateRefund({ gross: 14900, partnerShare: 11920, alreadyRefunded: 1, alreadyReversed: 0, refund: 1 })).toEqual({
      partnerReversal: 1, // cumulative 1.6 down is 1, less the 0 already reversed
      platformFeeRefund: 0,
    });
  });

  it("lets the last refund take what is left of the transfer", () => {
    // 3 at 50 %: partner 1, platform 2; three refunds of 1.
    const { steps } = runRefunds(3, 1, [1, 1, 1]);
    expect(steps.map(({ partnerReversal, platformFeeRefund }) => [partnerReversal, platformFeeRefund])).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    expect(prorateRefund({ gross: 14900, partnerShare: 11920, alreadyRefunded: 0, alreadyReversed: 0, refund: 14900 })).toEqual({
      partnerReversal: 11920,
      platformFeeRefund: 2980,
    });
  });

  it("keeps both parts valid when earlier reversals did not follow the rule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        (gross, a, b, c, d) => {
          const partnerShare = within(a, 0, gross);
          const alreadyRefunded = within(b, 0, gross - 1);
          const alreadyReversed = within(c, Math.max(0, alreadyRefunded - (gross - partnerShare)), Math.min(partnerShare, alreadyRefunded));
          const refund = within(d, 1, gross - alreadyRefunded);
          const part = prorateRefund({ gross, partnerShare, alreadyRefunded, alreadyReversed, refund });
          expect(part.partnerReversal + part.platformFeeRefund).toBe(refund);
          expect(part.partnerReversal).toBeGreaterThanOrEqual(0);
          expect(part.platformFeeRefund).toBeGreaterThanOrEqual(0);
          expect(alreadyReversed + part.partnerReversal).toBeLessThanOrEqual(partnerShare);
          expect(alreadyRefunded - alreadyReversed + part.platformFeeRefund).toBeLessThanOrEqual(gross - partnerShare);
          if (refund === gross - alreadyRefunded) expect(alreadyReversed + part.partnerReversal).toBe(partnerShare);
        },
      ),
      runs,
    );
    // Nothing was reversed for an earlier refund of 1000: this one can only catch up within itself.
    expect(prorateRefund({ gross: 10000, partnerShare: 8000, alreadyRefunded: 1000, alreadyReversed: 0, refund: 500 })).toEqual({
      partnerReversal: 500,
      platformFeeRefund: 0,
    });
  });

  it.each([
    [{ refund: 0 }, "refund must be more than 0, got 0"],
    [{ refund: -5 }, "refund must be more than 0, got -5"],
    [{ refund: 1.5 }, "refund must be a safe integer of minor units, got 1.5"],
    [{ refund: 14901 }, "refund 14901 is more than the 14900 left to refund of 14900"],
    [{ alreadyRefunded: 10000, alreadyReversed: 8000, refund: 5000 }, "refund 5000 is more than the 4900 left to refund of 14900"],
    [{ partnerShare: 15000 }, "partnerShare 15000 is more than the gross 14900"],
    [{ alreadyRefunded: 15000 }, "alreadyRefunded 15000 is more than the gross 14900"],
    [{ alreadyRefunded: 14000, alreadyReversed: 12000 }, "alreadyReversed 12000 is more than the partner share 11920"],
    [{ alreadyRefunded: 50, alreadyReversed: 60 }, "alreadyReversed 60 is more than alreadyRefunded 50"],
    [{ alreadyRefunded: 5000, alreadyReversed: 0 }, "the platform fee refunded so far (5000) is more than the platform fee 2980"],
    [{ gross: -1 }, "gross must not be negative, got -1"],
    [{ alreadyReversed: Number.NaN }, "alreadyReversed must be a safe integer of minor units, got NaN"],
  ])("refuses %j", (change, message) => {
    const input = { gross: 14900, partnerShare: 11920, alreadyRefunded: 0, alreadyReversed: 0, refund: 100, ...change };
    expect(() => prorateRefund(input)).toThrow(new RangeError(message));
  });
});

describe("prorateDispute", () => {
  it("treats the disputed amount like a refund", () => {
    const sale = { gross: 14900, partnerShare: 11920, alreadyRefunded: 4900, alreadyReversed: 3920 };
    expect(prorateDispute({ ...sale, disputed: 10000 })).toEqual(prorateRefund({ ...sale, refund: 10000 }));
    expect(prorateDispute({ ...sale, disputed: 10000 })).toEqual({ partnerReversal: 8000, platformFeeRefund: 2000 });
    expect(() => prorateDispute({ ...sale, disputed: 10001 })).toThrow(RangeError);
  });
});
