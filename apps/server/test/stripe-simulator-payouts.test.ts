// The Stripe simulator's payouts: schedules, the balance transactions a payout paid out, failures
// that return the funds, manual payouts, cancellation, and holds.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { PAYOUT_FAILURE_MESSAGES } from "../src/stripe/simulator/index.js";
import { DAY, onboardedAccount, paidSale, useSimulators } from "./simulator-fixtures.js";

// Monday 5 January 2026, 10:00 UTC.
const MONDAY = Date.UTC(2026, 0, 5, 10);
const simulator = useSimulators();

function setup() {
  const made = simulator();
  made.sim.setClock(MONDAY);
  return made;
}

function midnight(ms: number, daysLater: number): number {
  return (Math.floor(ms / DAY) + daysLater) * DAY;
}

describe("Stripe simulator: automatic payouts", () => {
  it("pays out available funds at the next midnight, lists what it paid out, and goes in_transit then paid", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    await paidSale(sim, stripe, accountId, { amount: 10_000, fee: 2_000 });
    await paidSale(sim, stripe, accountId, { amount: 5_000, fee: 1_000 });
    const onAccount = { stripeAccount: accountId };

    await sim.advanceTo(midnight(MONDAY, 7) + 1000);
    expect((await stripe.payouts.list({}, onAccount)).data).toEqual([]);
    expect(sim.events().some((event) => event.type === "balance.available" && event.account === accountId)).toBe(false);

    await sim.advanceTo(midnight(MONDAY, 8) + 1000);
    const [payout] = (await stripe.payouts.list({}, onAccount)).data;
    expect(payout).toMatchObject({ amount: 12_000, currency: "nok", status: "pending", automatic: true, failure_code: null });
    expect(payout?.destination).toMatch(/^ba_/);
    expect(payout?.arrival_date).toBe(midnight(MONDAY, 10) / 1000);
    expect(sim.events().some((event) => event.type === "balance.available" && event.account === accountId)).toBe(true);

    const items = await stripe.balanceTransactions.list({ payout: payout?.id as string, limit: 100 }, onAccount);
    const paidOut = items.data.filter((txn) => txn.type !== "payout");
    expect(paidOut.map((txn) => txn.type)).toEqual(["payment", "payment"]);
    expect(paidOut.reduce((sum, txn) => sum + txn.net, 0)).toBe(payout?.amount);
    expect(items.data.find((txn) => txn.type === "payout")).toMatchObject({ id: payout?.balance_transaction, amount: -12_000 });
    expect((await stripe.balance.retrieve({}, onAccount)).available).toEqual([{ amount: 0, currency: "nok", source_types: { card: 0 } }]);

    await sim.advanceTo(midnight(MONDAY, 9) + 1000);
    expect((await stripe.payouts.retrieve(payout?.id as string, {}, onAccount)).status).toBe("in_transit");
    await sim.advanceTo(midnight(MONDAY, 10) + 1000);
    expect((await stripe.payouts.retrieve(payout?.id as string, {}, onAccount)).status).toBe("paid");
    const payoutEvents = sim
      .events()
      .filter((event) => event.type.startsWith("payout.") && (event.data.object as Stripe.Payout).id === payout?.id);
    expect(payoutEvents.map((event) => event.type)).toEqual(["payout.created", "payout.updated", "payout.updated", "payout.paid"]);
    expect(payoutEvents.every((event) => event.account === accountId)).toBe(true);
    expect(payoutEvents[2]?.data.previous_attributes).toEqual({ status: "in_transit" });
    expect((await stripe.payouts.list({ status: "paid" }, onAccount)).data).toHaveLength(1);
    expect((await stripe.payouts.list({ status: "pending" }, onAccount)).data).toHaveLength(0);
  });

  it("pays out the available balance of gross payments, fees, fee refunds and reversals, and the listed nets add up to it", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const onAccount = { stripeAccount: accountId };
    const first = await paidSale(sim, stripe, accountId, { amount: 10_000, fee: 2_000 });
    await paidSale(sim, stripe, accountId, { amount: 5_000, fee: 1_000 });
    // The console's take-back of a 4 000 refund of the first sale: the whole refund reversed, the fee's share refunded.
    await stripe.refunds.create({ charge: first.charge.id, amount: 4_000 });
    await stripe.transfers.createReversal(first.transfer?.id as string, { amount: 4_000 });
    const feeRefund = await stripe.applicationFees.createRefund(first.applicationFee?.id as string, { amount: 800 });

    await sim.advanceTo(midnight(MONDAY, 8) + 1000);
    const [payout] = (await stripe.payouts.list({}, onAccount)).data;
    // (10 000 − 2 000) + (5 000 − 1 000) − 4 000 + 800
    expect(payout).toMatchObject({ amount: 8_800, automatic: true });
    const items = await stripe.balanceTransactions.list({ payout: payout?.id as string, limit: 100 }, onAccount);
    const paidOut = items.data.filter((txn) => txn.type !== "payout");
    expect(paidOut.map((txn) => [txn.type, txn.amount, txn.fee, txn.net]).sort()).toEqual(
      [
        ["application_fee_refund", 800, 0, 800],
        ["payment", 10_000, 2_000, 8_000],
        ["payment", 5_000, 1_000, 4_000],
        ["payment_refund", -4_000, 0, -4_000],
      ].sort(),
    );
    expect(paidOut.find((txn) => txn.type === "application_fee_refund")?.source).toBe(feeRefund.id);
    expect(paidOut.reduce((sum, txn) => sum + txn.net, 0)).toBe(payout?.amount);
    expect((await stripe.balance.retrieve({}, onAccount)).available[0]?.amount).toBe(0);
  });

  it("weekly and monthly schedules pay only on their anchor day", async () => {
    const { sim, stripe } = setup();
    const weekly = await onboardedAccount(sim, stripe, { schedule: { interval: "weekly", weekly_anchor: "friday", delay_days: 1 } });
    const monthly = await onboardedAccount(sim, stripe, { schedule: { interval: "monthly", monthly_anchor: 31, delay_days: 1 } });
    sim.addAdjustment(weekly, 1_000, "nok", "opening balance");
    sim.addAdjustment(monthly, 1_000, "nok", "opening balance");
    await sim.advanceTo(Date.UTC(2026, 1, 3));
    const weeklyPayouts = (await stripe.payouts.list({}, { stripeAccount: weekly })).data;
    expect(weeklyPayouts.map((payout) => new Date(payout.created * 1000).getUTCDay())).toEqual([5]);
    const monthlyPayouts = (await stripe.payouts.list({}, { stripeAccount: monthly })).data;
    expect(monthlyPayouts.map((payout) => new Date(payout.created * 1000).toISOString().slice(0, 10))).toEqual(["2026-01-31"]);
  });

  it("a hold (interval manual) makes no automatic payouts; runPayouts pays eligible accounts at once", async () => {
    const { sim, stripe } = setup();
    const held = await onboardedAccount(sim, stripe, { schedule: { interval: "manual" } });
    const daily = await onboardedAccount(sim, stripe);
    sim.addAdjustment(held, 4_000, "nok", "held funds");
    sim.addAdjustment(daily, 2_500, "nok", "unexplained");
    await sim.runPayouts();
    await sim.advanceTo(MONDAY + 10 * DAY);
    expect((await stripe.payouts.list({}, { stripeAccount: held })).data).toEqual([]);
    expect((await stripe.balance.retrieve({}, { stripeAccount: held })).available[0]?.amount).toBe(4_000);
    const [payout] = (await stripe.payouts.list({}, { stripeAccount: daily })).data;
    expect(payout?.amount).toBe(2_500);
    const items = await stripe.balanceTransactions.list({ payout: payout?.id as string }, { stripeAccount: daily });
    expect(items.data.map((txn) => [txn.type, txn.description])).toContainEqual(["adjustment", "unexplained"]);
  });
});

