// Payouts to a connected account's bank account. Automatic payouts sweep the whole available
// balance of a currency and remember which balance transactions they paid out (for
// `GET /v1/balance_transactions?payout=`). A payout goes pending → in_transit (a day later) →
// paid at its arrival date, or failed, when the control API asked for failures on the account.
import { DAY_S } from "../clock.js";
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest } from "../errors.js";
import { applyMetadata, currencyParam, optionalString, requiredInteger } from "../form.js";
import { newId } from "../ids.js";
import { type Page, paginate } from "../render.js";
import type { Payout, PayoutStatus } from "../types.js";
import { payoutDestination } from "./accounts.js";
import { availableByCurrency, recordTransaction } from "./balance.js";

/** Stripe's failure_message for each failure_code it documents for payouts. */
export const PAYOUT_FAILURE_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  account_closed: "The bank account has been closed.",
  account_frozen: "The bank account has been frozen.",
  bank_account_restricted:
    "The bank account has restrictions on either the type, or the number, of payouts allowed. This normally indicates that the bank account is a savings or other non-checking account.",
  bank_ownership_changed: "The destination bank account is no longer valid because its branch has changed ownership.",
  could_not_process: "The bank could not process this payout.",
  debit_not_authorized:
    "Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)",
  declined: "The bank has declined this transfer. Please contact the bank before retrying.",
  insufficient_funds: "Your Stripe account has insufficient funds to cover the payout.",
  invalid_account_number: "The routing number seems correct, but the account number is invalid.",
  incorrect_account_holder_name: "Your bank notified us that the bank account holder name on file is incorrect.",
  invalid_currency:
    "The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.",
  no_account: "The bank account details on file are probably incorrect. No bank account could be located with those details.",
  unsupported_card: "The bank no longer supports payouts to this card.",
});

const ARRIVAL_DAYS = 2;

function newPayout(
  ctx: SimContext,
  owner: string | null,
  input: { amount: number; currency: string; automatic: boolean; metadata?: Record<string, string> },
): Payout {
  const id = newId("po");
  const created = ctx.unix();
  const txn = recordTransaction(ctx, owner, { amount: -input.amount, currency: input.currency, type: "payout", source: id });
  const destination = owner ? payoutDestination(ctx.store.get(owner, "account")) : null;
  const payout = ctx.store.put<Payout>(
    {
      id,
      object: "payout",
      amount: input.amount,
      currency: input.currency,
      arrival_date: created + ARRIVAL_DAYS * DAY_S,
      automatic: input.automatic,
      balance_transaction: txn.id,
      created,
      description: input.automatic ? "STRIPE PAYOUT" : null,
      destination,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      metadata: input.metadata ?? {},
      method: "standard",
      source_type: "card",
      statement_descriptor: null,
      status: "pending",
      type: "bank_account",
      livemode: false,
    },
    owner,
  );
  if (input.automatic) ctx.store.state.paidOutBy[txn.id] = id;
  ctx.emit("payout.created", payout, { account: owner });
  return payout;
}

export function isPayoutEligible(ctx: SimContext, accountId: string): boolean {
  const account = ctx.store.get(accountId, "account");
  return (
    !!account && account.payouts_enabled && account.settings.payouts.schedule.interval !== "manual" && payoutDestination(account) !== null
  );
}

/** Pays out each currency's whole available balance of the account, if positive. */
export function runAutomaticPayouts(ctx: SimContext, accountId: string): Payout[] {
  const now = ctx.unix();
  const created: Payout[] = [];
  for (const [currency, amount] of availableByCurrency(ctx, accountId)) {
    if (amount <= 0) continue;
    // Everything available and not yet paid out makes up the payout, including earlier manual
    // payouts and failures, so the listed transactions always add up to the amount.
    const swept = ctx.store
      .all("balance_transaction", accountId)
      .filter((txn) => txn.currency === currency && txn.available_on <= now && !ctx.store.state.paidOutBy[txn.id]);
    const payout = newPayout(ctx, accountId, { amount, currency, automatic: true });
    for (const txn of swept) ctx.store.state.paidOutBy[txn.id] = payout.id;
    created.push(payout);
  }
  return created;
}

