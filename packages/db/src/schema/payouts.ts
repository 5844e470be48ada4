/**
 * Payouts: each tenant's Stripe connected account, the sales made on its storefront (destination
 * charges), what refunds and disputes took back, the payouts Stripe made to the partner's bank and
 * the balance transactions each one paid out, the webhook events received, and revenue share
 * changes waiting for a second person's approval.
 *
 * Amounts are integer minor units of the row's currency (bigint). Rows arrive from Stripe's webhooks
 * keyed by Stripe's ids (unique), so applying an event twice changes nothing; money rows are never
 * deleted and their amounts never change (triggers in 0016_payouts_rules).
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { allTenants, createdAt, tenantIsolation, timestamps } from "./columns.js";
import { tenants } from "./tenants.js";

const at = () => timestamp({ withTimezone: true, mode: "date" });
const minor = () => bigint({ mode: "number" });

/** What Stripe still needs from the partner (Stripe's `requirements`, camel-cased). */
export interface StripeRequirementsRow {
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  pendingVerification: string[];
  /** Unix seconds. */
  currentDeadline: number | null;
  disabledReason: string | null;
}

export interface PayoutScheduleRow {
  interval: "daily" | "weekly" | "monthly" | "manual";
  delayDays: number;
  weeklyAnchor?: string;
  monthlyAnchor?: number;
}

export interface BalanceSnapshotRow {
  available: Array<{ amount: number; currency: string }>;
  pending: Array<{ amount: number; currency: string }>;
  /** ISO time the snapshot was read from Stripe. */
  fetchedAt: string;
}

/** One connected account per tenant, as last read from Stripe, and the hold finance put on it. */
export const stripeAccounts = pgTable(
  "stripe_accounts",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id),
    stripeAccountId: text().notNull(),
    chargesEnabled: boolean().notNull().default(false),
    payoutsEnabled: boolean().notNull().default(false),
    detailsSubmitted: boolean().notNull().default(false),
    requirements: jsonb().$type<StripeRequirementsRow>().notNull(),
    payoutSchedule: jsonb().$type<PayoutScheduleRow>().notNull(),
    balance: jsonb().$type<BalanceSnapshotRow>(),
    /** Payouts held by finance: the schedule at Stripe is manual while this is set. */
    holdReason: text(),
    heldBy: uuid(),
    heldAt: at(),
    /** The schedule to restore on release. */
    scheduleBeforeHold: jsonb().$type<PayoutScheduleRow>(),
    /** When the row last matched Stripe (an event's or a fetch's time): older news never overwrites newer. */
    syncedAt: at().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("stripe_accounts_account_key").on(t.stripeAccountId), tenantIsolation("stripe_accounts")],
).enableRLS();

/**
 * A storefront sale: created when the checkout is asked for (open), paid when Stripe says the
 * session completed. The price and split are fixed at creation from the price book version in
 * effect; refunds and disputes are adjustments, never edits of these amounts.
 */
export const sales = pgTable(
  "sales",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    status: text({ enum: ["open", "paid", "expired"] })
      .notNull()
      .default("open"),
    checkoutSessionId: text().notNull(),
    currency: text().notNull(),
    kind: text({ enum: ["tracks", "bundle"] }).notNull(),
    tracks: integer().notNull(),
    priceBookVersionId: uuid().notNull(),
    priceVersion: integer().notNull(),
    revenueShareBps: integer().notNull(),
    gross: minor().notNull(),
    platformFee: minor().notNull(),
    partnerShare: minor().notNull(),
    /** Stripe's processing fee (paid by the platform on destination charges), known once paid. */
    stripeFee: minor(),
    paymentIntentId: text(),
    chargeId: text(),
    transferId: text(),
    /** The transfer as the connected account sees it (`py_…`): how payout items find their sale. */
    destinationPaymentId: text(),
    applicationFeeId: text(),
    /** When the partner's share becomes available for payout. */
    availableOn: at(),
    /** Taken back from the customer side by refunds and disputes (a won dispute is its own adjustment). */
    amountRefunded: minor().notNull().default(0),
    partnerReversed: minor().notNull().default(0),
    platformFeeRefunded: minor().notNull().default(0),
    paidAt: at(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("sales_checkout_session_key").on(t.checkoutSessionId),
    uniqueIndex("sales_charge_key").on(t.chargeId),
    uniqueIndex("sales_destination_payment_key").on(t.destinationPaymentId),
    index("sales_tenant_paid_idx").on(t.tenantId, t.paidAt),
    index("sales_paid_idx").on(t.paidAt, t.id),
    check(
      "sales_split_adds_up",
      sql`${t.platformFee} + ${t.partnerShare} = ${t.gross} and ${t.platformFee} >= 0 and ${t.partnerShare} >= 0`,
    ),
    check(
      "sales_refunds_within_sale",
      sql`${t.amountRefunded} between 0 and ${t.gross} and ${t.partnerReversed} between 0 and ${t.partnerShare} and ${t.platformFeeRefunded} between 0 and ${t.platformFee}`,
    ),
    tenantIsolation("sales"),
  ],
).enableRLS();

/**
 * What a refund or dispute took back from a sale (and a won dispute gave back): the customer-side
 * amount, the partner's part (a transfer reversal, or a new transfer when reinstated) and the
 * platform fee's part.
 */