describe("Stripe simulator: failed payouts", () => {
  it("fails with Stripe's code and message, returns the funds, and a later payout carries them", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const onAccount = { stripeAccount: accountId };
    sim.addAdjustment(accountId, 7_000, "nok", "opening balance");
    sim.failNextPayouts(accountId, "account_closed");
    expect(() => sim.failNextPayouts(accountId, "not_a_code")).toThrow(/Unknown payout failure_code/);
    await sim.advanceTo(midnight(MONDAY, 1) + 1000);
    const [first] = (await stripe.payouts.list({}, onAccount)).data;
    await sim.advanceTo(midnight(MONDAY, 3) + 1000);

    const failed = await stripe.payouts.retrieve(first?.id as string, { expand: ["failure_balance_transaction"] }, onAccount);
    expect(failed).toMatchObject({
      status: "failed",
      failure_code: "account_closed",
      failure_message: "The bank account has been closed.",
    });
    expect(failed.failure_balance_transaction).toMatchObject({ type: "payout_failure", amount: 7_000, status: "available" });
    expect(sim.events().filter((event) => event.type === "payout.failed")).toHaveLength(1);
    expect(PAYOUT_FAILURE_MESSAGES.insufficient_funds).toBe("Your Stripe account has insufficient funds to cover the payout.");

    sim.failNextPayouts(accountId, null);
    await sim.advanceTo(midnight(MONDAY, 6) + 1000);
    const later = (await stripe.payouts.list({}, onAccount)).data.find((payout) => payout.id !== first?.id);
    expect(later).toMatchObject({ amount: 7_000, status: "paid" });
    const items = await stripe.balanceTransactions.list({ payout: later?.id as string }, onAccount);
    expect(items.data.map((txn) => txn.type).sort()).toEqual(["payout", "payout_failure"]);
  });
});

