// The Stripe simulator through the official SDK, in process: onboarding, destination charges
// through Checkout, refunds, reversals, fee refunds and disputes.
import { estimateStripeFee } from "@pc/shared";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { DAY, onboardedAccount, paidSale, useSimulators } from "./simulator-fixtures.js";

const setup = useSimulators();

describe("Stripe simulator: accounts and onboarding", () => {
  it("creates a restricted account, and an account link whose page completes onboarding", async () => {
    const { sim, stripe } = setup({ publicUrl: "http://sim.test" });
    const account = await stripe.accounts.create({
      type: "express",
      country: "NO",
      settings: { payouts: { schedule: { interval: "weekly", weekly_anchor: "friday" } } },
    });
    expect(account.id).toMatch(/^acct_[0-9A-Za-z]{24}$/);
    expect(account).toMatchObject({ charges_enabled: false, payouts_enabled: false, details_submitted: false, default_currency: "nok" });
    expect(account.requirements?.currently_due).toContain("external_account");
    expect(account.requirements?.disabled_reason).toBe("requirements.past_due");
    expect(account.settings?.payouts?.schedule).toMatchObject({ interval: "weekly", weekly_anchor: "friday", delay_days: 7 });

    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "https://console.example/refresh",
      return_url: "https://console.example/return",
    });
    expect(link.url).toMatch(/^http:\/\/sim\.test\/hosted\/onboarding\//);
    expect(link.expires_at - link.created).toBe(300);
    const pageHtml = await (await sim.handle(new Request(link.url))).text();
    expect(pageHtml).toContain("Stripe onboarding (simulated)");
    expect(pageHtml).toContain(account.id);

    const done = await sim.handle(new Request(link.url, { method: "POST" }));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("https://console.example/return");
    const again = await sim.handle(new Request(link.url, { method: "POST" }));
    expect(again.headers.get("location")).toBe("https://console.example/refresh");

    const enabled = await stripe.accounts.retrieve(account.id);
    expect(enabled).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect(enabled.requirements?.currently_due).toEqual([]);
    expect(enabled.external_accounts?.data[0]).toMatchObject({ object: "bank_account", currency: "nok" });
    expect(sim.events().map((event) => event.type)).toEqual(["account.updated"]);
    expect(sim.events()[0]?.account).toBe(account.id);
  });

  it("updates the payout schedule and reports what changed", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const updated = await stripe.accounts.update(accountId, {
      settings: { payouts: { schedule: { interval: "manual" } } },
      metadata: { tenant: "t1" },
    });
    expect(updated.settings?.payouts?.schedule.interval).toBe("manual");
    expect(updated.metadata).toEqual({ tenant: "t1" });
    const event = sim.events().at(-1);
    expect(event?.type).toBe("account.updated");
    expect(event?.data.previous_attributes).toHaveProperty("settings");
    expect(event?.data.previous_attributes).toHaveProperty("metadata", {});
  });

  it("lets a test put requirements back, as Stripe does when it needs more information", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    sim.setRequirements(accountId, {
      past_due: ["individual.verification.document"],
      disabled_reason: "requirements.past_due",
      payouts_enabled: false,
    });
    const account = await stripe.accounts.retrieve(accountId);
    expect(account.payouts_enabled).toBe(false);
    expect(account.requirements?.past_due).toEqual(["individual.verification.document"]);
  });
});