function setStatus(ctx: SimContext, payout: Payout, status: PayoutStatus, change: Partial<Payout> = {}): void {
  const owner = ctx.store.ownerOf(payout.id);
  const previous: Record<string, unknown> = { status: payout.status };
  for (const key of Object.keys(change)) previous[key] = payout[key as keyof Payout];
  Object.assign(payout, change, { status });
  ctx.emit("payout.updated", payout, { account: owner, previous });
  if (status === "paid" || status === "failed" || status === "canceled") ctx.emit(`payout.${status}`, payout, { account: owner });
}

/** Moves every payout along its timeline up to the current simulator time. */
export function progressPayouts(ctx: SimContext): void {
  const now = ctx.unix();
  for (const payout of ctx.store.all("payout")) {
    if (payout.status === "pending" && now >= payout.created + DAY_S) setStatus(ctx, payout, "in_transit");
    if (payout.status === "in_transit" && now >= payout.arrival_date) arrive(ctx, payout);
  }
}

function arrive(ctx: SimContext, payout: Payout): void {
  const owner = ctx.store.ownerOf(payout.id);
  const failureCode = owner ? ctx.store.state.payoutFailures[owner] : undefined;
  if (!failureCode) {
    setStatus(ctx, payout, "paid");
    return;
  }
  // The bank sends the money back: available again, and swept into a later payout.
  const txn = recordTransaction(ctx, owner, {
    amount: payout.amount,
    currency: payout.currency,
    type: "payout_failure",
    source: payout.id,
  });
  setStatus(ctx, payout, "failed", {
    failure_code: failureCode,
    failure_message: PAYOUT_FAILURE_MESSAGES[failureCode] ?? "The payout failed.",
    failure_balance_transaction: txn.id,
  });
}

export function setPayoutFailures(ctx: SimContext, accountId: string, failureCode: string | null): void {
  ctx.store.require(accountId, "account");
  if (failureCode === null) {
    delete ctx.store.state.payoutFailures[accountId];
    return;
  }
  if (!Object.hasOwn(PAYOUT_FAILURE_MESSAGES, failureCode)) {
    throw invalidRequest(`Unknown payout failure_code: ${failureCode}. Known: ${Object.keys(PAYOUT_FAILURE_MESSAGES).join(", ")}.`, {
      param: "failure_code",
    });
  }
  ctx.store.state.payoutFailures[accountId] = failureCode;
}

export function apiCreatePayout(ctx: SimContext, call: ApiCall): Payout {
  const amount = requiredInteger(call.params, "amount", 1);
  const currency = currencyParam(call.params, "currency");
  if (call.account && !payoutDestination(ctx.store.get(call.account, "account"))) {
    throw invalidRequest(`You don't have any external accounts in that currency (${currency}).`, {
      param: "currency",
      code: "no_external_account",
    });
  }
  const available = availableByCurrency(ctx, call.account).get(currency) ?? 0;
  if (amount > available) {
    throw invalidRequest(
      "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
      { code: "balance_insufficient" },
    );
  }
  return newPayout(ctx, call.account, { amount, currency, automatic: false, metadata: applyMetadata({}, call.params) });
}

export function retrievePayout(ctx: SimContext, call: ApiCall, id: string): Payout {
  return ctx.store.scoped(id, "payout", call.account);
}

export function listPayouts(ctx: SimContext, call: ApiCall, page: Page) {
  const status = optionalString(call.params, "status");
  const items = ctx.store.all("payout", call.account).filter((payout) => status === undefined || payout.status === status);
  return paginate(items.reverse(), page, "/v1/payouts");
}

export function cancelPayout(ctx: SimContext, call: ApiCall, id: string): Payout {
  const payout = retrievePayout(ctx, call, id);
  if (payout.automatic) throw invalidRequest("Automatic payouts cannot be canceled.", { code: "payout_not_cancelable" });
  if (payout.status !== "pending")
    throw invalidRequest(`Payouts can only be canceled while they are pending; this one is ${payout.status}.`);
  recordTransaction(ctx, call.account, { amount: payout.amount, currency: payout.currency, type: "payout_cancel", source: payout.id });
  setStatus(ctx, payout, "canceled");
  return payout;
}
