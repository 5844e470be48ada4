/**
 * What the finance procedures answer in the tests: two partners (Northwave held, Beatlab not), a
 * paid and a failed payout, totals in NOK and EUR, a payout that balances to the cent and one with
 * a transaction our records do not know, and a stored webhook event.
 */
import { describePayoutFailure, reconcilePayout } from "@pc/shared";
import type { ListedPayout, PartnerAccount, PayoutDetail, PayoutList, StripeEventDetail, StripeEventRow } from "./payouts.types";

export const NOW = new Date("2026-05-04T10:00:00.000Z");
export const DAY = 86_400_000;

export const NORTHWAVE = { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", name: "Northwave", slug: "northwave" };
export const BEATLAB = { id: "3d1e2f4a-0000-4000-8000-000000000001", name: "Beatlab", slug: "beatlab" };

export const paidPayoutFixture: ListedPayout = {
  id: "7f000000-0000-4000-8000-000000000001",
  stripePayoutId: "po_1PaidNorthwave",
  amount: 48_000,
  currency: "NOK",
  status: "paid",
  automatic: true,
  arrivalDate: new Date(NOW.getTime() - DAY),
  createdAt: new Date(NOW.getTime() - 2 * DAY),
  failure: null,
  tenant: NORTHWAVE,
};

export const failedPayoutFixture: ListedPayout = {
  id: "7f000000-0000-4000-8000-000000000002",
  stripePayoutId: "po_1FailedBeatlab",
  amount: 120_000,
  currency: "NOK",
  status: "failed",
  automatic: true,
  arrivalDate: new Date(NOW.getTime() - 3 * DAY),
  createdAt: new Date(NOW.getTime() - 5 * DAY),
  failure: { code: "account_closed", message: "The bank account has been closed", ...describePayoutFailure("account_closed") },
  tenant: BEATLAB,
};

export const listFixture: PayoutList = {
  items: [paidPayoutFixture, failedPayoutFixture],
  nextCursor: null,
  totals: [
    { currency: "EUR", count: 1, total: 9_900, paid: 9_900, inFlight: 0, failed: 0 },
    { currency: "NOK", count: 2, total: 168_000, paid: 48_000, inFlight: 0, failed: 120_000 },
  ],
  failed: [failedPayoutFixture],
};

export const accountsFixture: PartnerAccount[] = [
  {
    tenant: { ...BEATLAB, status: "active" },
    stripeAccountId: "acct_1Beatlab",
    chargesEnabled: true,
    payoutsEnabled: true,
    pastDue: [],
    currentlyDue: [],
    schedule: { interval: "weekly", delayDays: 7, weeklyAnchor: "monday" },
    hold: null,
  },
  {
    tenant: { ...NORTHWAVE, status: "active" },
    stripeAccountId: "acct_1Northwave",
    chargesEnabled: true,
    payoutsEnabled: false,
    pastDue: ["individual.verification.document"],
    currentlyDue: ["individual.verification.document", "external_account"],
    schedule: { interval: "manual", delayDays: 7 },
    hold: { reason: "Chargebacks under review", since: new Date(NOW.getTime() - DAY), by: "a71ea09b-3543-48f4-936f-12af0f715ba4" },
  },
];

const items = [
  {
    balanceTransactionId: "txn_1Sale",
    type: "payment",
    amount: 23_920,
    fee: 0,
    net: 23_920,
    sourceId: "py_1Sale",
    description: null,
    match: { kind: "sale" as const, id: "5b0e1c7e-1a52-4f3c-9d1e-3c2a8f9e0a01", expectedNet: 23_920 },
  },
  {
    balanceTransactionId: "txn_2Sale",
    type: "payment",
    amount: 35_880,
    fee: 0,
    net: 35_880,
    sourceId: "py_2Sale",
    description: null,
    match: { kind: "sale" as const, id: "5b0e1c7e-1a52-4f3c-9d1e-3c2a8f9e0a02", expectedNet: 35_880 },
  },
  {
    balanceTransactionId: "txn_3Refund",
    type: "transfer_refund",
    amount: -11_800,
    fee: 0,
    net: -11_800,
    sourceId: "pyr_1Refund",
    description: "REFUND FOR PAYMENT",
    match: { kind: "refund" as const, id: "8c1d0f3e-7b6a-4e5d-9c8b-7a6f5e4d3c01", expectedNet: -11_800 },
  },
];

function detailOf(amount: number, payoutItems: PayoutDetail["items"]): PayoutDetail {
  return {
    ...paidPayoutFixture,
    amount,
    itemsSyncedAt: new Date(NOW.getTime() - DAY),
    items: payoutItems,
    reconciliation: reconcilePayout({
      payout: { amount, currency: paidPayoutFixture.currency },
      items: payoutItems.map((item) => ({ id: item.balanceTransactionId, type: item.type, net: item.net, match: item.match })),
    }),
  };
}

/** 239,20 + 358,80 − 118,00 = 480,00: every transaction matched, nothing left over. */
export const balancedDetailFixture = detailOf(48_000, items);

/** A payout of 492,00: the same three transactions, and a 12,00 adjustment our records know nothing about. */
export const unbalancedDetailFixture = detailOf(49_200, [
  ...items,
  {
    balanceTransactionId: "txn_4Adjustment",
    type: "adjustment",
    amount: 1_200,
    fee: 0,
    net: 1_200,
    sourceId: null,
    description: "Manual adjustment",
    match: null,
  },
]);

export const failedDetailFixture: PayoutDetail = {
  ...failedPayoutFixture,
  itemsSyncedAt: null,
  items: [],
  reconciliation: reconcilePayout({ payout: { amount: failedPayoutFixture.amount, currency: failedPayoutFixture.currency }, items: [] }),
};

export const eventRowFixture: StripeEventRow = {
  id: "evt_1PayoutFailed",
  endpoint: "connect",
  type: "payout.failed",
  account: "acct_1Beatlab",
  outcome: "applied",
  createdAt: new Date(NOW.getTime() - 5 * DAY),
  receivedAt: new Date(NOW.getTime() - 5 * DAY + 2_000),
  replayCount: 0,
  lastReplayedAt: null,
  tenant: { id: BEATLAB.id, name: BEATLAB.name },
};

export const eventDetailFixture: StripeEventDetail = {
  id: eventRowFixture.id,
  endpoint: "connect",
  type: "payout.failed",
  account: "acct_1Beatlab",
  tenantId: BEATLAB.id,
  stripeCreatedAt: eventRowFixture.createdAt,
  payload: { id: eventRowFixture.id, type: "payout.failed", data: { object: { id: "po_1FailedBeatlab", failure_code: "account_closed" } } },
  outcome: "applied",
  receivedAt: eventRowFixture.receivedAt,
  replayCount: 0,
  lastReplayedAt: null,
  lastReplayedBy: null,
};