export const saleAdjustments = pgTable(
  "sale_adjustments",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    saleId: uuid().notNull(),
    kind: text({ enum: ["refund", "dispute", "dispute_reinstated"] }).notNull(),
    /** `re_…`, `du_…`, or `du_…:reinstated`: one row per Stripe object and effect. */
    stripeObjectId: text().notNull(),
    currency: text().notNull(),
    amount: minor().notNull(),
    partnerAmount: minor().notNull(),
    platformAmount: minor().notNull(),
    /** refund: succeeded / failed; dispute: Stripe's dispute status, moving forward only. */
    status: text().notNull(),
    reason: text(),
    /** The transfer reversal (`trr_…`) or reinstating transfer (`tr_…`). */
    transferMovementId: text(),
    /** How the connected account sees that movement (`pyr_…` or `py_…`): matches payout items. */
    accountTransactionSourceId: text(),
    /** The application fee refund (`fr_…`) that gave the partner back the platform's part. */
    feeRefundId: text(),
    occurredAt: at().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.saleId], foreignColumns: [sales.tenantId, sales.id] }),
    uniqueIndex("sale_adjustments_stripe_object_key").on(t.stripeObjectId),
    index("sale_adjustments_sale_idx").on(t.tenantId, t.saleId),
    index("sale_adjustments_source_idx").on(t.accountTransactionSourceId),
    index("sale_adjustments_fee_refund_idx").on(t.feeRefundId),
    check("sale_adjustments_parts", sql`${t.amount} >= 0 and ${t.partnerAmount} >= 0 and ${t.platformAmount} >= 0`),
    tenantIsolation("sale_adjustments"),
  ],
).enableRLS();

export const PAYOUT_STATUSES = ["pending", "in_transit", "paid", "failed", "canceled"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A payout from a partner's connected account to its bank. */
export const payouts = pgTable(
  "payouts",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    stripePayoutId: text().notNull(),
    amount: minor().notNull(),
    currency: text().notNull(),
    status: text({ enum: PAYOUT_STATUSES }).notNull(),
    automatic: boolean().notNull(),
    arrivalDate: at().notNull(),
    stripeCreatedAt: at().notNull(),
    failureCode: text(),
    failureMessage: text(),
    /** When the payout's balance transactions were last read from Stripe (reconciliation). */
    itemsSyncedAt: at(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("payouts_stripe_payout_key").on(t.stripePayoutId),
    index("payouts_created_idx").on(t.stripeCreatedAt, t.id),
    index("payouts_tenant_created_idx").on(t.tenantId, t.stripeCreatedAt),
    index("payouts_status_idx").on(t.status),
    check("payouts_amount_positive", sql`${t.amount} > 0`),
    tenantIsolation("payouts"),
  ],
).enableRLS();

/** The balance transactions a payout paid out, as Stripe lists them (the payout's own one left out). */
export const payoutItems = pgTable(
  "payout_items",
  {
    tenantId: uuid().notNull(),
    payoutId: uuid().notNull(),
    balanceTransactionId: text().notNull(),
    type: text().notNull(),
    amount: minor().notNull(),
    fee: minor().notNull(),
    net: minor().notNull(),
    currency: text().notNull(),
    sourceId: text(),
    description: text(),
    createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.payoutId, t.balanceTransactionId] }),
    foreignKey({ columns: [t.tenantId, t.payoutId], foreignColumns: [payouts.tenantId, payouts.id] }),
    tenantIsolation("payout_items"),
  ],
).enableRLS();

/**
 * Every webhook event received, stored in the same transaction as its effect: a second delivery of
 * the same id finds the row and changes nothing. Operator scope only (partners never see events).
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text().primaryKey(),
    endpoint: text({ enum: ["platform", "connect"] }).notNull(),
    type: text().notNull(),
    account: text(),
    tenantId: uuid(),
    stripeCreatedAt: at().notNull(),
    payload: jsonb().notNull(),
    /** applied: handled; ignored: a type the console does not act on (stored and acknowledged); unmatched: no tenant owns it. */
    outcome: text({ enum: ["applied", "ignored", "unmatched"] }).notNull(),
    receivedAt: at().notNull().defaultNow(),
    replayCount: integer().notNull().default(0),
    lastReplayedAt: at(),
    lastReplayedBy: uuid(),
  },
  (t) => [
    index("stripe_events_received_idx").on(t.receivedAt, t.id),
    index("stripe_events_tenant_idx").on(t.tenantId, t.receivedAt),
    pgPolicy("stripe_events_operator_only", { as: "permissive", for: "all", using: allTenants, withCheck: allTenants }),
  ],
).enableRLS();

/** A revenue share change asked for by one person and applied only when another approves it. */
export const revenueShareRequests = pgTable(
  "revenue_share_requests",
  {
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    currency: text().notNull(),
    revenueShareBps: integer().notNull(),
    effectiveFrom: at(),
    reason: text().notNull(),
    status: text({ enum: ["pending", "approved", "rejected", "withdrawn"] })
      .notNull()
      .default("pending"),
    requestedBy: uuid().notNull(),
    decidedBy: uuid(),
    decidedAt: at(),
    decisionNote: text(),
    /** The price book version the approval published. */
    appliedVersion: integer(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex("revenue_share_requests_one_pending_key").on(t.tenantId, t.currency).where(sql`${t.status} = 'pending'`),
    check("revenue_share_requests_bps", sql`${t.revenueShareBps} between 0 and 10000`),
    tenantIsolation("revenue_share_requests"),
  ],
).enableRLS();
