// Connected accounts (Express/Custom), their payout schedule, and onboarding through account links.

import { WEEKDAY_NAMES } from "../clock.js";
import type { ApiCall, SimContext } from "../context.js";
import { invalidRequest, noSuch } from "../errors.js";
import { applyMetadata, optionalInteger, optionalObject, optionalString, requiredString } from "../form.js";
import { newId, randomBase62 } from "../ids.js";
import type { Account, AccountLink, BankAccount, PayoutInterval, PayoutSchedule, Requirements } from "../types.js";

const INITIAL_REQUIREMENTS = [
  "business_type",
  "external_account",
  "tos_acceptance.date",
  "tos_acceptance.ip",
  "representative.first_name",
  "representative.last_name",
];

const COUNTRY_CURRENCIES: Record<string, string> = {
  NO: "nok",
  US: "usd",
  GB: "gbp",
  SE: "sek",
  DK: "dkk",
  CH: "chf",
  PL: "pln",
  CZ: "czk",
  HU: "huf",
  IS: "isk",
  JP: "jpy",
  AU: "aud",
  CA: "cad",
};

function currencyOfCountry(country: string): string {
  // Every other country we serve is in the euro area.
  return COUNTRY_CURRENCIES[country] ?? "eur";
}

const ACCOUNT_LINK_TTL_S = 300;
const INTERVALS: readonly PayoutInterval[] = ["daily", "weekly", "monthly", "manual"];

export function createAccount(ctx: SimContext, call: ApiCall): Account {
  const type = optionalString(call.params, "type") ?? "express";
  if (!["express", "custom", "standard"].includes(type)) throw invalidRequest(`Invalid type: ${type}`, { param: "type" });
  const country = (optionalString(call.params, "country") ?? "US").toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw invalidRequest(`Invalid country: ${country}`, { param: "country" });
  const requested = Object.keys(optionalObject(call.params, "capabilities") ?? { card_payments: {}, transfers: {} });
  const account: Account = {
    id: newId("acct"),
    object: "account",
    type,
    country,
    email: optionalString(call.params, "email") ?? null,
    default_currency: currencyOfCountry(country),
    created: ctx.unix(),
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    business_type: optionalString(call.params, "business_type") ?? null,
    business_profile: { mcc: null, name: null, url: null, ...(optionalObject(call.params, "business_profile") ?? {}) },
    capabilities: Object.fromEntries(requested.map((name) => [name, "inactive" as const])),
    requirements: {
      currently_due: [...INITIAL_REQUIREMENTS],
      eventually_due: [...INITIAL_REQUIREMENTS],
      past_due: [],
      pending_verification: [],
      errors: [],
      current_deadline: null,
      disabled_reason: "requirements.past_due",
    },
    settings: {
      payouts: {
        schedule: { interval: "daily", delay_days: ctx.payoutDelayDays },
        debit_negative_balances: true,
        statement_descriptor: null,
      },
    },
    external_accounts: { object: "list", data: [], has_more: false, url: "" },
    metadata: applyMetadata({}, call.params),
    livemode: false,
  };
  account.external_accounts.url = `/v1/accounts/${account.id}/external_accounts`;
  account.settings.payouts.schedule = readSchedule(ctx, call, account.settings.payouts.schedule);
  return ctx.store.put(account);
}

/** A caller on a connected account may only see that account. */
export function retrieveAccount(ctx: SimContext, call: ApiCall, id: string): Account {
  const account = ctx.store.require(id, "account");
  if (call.account && call.account !== id) throw noSuch("account", id);
  return account;
}

function readSchedule(ctx: SimContext, call: ApiCall, current: PayoutSchedule): PayoutSchedule {
  const base = "settings[payouts][schedule]";
  if (!optionalObject(call.params, base)) return current;
  const interval = (optionalString(call.params, `${base}[interval]`) ?? current.interval) as PayoutInterval;
  if (!INTERVALS.includes(interval)) throw invalidRequest(`Invalid interval: ${interval}`, { param: `${base}[interval]` });
  const delayRaw = optionalString(call.params, `${base}[delay_days]`);
  const delayDays =
    delayRaw === "minimum" ? ctx.payoutDelayDays : (optionalInteger(call.params, `${base}[delay_days]`) ?? current.delay_days);
  if (delayDays > 365) throw invalidRequest("delay_days must be at most 365.", { param: `${base}[delay_days]` });
  const next: PayoutSchedule = { interval, delay_days: delayDays };
  if (interval === "weekly") {
    const anchor = optionalString(call.params, `${base}[weekly_anchor]`) ?? current.weekly_anchor ?? "monday";
    if (!WEEKDAY_NAMES.includes(anchor)) throw invalidRequest(`Invalid weekly_anchor: ${anchor}`, { param: `${base}[weekly_anchor]` });
    next.weekly_anchor = anchor;
  }
  if (interval === "monthly") {
    const anchor = optionalInteger(call.params, `${base}[monthly_anchor]`, 1) ?? current.monthly_anchor ?? 1;
    if (anchor > 31) throw invalidRequest("monthly_anchor must be between 1 and 31.", { param: `${base}[monthly_anchor]` });
    next.monthly_anchor = anchor;
  }
  return next;
}

