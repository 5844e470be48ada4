// Explains one payout from the balance transactions Stripe lists for it
// (`GET /v1/balance_transactions?payout=po_…`, without the payout's own "payout" transaction):
// so many sales, refunds, disputes and returned payouts, each line summed, and what is left over.
//
// The caller matches each transaction to our records (a sale, a refund, a dispute, a failed payout
// returned to the balance) and says what net it expected. Only a matched transaction whose net is
// exactly the expected net counts as explained; anything unmatched, or matched with another
// amount, is listed as a mismatch and summed into the "unexplained" line, so finance sees both the
// total and each transaction to look at. Sums are exact: BigInt, checked to be safe integers.

import { assertSafeMinor } from "../money/amounts.js";

export type ReconciliationMatchKind = "sale" | "refund" | "dispute" | "dispute_reinstated" | "failed_payout";

/** What a balance transaction is in our records, and the net we expect it to have. */
export interface ReconciliationMatch {
  readonly kind: ReconciliationMatchKind;
  /** Our record's id (a sale, an adjustment, a payout). */
  readonly id: string;
  readonly expectedNet: number;
}

export interface PayoutItem {
  /** The balance transaction's id (txn_…). */
  readonly id: string;
  /** Stripe's balance transaction type: payment, payment_refund, adjustment, payout_failure, transfer, … */
  readonly type: string;
  /** Its net effect on the balance, in minor units (negative for money going out). */
  readonly net: number;
  readonly description?: string;
  /** What it was matched to in our records, and the net we expected; null when nothing matched. */
  readonly match: ReconciliationMatch | null;
}

export interface ReconciliationInput {
  readonly payout: { readonly amount: number; readonly currency: string };
  readonly items: readonly PayoutItem[];
}

export type ReconciliationLineKind = "sales" | "refunds" | "disputes" | "dispute_reinstated" | "returned_payouts" | "unexplained";

export interface ReconciliationLine {
  readonly kind: ReconciliationLineKind;
  readonly count: number;
  readonly amount: number;
}

export interface ReconciliationMismatch {
  readonly itemId: string;
  readonly type: string;
  readonly net: number;
  /** The net our records expected; null when the item matched nothing. */
  readonly expectedNet: number | null;
  readonly reason: "unmatched" | "amount_differs";
}

export interface PayoutReconciliation {
  readonly currency: string;
  readonly payoutAmount: number;
  /** One line per kind that occurs, in a fixed order; "unexplained" sums the mismatches' nets. */
  readonly lines: readonly ReconciliationLine[];
  /** The explained lines' total (the unexplained line is not part of it). */
  readonly explainedTotal: number;
  /** payoutAmount − explainedTotal: what the explained items leave unaccounted for. */
  readonly unexplainedDifference: number;
  /** Every item explained and nothing left over. */
  readonly balanced: boolean;
  readonly mismatches: readonly ReconciliationMismatch[];
}

const LINE_OF: Readonly<Record<ReconciliationMatchKind, ReconciliationLineKind>> = {
  sale: "sales",
  refund: "refunds",
  dispute: "disputes",
  dispute_reinstated: "dispute_reinstated",
  failed_payout: "returned_payouts",
};

const LINE_ORDER: readonly ReconciliationLineKind[] = [
  "sales",
  "refunds",
  "disputes",
  "dispute_reinstated",
  "returned_payouts",
  "unexplained",
];

function safe(total: bigint, what: string): number {
  const value = Number(total);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} ${total} is beyond the safe integer range`);
  return value;
}

export function reconcilePayout({ payout, items }: ReconciliationInput): PayoutReconciliation {
  assertSafeMinor(payout.amount, "payout amount");
  const sums = new Map<ReconciliationLineKind, { count: number; amount: bigint }>();
  const addTo = (kind: ReconciliationLineKind, amount: number) => {
    const line = sums.get(kind) ?? { count: 0, amount: 0n };
    sums.set(kind, { count: line.count + 1, amount: line.amount + BigInt(amount) });
  };
  const mismatches: ReconciliationMismatch[] = [];
  let explained = 0n;

  for (const item of items) {
    assertSafeMinor(item.net, `net of ${item.id}`);
    if (item.match) assertSafeMinor(item.match.expectedNet, `expected net of ${item.id}`);
    if (item.match && item.net === item.match.expectedNet) {
      addTo(LINE_OF[item.match.kind], item.match.expectedNet);
      explained += BigInt(item.match.expectedNet);
      continue;
    }
    addTo("unexplained", item.net);
    mismatches.push({
      itemId: item.id,
      type: item.type,
      net: item.net,
      expectedNet: item.match ? item.match.expectedNet : null,
      reason: item.match ? "amount_differs" : "unmatched",
    });
  }

  const lines = LINE_ORDER.flatMap((kind) => {
    const line = sums.get(kind);
    return line ? [{ kind, count: line.count, amount: safe(line.amount, `the ${kind} total`) }] : [];
  });
  const explainedTotal = safe(explained, "the explained total");
  const unexplainedDifference = safe(BigInt(payout.amount) - explained, "the unexplained difference");
  return {
    currency: payout.currency,
    payoutAmount: payout.amount,
    lines,
    explainedTotal,
    unexplainedDifference,
    balanced: unexplainedDifference === 0 && mismatches.length === 0,
    mismatches,
  };
}
