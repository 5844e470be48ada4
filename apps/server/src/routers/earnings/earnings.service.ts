/**
 * A partner's earnings: its Stripe account's state, balances and the next payout, earnings by
 * month, each sale with its split, what refunds and disputes took back, and its payouts. Every
 * query is of the session's tenant (RLS narrows to it as well).
 */
import { type Database, payouts, queryRows, saleAdjustments, sales } from "@pc/db";
import { type CurrencyCode, describeAccountState, describePayoutFailure, expectedNextPayout, isCurrencyCode } from "@pc/shared";
import { and, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { findAccount, onboardingLink, type StripeAccountRow } from "../../payments/connect-accounts.service.js";
import { decodeCursor, encodeCursor } from "../../payments/keyset.js";
import { syncBalance } from "../../payments/payouts-sync.js";
import type { AuditActor } from "../../services/audit.service.js";
import type { StripeGateway } from "../../stripe/stripe-gateway.js";

export function accountView(account: StripeAccountRow | null, now = new Date()) {
  const state = describeAccountState(
    account
      ? {
          chargesEnabled: account.chargesEnabled,
          payoutsEnabled: account.payoutsEnabled,
          detailsSubmitted: account.detailsSubmitted,
          requirements: account.requirements,
        }
      : null,
    now,
  );
  return {
    connected: account !== null,
    stripeAccountId: account?.stripeAccountId ?? null,
    ...state,
    schedule: account?.payoutSchedule ?? null,
    hold: account?.heldAt ? { reason: account.holdReason, since: account.heldAt } : null,
    syncedAt: account?.syncedAt ?? null,
  };
}

export async function account(db: Database, tenantId: string) {
  return accountView(await findAccount(db, tenantId));
}

export async function startOnboarding(
  db: Database,
  gateway: StripeGateway,
  actor: AuditActor,
  args: { tenantId: string; consoleUrl: string; returnPath: string },
) {
  return onboardingLink(db, gateway, actor, args.tenantId, args.consoleUrl, args.returnPath);
}

interface MonthRow {
  month: string;
  currency: string;
  sales: string;
  gross: string;
  platform_fee: string;
  partner_share: string;
  taken_back: string;
  reinstated: string;
}

/** Balances (read from Stripe now; the last stored copy if Stripe cannot be reached), the next payout, and twelve months of earnings. */
export async function summary(db: Database, gateway: StripeGateway, tenantId: string, now = new Date()) {
  const stored = await findAccount(db, tenantId);
  let balance = stored?.balance ?? null;
  let balanceStale = false;
  if (stored) {
    try {
      balance = await syncBalance(db, gateway.stripe, stored.stripeAccountId);
    } catch {
      balanceStale = true;
    }
  }
  const pendingRows = await db
    .select({
      currency: sales.currency,
      amount: sql<string>`(${sales.partnerShare} - ${sales.partnerReversed})::text`,
      availableOn: sales.availableOn,
    })
    .from(sales)
    .where(and(eq(sales.tenantId, tenantId), eq(sales.status, "paid"), gt(sales.availableOn, now)));
  const currencies = new Set<string>([
    ...(balance?.available ?? []).map((entry) => entry.currency),
    ...(balance?.pending ?? []).map((entry) => entry.currency),
  ]);
  const balances = [...currencies].filter(isCurrencyCode).map((currency) => {
    const available = balance?.available.find((entry) => entry.currency === currency)?.amount ?? 0;
    const pending = balance?.pending.find((entry) => entry.currency === currency)?.amount ?? 0;
    // No payout is coming while finance holds them or Stripe has paused them.
    const next =
      stored && !stored.heldAt && stored.payoutsEnabled
        ? expectedNextPayout({
            schedule: stored.payoutSchedule,
            now,
            available,
            pending: pendingRows
              .filter((row) => row.currency === currency && row.availableOn)
              .map((row) => ({ amount: Number(row.amount), availableOn: row.availableOn as Date })),
          })
        : null;
    return { currency, available, pending, nextPayout: next };
  });
  const months = await queryRows<MonthRow>(
    db,
    sql`with s as (
          select to_char(date_trunc('month', paid_at at time zone 'UTC'), 'YYYY-MM') as month, currency,
                 count(*) as sales, sum(gross) as gross, sum(platform_fee) as platform_fee, sum(partner_share) as partner_share
          from sales where tenant_id = ${tenantId} and status = 'paid' and paid_at >= date_trunc('month', ${now}::timestamptz) - interval '11 months'
          group by 1, 2),
        a as (
          select to_char(date_trunc('month', occurred_at at time zone 'UTC'), 'YYYY-MM') as month, currency,
                 sum(partner_amount) filter (where kind <> 'dispute_reinstated') as taken_back,
                 sum(partner_amount) filter (where kind = 'dispute_reinstated') as reinstated
          from sale_adjustments where tenant_id = ${tenantId} and occurred_at >= date_trunc('month', ${now}::timestamptz) - interval '11 months'
          group by 1, 2)
        select coalesce(s.month, a.month) as month, coalesce(s.currency, a.currency) as currency,
               coalesce(s.sales, 0)::text as sales, coalesce(s.gross, 0)::text as gross, coalesce(s.platform_fee, 0)::text as platform_fee,
               coalesce(s.partner_share, 0)::text as partner_share, coalesce(a.taken_back, 0)::text as taken_back, coalesce(a.reinstated, 0)::text as reinstated
        from s full join a on a.month = s.month and a.currency = s.currency
        order by 1, 2`,
  );
  return {
    account: accountView(stored, now),
    balances,
    balanceFetchedAt: balance?.fetchedAt ?? null,
    balanceStale,
    months: months.map((row) => ({
      month: row.month,
      currency: row.currency as CurrencyCode,
      sales: Number(row.sales),
      gross: Number(row.gross),
      platformFee: Number(row.platform_fee),
      partnerShare: Number(row.partner_share),
      takenBack: Number(row.taken_back),
      reinstated: Number(row.reinstated),
      net: Number(row.partner_share) - Number(row.taken_back) + Number(row.reinstated),
    })),
  };
}

/** Paid sales, newest first, each with its split and what was taken back from it. */
export async function listSales(db: Database, tenantId: string, page: { cursor?: string | null; limit: number }) {
  const cursor = decodeCursor(page.cursor);
  const rows = await db
    .select()
    .from(sales)
    .where(
      and(
        eq(sales.tenantId, tenantId),
        eq(sales.status, "paid"),
        cursor
          ? or(lt(sales.paidAt, new Date(cursor.key)), and(eq(sales.paidAt, new Date(cursor.key)), lt(sales.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(sales.paidAt), desc(sales.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const adjustments = pageRows.length
    ? await db
        .select()
        .from(saleAdjustments)
        .where(
          and(
            eq(saleAdjustments.tenantId, tenantId),
            inArray(
              saleAdjustments.saleId,
              pageRows.map((row) => row.id),
            ),
          ),
        )
    : [];
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({
      id: row.id,
      paidAt: row.paidAt,
      currency: row.currency as CurrencyCode,
      kind: row.kind,
      tracks: row.tracks,
      priceVersion: row.priceVersion,
      revenueShareBps: row.revenueShareBps,
      gross: row.gross,
      stripeFee: row.stripeFee,
      platformFee: row.platformFee,
      partnerShare: row.partnerShare,
      amountRefunded: row.amountRefunded,
      partnerReversed: row.partnerReversed,
      availableOn: row.availableOn,
      adjustments: adjustments
        .filter((adjustment) => adjustment.saleId === row.id)
        .map((adjustment) => ({
          id: adjustment.id,
          kind: adjustment.kind,
          status: adjustment.status,
          reason: adjustment.reason,
          amount: adjustment.amount,
          partnerAmount: adjustment.partnerAmount,
          platformAmount: adjustment.platformAmount,
          occurredAt: adjustment.occurredAt,
        })),
    })),
    nextCursor: rows.length > page.limit && last?.paidAt ? encodeCursor({ key: last.paidAt.toISOString(), id: last.id }) : null,
  };
}

/** Refunds and disputes, newest first. */
export async function listAdjustments(db: Database, tenantId: string, limit = 100) {
  return db
    .select({
      id: saleAdjustments.id,
      saleId: saleAdjustments.saleId,
      kind: saleAdjustments.kind,
      status: saleAdjustments.status,
      reason: saleAdjustments.reason,
      currency: saleAdjustments.currency,
      amount: saleAdjustments.amount,
      partnerAmount: saleAdjustments.partnerAmount,
      platformAmount: saleAdjustments.platformAmount,
      occurredAt: saleAdjustments.occurredAt,
      saleGross: sales.gross,
      salePaidAt: sales.paidAt,
    })
    .from(saleAdjustments)
    .innerJoin(sales, and(eq(sales.tenantId, saleAdjustments.tenantId), eq(sales.id, saleAdjustments.saleId)))
    .where(eq(saleAdjustments.tenantId, tenantId))
    .orderBy(desc(saleAdjustments.occurredAt), desc(saleAdjustments.id))
    .limit(limit);
}

export function payoutView(row: typeof payouts.$inferSelect) {
  return {
    id: row.id,
    stripePayoutId: row.stripePayoutId,
    amount: row.amount,
    currency: row.currency as CurrencyCode,
    status: row.status,
    automatic: row.automatic,
    arrivalDate: row.arrivalDate,
    createdAt: row.stripeCreatedAt,
    failure:
      row.failureCode || row.status === "failed"
        ? { code: row.failureCode, message: row.failureMessage, ...describePayoutFailure(row.failureCode) }
        : null,
  };
}

/** The tenant's payouts, newest first. */
export async function listPayouts(db: Database, tenantId: string, page: { cursor?: string | null; limit: number }) {
  const cursor = decodeCursor(page.cursor);
  const rows = await db
    .select()
    .from(payouts)
    .where(
      and(
        eq(payouts.tenantId, tenantId),
        cursor
          ? or(
              lt(payouts.stripeCreatedAt, new Date(cursor.key)),
              and(eq(payouts.stripeCreatedAt, new Date(cursor.key)), lt(payouts.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(payouts.stripeCreatedAt), desc(payouts.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(payoutView),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ key: last.stripeCreatedAt.toISOString(), id: last.id }) : null,
  };
}
