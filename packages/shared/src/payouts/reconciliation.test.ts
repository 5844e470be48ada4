import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PayoutItem, reconcilePayout } from "./reconciliation.js";

const sale = (id: string, net: number, expectedNet = net): PayoutItem => ({
  id,
  type: "payment",
  net,
  match: { kind: "sale", id: `sale_${id}`, expectedNet },
});

describe("reconcilePayout", () => {
  it("explains a balanced payout line by line", () => {
    const result = reconcilePayout({
      payout: { amount: 25_840, currency: "nok" },
      items: [
        sale("txn_1", 11_920),
        sale("txn_2", 11_920),
        { id: "txn_3", type: "transfer_refund", net: -3_920, match: { kind: "refund", id: "re_1", expectedNet: -3_920 } },
        { id: "txn_4", type: "payout_failure", net: 5_920, match: { kind: "failed_payout", id: "po_0", expectedNet: 5_920 } },
      ],
    });
    expect(result).toEqual({
      currency: "nok",
      payoutAmount: 25_840,
      lines: [
        { kind: "sales", count: 2, amount: 23_840 },
        { kind: "refunds", count: 1, amount: -3_920 },
        { kind: "returned_payouts", count: 1, amount: 5_920 },
      ],
      explainedTotal: 25_840,
      unexplainedDifference: 0,
      balanced: true,
      mismatches: [],
    });
  });

  it("flags an adjustment nothing explains", () => {
    const result = reconcilePayout({
      payout: { amount: 11_420, currency: "nok" },
      items: [sale("txn_1", 11_920), { id: "txn_9", type: "adjustment", net: -500, description: "Dispute fee", match: null }],
    });
    expect(result.balanced).toBe(false);
    expect(result.explainedTotal).toBe(11_920);
    expect(result.unexplainedDifference).toBe(-500);
    expect(result.lines.at(-1)).toEqual({ kind: "unexplained", count: 1, amount: -500 });
    expect(result.mismatches).toEqual([{ itemId: "txn_9", type: "adjustment", net: -500, expectedNet: null, reason: "unmatched" }]);
  });

  it("flags a matched item whose amount differs, and does not count it as explained", () => {
    const result = reconcilePayout({
      payout: { amount: 23_839, currency: "nok" },
      items: [sale("txn_1", 11_920), sale("txn_2", 11_919, 11_920)],
    });
    expect(result.lines).toEqual([
      { kind: "sales", count: 1, amount: 11_920 },
      { kind: "unexplained", count: 1, amount: 11_919 },
    ]);
    expect(result.unexplainedDifference).toBe(11_919);
    expect(result.mismatches).toEqual([{ itemId: "txn_2", type: "payment", net: 11_919, expectedNet: 11_920, reason: "amount_differs" }]);
    expect(result.balanced).toBe(false);
  });

  it("is not balanced when items are missing, even if every listed one is explained", () => {
    const result = reconcilePayout({ payout: { amount: 20_000, currency: "eur" }, items: [sale("txn_1", 11_920)] });
    expect(result).toMatchObject({ mismatches: [], unexplainedDifference: 8_080, balanced: false });
  });

  const item = fc.record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    type: fc.constantFrom("payment", "payment_refund", "adjustment", "payout_failure", "transfer"),
    net: fc.integer({ min: -(2 ** 47), max: 2 ** 47 }),
    match: fc.option(
      fc.record({
        kind: fc.constantFrom(
          "sale" as const,
          "refund" as const,
          "dispute" as const,
          "dispute_reinstated" as const,
          "failed_payout" as const,
        ),
        id: fc.string({ maxLength: 8 }),
        expectedNet: fc.integer({ min: -(2 ** 47), max: 2 ** 47 }),
      }),
    ),
    exact: fc.boolean(),
  });

  // Up to 30 items of at most 2^47 keep every total within the safe range (30 × 2^47 < 2^53).
  it("always accounts for the whole payout: explained + difference = payout, lines = items", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.integer({ min: -(2 ** 47), max: 2 ** 47 }), (raw, amount) => {
        // Half the matched items carry exactly their expected net.
        const items = raw.map(({ exact, ...rest }) => (exact && rest.match ? { ...rest, net: rest.match.expectedNet } : rest));
        const result = reconcilePayout({ payout: { amount, currency: "nok" }, items });
        expect(result.explainedTotal + result.unexplainedDifference).toBe(amount);
        const explainedLines = result.lines.filter((line) => line.kind !== "unexplained");
        expect(explainedLines.reduce((sum, line) => sum + line.amount, 0)).toBe(result.explainedTotal);
        expect(result.lines.reduce((sum, line) => sum + line.count, 0)).toBe(items.length);
        expect(result.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(items.reduce((sum, i) => sum + i.net, 0));
        expect(result.mismatches.length).toBe(items.filter((i) => !i.match || i.match.expectedNet !== i.net).length);
        expect(result.balanced).toBe(result.mismatches.length === 0 && result.unexplainedDifference === 0);
      }),
    );
  });

  it("refuses amounts that are not safe integers, and totals beyond them", () => {
    expect(() => reconcilePayout({ payout: { amount: 1.5, currency: "nok" }, items: [] })).toThrow(RangeError);
    expect(() => reconcilePayout({ payout: { amount: 0, currency: "nok" }, items: [sale("txn_1", Number.NaN)] })).toThrow(/txn_1/);
    const huge = sale("txn_1", Number.MAX_SAFE_INTEGER);
    expect(() => reconcilePayout({ payout: { amount: 0, currency: "nok" }, items: [huge, { ...huge, id: "txn_2" }] })).toThrow(
      /beyond the safe integer range/,
    );
  });
});