describe("Stripe simulator: destination charges through Checkout", () => {
  it("refuses a destination that cannot take charges, an amount under the minimum and a fee over the amount", async () => {
    const { stripe } = setup();
    const account = await stripe.accounts.create({ type: "express", country: "NO" });
    const base = {
      mode: "payment" as const,
      success_url: "https://shop.example/ok",
      line_items: [{ price_data: { currency: "nok", unit_amount: 10_000, product_data: { name: "Plan" } }, quantity: 1 }],
    };
    await expect(
      stripe.checkout.sessions.create({ ...base, payment_intent_data: { transfer_data: { destination: account.id } } }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "insufficient_capabilities_for_transfer",
      param: "payment_intent_data[transfer_data][destination]",
    });
    await expect(
      stripe.checkout.sessions.create({ ...base, payment_intent_data: { transfer_data: { destination: "acct_nope" } } }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
    });
    await expect(
      stripe.checkout.sessions.create({
        ...base,
        line_items: [{ price_data: { currency: "nok", unit_amount: 100, product_data: { name: "x" } }, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: "amount_too_small" });
  });

  it("pays a session: charge, fee, transfer and destination payment, pending on both sides until available", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "nok", unit_amount: 5_000, product_data: { name: "Seat" } }, quantity: 2 }],
      payment_intent_data: { application_fee_amount: 2_000, transfer_data: { destination: accountId }, metadata: { sale: "s1" } },
      metadata: { order: "o1" },
      client_reference_id: "ref-1",
      success_url: "https://shop.example/ok?session={CHECKOUT_SESSION_ID}",
    });
    expect(session).toMatchObject({
      status: "open",
      payment_status: "unpaid",
      amount_total: 10_000,
      currency: "nok",
      payment_intent: null,
    });
    expect(session.success_url).toBe(`https://shop.example/ok?session=${session.id}`);
    expect(session.url).toContain(`/hosted/checkout/${session.id}`);

    await sim.completeCheckoutSession(session.id);
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid", metadata: { order: "o1" }, client_reference_id: "ref-1" });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: "succeeded", amount: 10_000, application_fee_amount: 2_000, metadata: { sale: "s1" } });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ paid: true, amount: 10_000, amount_refunded: 0, refunded: false, disputed: false });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: "visa", last4: "4242" });

    const platformTxn = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string);
    // 1.5 % + kr 2.00, the estimate @pc/shared uses for NOK.
    expect(platformTxn).toMatchObject({ type: "charge", amount: 10_000, fee: 350, net: 9_650, status: "pending" });
    expect(platformTxn.available_on - platformTxn.created).toBe(7 * 86_400);

    // Stripe's model for destination charges: the whole amount is transferred, the fee collected back.
    const transfer = await stripe.transfers.retrieve(charge.transfer as string);
    expect(transfer).toMatchObject({ amount: 10_000, destination: accountId, source_transaction: charge.id });
    expect(transfer.destination_payment).toMatch(/^py_/);
    const fee = await stripe.applicationFees.retrieve(charge.application_fee as string, { expand: ["balance_transaction"] });
    expect(fee).toMatchObject({
      amount: 2_000,
      account: accountId,
      charge: charge.id,
      originating_transaction: charge.id,
      amount_refunded: 0,
    });
    expect(fee.balance_transaction).toMatchObject({
      type: "application_fee",
      amount: 2_000,
      net: 2_000,
      source: fee.id,
      status: "pending",
    });
    const platformTxns = await stripe.balanceTransactions.list();
    expect(platformTxns.data.map((txn) => [txn.type, txn.amount, txn.net]).reverse()).toEqual([
      ["charge", 10_000, 9_650],
      ["transfer", -10_000, -10_000],
      ["application_fee", 2_000, 2_000],
    ]);

    const onAccount = { stripeAccount: accountId };
    // What the console does: the destination payment with its balance transaction, on the account.
    const payment = await stripe.charges.retrieve(transfer.destination_payment as string, { expand: ["balance_transaction"] }, onAccount);
    expect(payment).toMatchObject({ amount: 10_000, source_transfer: transfer.id });
    const paymentTxn = payment.balance_transaction as Stripe.BalanceTransaction;
    expect(paymentTxn).toMatchObject({
      type: "payment",
      amount: 10_000,
      fee: 2_000,
      net: 8_000,
      status: "pending",
      source: payment.id,
      fee_details: [{ type: "application_fee", amount: 2_000, currency: "nok", application: null, description: "Application fee" }],
    });
    expect(paymentTxn.available_on - paymentTxn.created).toBe(7 * 86_400);
    await expect(stripe.charges.retrieve(transfer.destination_payment as string)).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });

    expect((await stripe.balance.retrieve({}, onAccount)).pending).toEqual([
      { amount: 8_000, currency: "nok", source_types: { card: 8_000 } },
    ]);
    await sim.advanceTo(sim.clock() + 7 * DAY + 1000);
    const accountBalance = await stripe.balance.retrieve({}, onAccount);
    // A daily schedule pays the available funds out at the next midnight, so look before or after it.
    const settled = accountBalance.available[0]?.amount ?? 0;
    const paidOut = (await stripe.payouts.list({}, onAccount)).data.reduce((sum, payout) => sum + payout.amount, 0);
    expect(settled + paidOut).toBe(10_000 - 2_000);
    // The platform keeps its fee less Stripe's.
    expect((await stripe.balance.retrieve()).available).toEqual([{ amount: 2_000 - 350, currency: "nok", source_types: { card: 1_650 } }]);

    const types = sim.events().map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "checkout.session.completed",
        "payment_intent.succeeded",
        "charge.succeeded",
        "application_fee.created",
        "transfer.created",
        "balance.available",
      ]),
    );
    expect(sim.events().find((event) => event.type === "checkout.session.completed")?.account).toBeUndefined();
    expect(sim.events().some((event) => event.type === "balance.available" && event.account === accountId)).toBe(true);
  });

  it("hosted checkout page: a declined card shows the error and leaves the session open; 4242 pays and redirects", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "eur", unit_amount: 1_250, product_data: { name: "<b>Plan</b>" } }, quantity: 1 }],
      payment_intent_data: { application_fee_amount: 250, transfer_data: { destination: accountId } },
      success_url: "https://shop.example/ok",
      cancel_url: "https://shop.example/cancel",
    });
    const url = session.url as string;
    const html = await (await sim.handle(new Request(url))).text();
    expect(html).toContain("&#60;b&#62;Plan&#60;/b&#62;");
    expect(html).toContain("€12.50");
    expect(html).toContain('<label for="card">');

    const post = (form: Record<string, string>) => sim.handle(new Request(url, { method: "POST", body: new URLSearchParams(form) }));
    const declined = await post({ action: "pay", card: "4000 0000 0000 0002" });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await post({ action: "cancel" })).headers.get("location")).toBe("https://shop.example/cancel");

    const ok = await post({ action: "pay", card: "4242 4242 4242 4242" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("https://shop.example/ok");
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
    await expect(sim.completeCheckoutSession(session.id)).rejects.toThrow(/no longer active/);
  });

  it("completeCheckoutSession with a declining test card rejects with card_declined", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "nok", unit_amount: 10_000, product_data: { name: "Plan" } }, quantity: 1 }],
      payment_intent_data: { transfer_data: { destination: accountId } },
      success_url: "https://shop.example/ok",
    });
    await expect(sim.completeCheckoutSession(session.id, { card: "4000000000000002" })).rejects.toMatchObject({
      status: 402,
      body: { type: "card_error", code: "card_declined", decline_code: "generic_decline" },
    });
  });
});

