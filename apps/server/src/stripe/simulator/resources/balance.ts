// Balance transactions and the balance they add up to. A transaction is available once its
// available_on has passed; payouts are negative transactions, so they come off the available side.
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest, noSuch } from "../errors.js";
import { optionalInteger, optionalString } from "../form.js";
import { newId } from "../ids.js";
import { type Page, paginate } from "../render.js";
import type { Balance, BalanceTransaction, FeeDetail } from "../types.js";

const REPORTING_CATEGORIES: Record<string, string> = {
  charge: "charge",
  payment: "charge",
  refund: "refund",
  payment_refund: "refund",
  transfer: "transfer",
  transfer_refund: "transfer_reversal",
  payout: "payout",
  payout_cancel: "payout_reversal",
  payout_failure: "payout_reversal",
  application_fee: "platform_earning",
  application_fee_refund: "platform_earning_refund",
  adjustment: "other_adjustment",
};

export interface TransactionInput {
  amount: number;
  currency: string;
  type: string;
  source: string | null;
  fee?: number;
  feeDetails?: FeeDetail[];
  /** Unix seconds; now when absent. */
  availableOn?: number;
  description?: string | null;
  reportingCategory?: string;
}

export function recordTransaction(ctx: SimContext, owner: string | null, input: TransactionInput): BalanceTransaction {
  const created = ctx.unix();
  const fee = input.fee ?? 0;
  const availableOn = input.availableOn ?? created;
  return ctx.store.put<BalanceTransaction>(
    {
      id: newId("txn"),
      object: "balance_transaction",
      amount: input.amount,
      fee,
      net: input.amount - fee,
      fee_details: input.feeDetails ?? [],
      currency: input.currency,
      created,
      available_on: availableOn,
      status: availableOn <= created ? "available" : "pending",
      type: input.type,
      reporting_category: input.reportingCategory ?? REPORTING_CATEGORIES[input.type] ?? "other_adjustment",
      source: input.source,
      description: input.description ?? null,
      exchange_rate: null,
      balance_type: "payments",
    },
    owner,
  );
}

export function stripeFeeDetail(amount: number, currency: string, description: string): FeeDetail {
  return { type: "stripe_fee", amount, currency, description, application: null };
}

/** Net available per currency for `owner` (null: the platform). */
export function availableByCurrency(ctx: SimContext, owner: string | null): Map<string, number> {
  const now = ctx.unix();
  const totals = new Map<string, number>();
  for (const txn of ctx.store.all("balance_transaction", owner)) {
    if (txn.available_on <= now) totals.set(txn.currency, (totals.get(txn.currency) ?? 0) + txn.net);
  }
  return totals;
}

export function computeBalance(ctx: SimContext, owner: string | null): Balance {
  const now = ctx.unix();
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  if (owner) {
    const currency = ctx.store.get(owner, "account")?.default_currency;
    if (currency) {
      available.set(currency, 0);
      pending.set(currency, 0);
    }
  }
  for (const txn of ctx.store.all("balance_transaction", owner)) {
    const side = txn.available_on <= now ? available : pending;
    side.set(txn.currency, (side.get(txn.currency) ?? 0) + txn.net);
    // Stripe lists every currency the account has seen on both sides.
    for (const other of [available, pending]) if (!other.has(txn.currency)) other.set(txn.currency, 0);
  }
  const entries = (totals: Map<string, number>) =>
    [...totals].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
  return { object: "balance", available: entries(available), pending: entries(pending), livemode: false };
}

export function retrieveBalance(ctx: SimContext, call: ApiCall): Balance {
  return computeBalance(ctx, call.account);
}

export function retrieveBalanceTransaction(ctx: SimContext, call: ApiCall, id: string): BalanceTransaction {
  return ctx.store.scoped(id, "balance_transaction", call.account);
}

function createdFilter(call: ApiCall): (created: number) => boolean {
  const raw = call.params.created;
  if (typeof raw === "string") {
    const exact = optionalInteger(call.params, "created");
    return (created) => created === exact;
  }
  const bounds = {
    gt: optionalInteger(call.params, "created[gt]"),
    gte: optionalInteger(call.params, "created[gte]"),
    lt: optionalInteger(call.params, "created[lt]"),
    lte: optionalInteger(call.params, "created[lte]"),
  };
  return (created) =>
    (bounds.gt === undefined || created > bounds.gt) &&
    (bounds.gte === undefined || created >= bounds.gte) &&
    (bounds.lt === undefined || created < bounds.lt) &&
    (bounds.lte === undefined || created <= bounds.lte);
}

export function listBalanceTransactions(ctx: SimContext, call: ApiCall, page: Page) {
  const payoutId = optionalString(call.params, "payout");
  const type = optionalString(call.params, "type");
  const currency = optionalString(call.params, "currency")?.toLowerCase();
  const source = optionalString(call.params, "source");
  const inRange = createdFilter(call);
  let items = ctx.store.all("balance_transaction", call.account);
  if (payoutId) {
    const payout = ctx.store.get(payoutId, "payout");
    if (!payout || ctx.store.ownerOf(payoutId) !== call.account) throw noSuch("payout", payoutId, "payout");
    if (!payout.automatic)
      throw invalidRequest("Balance transaction history can only be filtered on automatic transfers, not manual.", { param: "payout" });
    // Stripe lists what the payout paid out together with the payout's own transaction.
    items = items.filter((txn) => ctx.store.state.paidOutBy[txn.id] === payoutId || txn.id === payout.balance_transaction);
  }
  items = items.filter(
    (txn) =>
      (type === undefined || txn.type === type) &&
      (currency === undefined || txn.currency === currency) &&
      (source === undefined || txn.source === source) &&
      inRange(txn.created),
  );
  return paginate(items.reverse(), page, "/v1/balance_transactions");
}
