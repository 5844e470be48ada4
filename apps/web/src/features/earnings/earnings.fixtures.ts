/**
 * What the earnings procedures answer for Northwave in the tests: a Stripe account with an identity
 * document past due and a bank account due in three days (its state worded by @pc/shared, as the
 * server does), balances in NOK and EUR, two months of earnings, a partly refunded sale, and a
 * failed payout.
 */
import { describeAccountState } from "@pc/shared";
import { DAY, failedPayoutFixture, NOW } from "../payouts/payouts.fixtures";
import type { EarningsAccount, EarningsAdjustment, EarningsPayout, EarningsSale, EarningsSummary } from "./earnings.types";

export { NOW };
export const DEADLINE = new Date(NOW.getTime() + 3 * DAY);

const schedule = { interval: "daily" as const, delayDays: 7 };

export const restrictedAccountFixture: EarningsAccount = {
  connected: true,
  stripeAccountId: "acct_1NorthwaveTest",
  ...describeAccountState(
    {
      chargesEnabled: true,
      payoutsEnabled: false,
      detailsSubmitted: true,
      requirements: {
        currentlyDue: ["external_account", "individual.verification.document"],
        pastDue: ["individual.verification.document"],
        eventuallyDue: [],
        currentDeadline: Math.floor(DEADLINE.getTime() / 1000),
        disabledReason: "requirements.past_due",
      },
    },
    NOW,
  ),
  schedule,
  hold: null,
  syncedAt: NOW,
};

/** Ready at Stripe, but held by finance: the schedule is manual until the hold is released. */
export const heldAccountFixture: EarningsAccount = {
  connected: true,
  stripeAccountId: "acct_1BeatlabTest",
  ...describeAccountState(
    {
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
      requirements: { currentlyDue: [], pastDue: [], eventuallyDue: [], currentDeadline: null, disabledReason: null },
    },
    NOW,
  ),
  schedule: { interval: "manual", delayDays: 7 },
  hold: { reason: "Chargeback rate above our threshold", since: new Date(NOW.getTime() - 2 * DAY) },
  syncedAt: NOW,
};

export const notConnectedAccountFixture: EarningsAccount = {
  connected: false,
  stripeAccountId: null,
  ...describeAccountState(null, NOW),
  schedule: null,
  hold: null,
  syncedAt: null,
};

export const summaryFixture: EarningsSummary = {
  account: restrictedAccountFixture,
  balances: [
    { currency: "NOK", available: 154_950, pending: 29_900, nextPayout: { date: new Date("2026-05-05T00:00:00.000Z"), amount: 154_950 } },
    { currency: "EUR", available: 0, pending: 1_200, nextPayout: null },
  ],
  balanceFetchedAt: NOW.toISOString(),
  balanceStale: false,
  months: [
    {
      month: "2026-04",
      currency: "NOK",
      sales: 12,
      gross: 358_800,
      platformFee: 71_760,
      partnerShare: 287_040,
      takenBack: 23_920,
      reinstated: 0,
      net: 263_120,
    },
    {
      month: "2026-05",
      currency: "NOK",
      sales: 3,
      gross: 89_700,
      platformFee: 17_940,
      partnerShare: 71_760,
      takenBack: 0,
      reinstated: 0,
      net: 71_760,
    },
    {
      month: "2026-05",
      currency: "EUR",
      sales: 1,
      gross: 1_500,
      platformFee: 300,
      partnerShare: 1_200,
      takenBack: 0,
      reinstated: 0,
      net: 1_200,
    },
  ],
};

/** Half of the sale below refunded: the partner gives back its 80 % of it. */
const refund: EarningsSale["adjustments"][number] = {
  id: "8c1d0f3e-7b6a-4e5d-9c8b-7a6f5e4d3c01",
  kind: "refund",
  status: "succeeded",
  reason: "requested_by_customer",
  amount: 14_950,
  partnerAmount: 11_960,
  platformAmount: 2_990,
  occurredAt: new Date(NOW.getTime() - DAY),
};

export const saleFixture: EarningsSale = {
  id: "5b0e1c7e-1a52-4f3c-9d1e-3c2a8f9e0a01",
  paidAt: new Date(NOW.getTime() - 2 * DAY),
  currency: "NOK",
  kind: "bundle",
  tracks: 5,
  priceVersion: 3,
  revenueShareBps: 2000,
  gross: 29_900,
  stripeFee: 1_152,
  platformFee: 5_980,
  partnerShare: 23_920,
  amountRefunded: 14_950,
  partnerReversed: 11_960,
  availableOn: new Date(NOW.getTime() + 5 * DAY),
  adjustments: [refund],
};

export const adjustmentFixture: EarningsAdjustment = {
  ...refund,
  saleId: saleFixture.id,
  currency: "NOK",
  saleGross: saleFixture.gross,
  salePaidAt: saleFixture.paidAt,
};

/** The failed payout of the finance fixtures, as the partner sees it (without the tenant). */
const { tenant: _tenant, ...failedPayout } = failedPayoutFixture;
export const failedPartnerPayoutFixture: EarningsPayout = { ...failedPayout, stripePayoutId: "po_1FailedNorthwave" };