describe("Stripe simulator: refunds, reversals and fee refunds", () => {
  it("a refund without reverse_transfer only debits the platform; the console reverses on its own", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const { charge, transfer } = await paidSale(sim, stripe, accountId);
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 3_000 });
    expect(refund).toMatchObject({ amount: 3_000, status: "succeeded", transfer_reversal: null });
    expect(await stripe.balanceTransactions.retrieve(refund.balance_transaction as string)).toMatchObject({
      type: "refund",
      amount: -3_000,
    });
    expect(await stripe.transfers.retrieve(transfer?.id as string)).toMatchObject({ amount_reversed: 0 });
    const refunded = await stripe.charges.retrieve(charge.id);
    expect(refunded).toMatchObject({ amount_refunded: 3_000, refunded: false });

    await expect(stripe.refunds.create({ charge: charge.id, amount: 7_001 })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "amount_too_large",
    });
    await stripe.refunds.create({ payment_intent: charge.payment_intent as string });
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 10_000, refunded: true });
    await expect(stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({ code: "charge_already_refunded" });
    const listed = await stripe.refunds.list({ charge: charge.id });
    expect(listed.data.map((entry) => entry.amount)).toEqual([7_000, 3_000]);
    expect((await stripe.refunds.list({ charge: "ch_other" })).data).toEqual([]);
    const refundedEvent = sim
      .events()
      .filter((event) => event.type === "charge.refunded")
      .at(-1);
    expect((refundedEvent?.data.object as Stripe.Charge | undefined)?.refunds?.data).toHaveLength(2);
  });

  it("reverse_transfer and refund_application_fee take back the whole refund less the fee's share from the partner, the rest on the last refund", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const onAccount = { stripeAccount: accountId };
    const { charge, transfer } = await paidSale(sim, stripe, accountId, { amount: 10_001, fee: 2_001 });
    const first = await stripe.refunds.create({ charge: charge.id, amount: 3_333, reverse_transfer: true, refund_application_fee: true });
    const reversal = (await stripe.transfers.retrieve(transfer?.id as string)).reversals.data[0];
    // floor(3 333 × 10 001 ÷ 10 001) = 3 333 reversed; floor(3 333 × 2 001 ÷ 10 001) = 666 of the fee refunded.
    expect(reversal).toMatchObject({ id: first.transfer_reversal, amount: 3_333, source_refund: first.id });
    // The console retrieves the reversal a refund made.
    const retrieved = await stripe.transfers.retrieveReversal(transfer?.id as string, first.transfer_reversal as string);
    expect(retrieved).toMatchObject({ amount: 3_333, destination_payment_refund: reversal?.destination_payment_refund });
    const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({ amount_refunded: 666 });
    const accountTxns = await stripe.balanceTransactions.list({}, onAccount);
    expect(accountTxns.data.map((txn) => [txn.type, txn.amount, txn.status, txn.source])).toEqual([
      ["application_fee_refund", 666, "available", fee.refunds.data[0]?.id],
      ["payment_refund", -3_333, "available", reversal?.destination_payment_refund],
      ["payment", 10_001, "pending", transfer?.destination_payment],
    ]);

    await stripe.refunds.create({ charge: charge.id, reverse_transfer: true, refund_application_fee: true });
    expect(await stripe.transfers.retrieve(transfer?.id as string)).toMatchObject({ amount_reversed: 10_001, reversed: true });
    expect(await stripe.applicationFees.retrieve(charge.application_fee as string)).toMatchObject({
      amount_refunded: 2_001,
      refunded: true,
    });
    // The partner gave back all it got (gross − fee); the platform is left with −Stripe's fee.
    const balance = await stripe.balance.retrieve({}, onAccount);
    expect((balance.available[0]?.amount ?? 0) + (balance.pending[0]?.amount ?? 0)).toBe(0);
    const platform = await stripe.balance.retrieve();
    expect((platform.available[0]?.amount ?? 0) + (platform.pending[0]?.amount ?? 0)).toBe(-estimateStripeFee(10_001, "NOK"));
  });

  it("transfer reversals: partial, then the rest, then refused; fee refunds likewise, each moving money", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const onAccount = { stripeAccount: accountId };
    const { charge, transfer } = await paidSale(sim, stripe, accountId);
    const transferId = transfer?.id as string;
    const available = async (options?: Stripe.RequestOptions) => (await stripe.balance.retrieve({}, options)).available[0]?.amount ?? 0;
    const reversal = await stripe.transfers.createReversal(transferId, { amount: 3_000, metadata: { refund: "r1" } });
    expect(reversal).toMatchObject({ amount: 3_000, transfer: transferId, metadata: { refund: "r1" } });
    expect(reversal.destination_payment_refund).toMatch(/^pyr_/);
    expect(await stripe.balanceTransactions.retrieve(reversal.balance_transaction as string)).toMatchObject({
      type: "transfer_refund",
      amount: 3_000,
      source: reversal.id,
    });
    const [paymentRefund] = (await stripe.balanceTransactions.list({ type: "payment_refund" }, onAccount)).data;
    expect(paymentRefund).toMatchObject({ amount: -3_000, status: "available", source: reversal.destination_payment_refund });
    expect(await available(onAccount)).toBe(-3_000);
    await expect(stripe.transfers.createReversal(transferId, { amount: 7_001 })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "amount",
    });
    await stripe.transfers.createReversal(transferId);
    expect(await stripe.transfers.retrieve(transferId)).toMatchObject({ amount_reversed: 10_000, reversed: true });
    expect((await stripe.transfers.retrieveReversal(transferId, reversal.id)).amount).toBe(3_000);
    await expect(stripe.transfers.retrieveReversal(transferId, "trr_missing")).rejects.toMatchObject({ statusCode: 404 });
    expect((await stripe.transfers.listReversals(transferId)).data.map((entry) => entry.amount)).toEqual([7_000, 3_000]);
    await expect(stripe.transfers.createReversal(transferId, { amount: 1 })).rejects.toThrow(/fully reversed/);
    expect(sim.events().filter((event) => event.type === "transfer.reversed")).toHaveLength(2);
    expect(await available(onAccount)).toBe(-10_000);

    const platformBefore = await available();
    const feeId = charge.application_fee as string;
    const feeRefund = await stripe.applicationFees.createRefund(feeId, { amount: 500 });
    expect(feeRefund).toMatchObject({ object: "fee_refund", amount: 500, fee: feeId });
    expect(await stripe.balanceTransactions.retrieve(feeRefund.balance_transaction as string)).toMatchObject({
      type: "application_fee_refund",
      amount: -500,
      source: feeRefund.id,
    });
    const [accountSide] = (await stripe.balanceTransactions.list({ type: "application_fee_refund" }, onAccount)).data;
    expect(accountSide).toMatchObject({ amount: 500, net: 500, status: "available", source: feeRefund.id });
    expect(await available(onAccount)).toBe(-9_500);
    expect(await available()).toBe(platformBefore - 500);
    await expect(stripe.applicationFees.createRefund(feeId, { amount: 1_501 })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    });
    await stripe.applicationFees.createRefund(feeId);
    expect(await stripe.applicationFees.retrieve(feeId)).toMatchObject({ amount_refunded: 2_000, refunded: true });
    expect(await available(onAccount)).toBe(-8_000);
    expect(sim.events().filter((event) => event.type === "application_fee.refunded")).toHaveLength(2);

    // Once the payment is available the partner is back at zero: it returned gross − fee.
    await sim.advanceTo(sim.clock() + 7 * DAY + 1000);
    expect(await available(onAccount)).toBe(0);
  });
});