describe("Stripe simulator: manual payouts", () => {
  it("refuses more than the available balance, cancels a pending one with the funds returned, and not an automatic one", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe, { schedule: { interval: "manual" } });
    const onAccount = { stripeAccount: accountId };
    sim.addAdjustment(accountId, 5_000, "nok", "opening balance");
    await expect(stripe.payouts.create({ amount: 5_001, currency: "nok" }, onAccount)).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "balance_insufficient",
    });
    const payout = await stripe.payouts.create({ amount: 3_000, currency: "nok" }, onAccount);
    expect(payout).toMatchObject({ automatic: false, status: "pending", amount: 3_000 });
    expect((await stripe.balance.retrieve({}, onAccount)).available[0]?.amount).toBe(2_000);
    await expect(stripe.balanceTransactions.list({ payout: payout.id }, onAccount)).rejects.toMatchObject({ param: "payout" });

    const canceled = await stripe.payouts.cancel(payout.id, {}, onAccount);
    expect(canceled.status).toBe("canceled");
    expect((await stripe.balance.retrieve({}, onAccount)).available[0]?.amount).toBe(5_000);
    await expect(stripe.payouts.cancel(payout.id, {}, onAccount)).rejects.toThrow(/only be canceled while they are pending/);
    expect(sim.events().filter((event) => event.type === "payout.canceled")).toHaveLength(1);

    await stripe.accounts.update(accountId, { settings: { payouts: { schedule: { interval: "daily" } } } });
    await sim.runPayouts();
    const [automatic] = (await stripe.payouts.list({ status: "pending" }, onAccount)).data;
    expect(automatic).toMatchObject({ automatic: true, amount: 5_000 });
    await expect(stripe.payouts.cancel(automatic?.id as string, {}, onAccount)).rejects.toMatchObject({ code: "payout_not_cancelable" });
  });
});