/** Top-level fields of `before` that differ in `after`, with their old values: Stripe's previous_attributes. */
function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify(after[key])) previous[key] = value;
  }
  return previous;
}

function emitAccountUpdated(ctx: SimContext, before: Account, after: Account): void {
  const previous = changedAttributes(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(previous).length > 0) ctx.emit("account.updated", after, { account: after.id, previous });
}

export function updateAccount(ctx: SimContext, call: ApiCall, id: string): Account {
  const account = retrieveAccount(ctx, call, id);
  const before = structuredClone(account);
  const email = optionalString(call.params, "email");
  if (email !== undefined) account.email = email || null;
  const profile = optionalObject(call.params, "business_profile");
  if (profile) account.business_profile = { ...account.business_profile, ...profile };
  account.metadata = applyMetadata(account.metadata, call.params);
  account.settings.payouts.schedule = readSchedule(ctx, call, account.settings.payouts.schedule);
  emitAccountUpdated(ctx, before, account);
  return account;
}

export function createAccountLink(ctx: SimContext, call: ApiCall): AccountLink {
  const accountId = requiredString(call.params, "account");
  ctx.store.scoped(accountId, "account", null, "account");
  const type = requiredString(call.params, "type");
  if (type !== "account_onboarding" && type !== "account_update") throw invalidRequest(`Invalid type: ${type}`, { param: "type" });
  const refreshUrl = requiredString(call.params, "refresh_url");
  const returnUrl = requiredString(call.params, "return_url");
  const created = ctx.unix();
  const token = randomBase62(32);
  ctx.store.state.accountLinks[token] = { account: accountId, refreshUrl, returnUrl, expiresAt: created + ACCOUNT_LINK_TTL_S, used: false };
  return {
    object: "account_link",
    url: `${ctx.publicUrl()}/hosted/onboarding/${token}`,
    created,
    expires_at: created + ACCOUNT_LINK_TTL_S,
  };
}

function bankAccount(account: Account): BankAccount {
  const last4 = String(1000 + Math.floor(Math.random() * 9000));
  return {
    id: newId("ba"),
    object: "bank_account",
    account: account.id,
    account_holder_name: null,
    account_holder_type: "individual",
    bank_name: "STRIPE TEST BANK",
    country: account.country,
    currency: account.default_currency,
    default_for_currency: true,
    fingerprint: randomBase62(16),
    last4,
    status: "new",
  };
}

const CLEARED: Requirements = {
  currently_due: [],
  eventually_due: [],
  past_due: [],
  pending_verification: [],
  errors: [],
  current_deadline: null,
  disabled_reason: null,
};

export function completeOnboarding(ctx: SimContext, accountId: string): Account {
  const account = ctx.store.require(accountId, "account");
  const before = structuredClone(account);
  account.requirements = structuredClone(CLEARED);
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.details_submitted = true;
  account.capabilities = Object.fromEntries(
    Object.keys({ card_payments: 1, transfers: 1, ...account.capabilities }).map((name) => [name, "active" as const]),
  );
  if (account.external_accounts.data.length === 0) account.external_accounts.data.push(bankAccount(account));
  emitAccountUpdated(ctx, before, account);
  return account;
}

export interface RequirementsUpdate {
  currently_due?: string[];
  past_due?: string[];
  eventually_due?: string[];
  current_deadline?: number | null;
  disabled_reason?: string | null;
  charges_enabled?: boolean;
  payouts_enabled?: boolean;
}

export function setRequirements(ctx: SimContext, accountId: string, update: RequirementsUpdate): Account {
  const account = ctx.store.require(accountId, "account");
  const before = structuredClone(account);
  const { charges_enabled, payouts_enabled, ...requirements } = update;
  account.requirements = { ...account.requirements, ...requirements };
  if (charges_enabled !== undefined) account.charges_enabled = charges_enabled;
  if (payouts_enabled !== undefined) account.payouts_enabled = payouts_enabled;
  emitAccountUpdated(ctx, before, account);
  return account;
}

/** The bank account payouts of this account go to. */
export function payoutDestination(account: Account | undefined): string | null {
  return account?.external_accounts.data[0]?.id ?? null;
}