describe("Stripe simulator: disputes and transfers", () => {
  it("a lost dispute debits the platform amount plus fee; a won one returns the amount, and a transfer can give the partner its share back", async () => {
    const { sim, stripe } = setup();
    const accountId = await onboardedAccount(sim, stripe);
    const lost = await paidSale(sim, stripe, accountId, { amount: 10_000, fee: 2_000 });
    const won = await paidSale(sim, stripe, accountId, { amount: 20_000, fee: 4_000 });
    await sim.advanceTo(sim.clock() + 8 * DAY);
    const before = (await stripe.balance.retrieve()).available[0]?.amount ?? 0;

    const first = sim.createDispute(lost.charge.id);
    expect(first).toMatchObject({ amount: 10_000, status: "needs_response", reason: "fraudulent" });
    expect(await stripe.charges.retrieve(lost.charge.id)).toMatchObject({ disputed: true });
    sim.closeDispute(first.id, "lost");
    expect(await stripe.disputes.retrieve(first.id)).toMatchObject({ status: "lost" });
    expect((await stripe.disputes.list({ charge: lost.charge.id })).data.map((dispute) => dispute.id)).toEqual([first.id]);

    const second = sim.createDispute(won.charge.id, { amount: 20_000, reason: "product_not_received" });
    await expect(stripe.refunds.create({ charge: won.charge.id })).rejects.toMatchObject({ code: "charge_disputed" });
    sim.closeDispute(second.id, "won");
    expect(() => sim.closeDispute(second.id, "lost")).toThrow(/already closed/);
    const after = (await stripe.balance.retrieve()).available[0]?.amount ?? 0;
    expect(before - after).toBe(10_000 + 1_500 + 1_500);
    expect(
      sim
        .events()
        .filter((event) => event.type === "charge.dispute.closed")
        .map((event) => (event.data.object as Stripe.Dispute).status),
    ).toEqual(["lost", "won"]);

    // The platform kept only its fee (less Stripe's), so the disputes left it short until new funds arrive.
    const giveBackParams = { amount: 1_000, currency: "nok", destination: accountId, metadata: { dispute: second.id } };
    await expect(stripe.transfers.create(giveBackParams)).rejects.toMatchObject({ code: "balance_insufficient" });
    await paidSale(sim, stripe, accountId, { amount: 100_000, fee: 20_000, card: "4000000000000077" });
    const giveBack = await stripe.transfers.create(giveBackParams);
    expect(giveBack.destination_payment).toMatch(/^py_/);
    const onAccount = await stripe.balanceTransactions.list({ type: "payment", limit: 1 }, { stripeAccount: accountId });
    expect(onAccount.data[0]).toMatchObject({
      amount: 1_000,
      fee: 0,
      net: 1_000,
      status: "available",
      source: giveBack.destination_payment,
    });
  });
});
