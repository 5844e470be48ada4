/**
 * Finance's view of every payout across tenants: a filtered, sorted, keyset-paginated list with
 * totals per currency (never summed across currencies), failed payouts called out with what their
 * failure code means, each payout's reconciliation, and holds on a partner's payouts.
 */
import { type Database, payoutItems, payouts, queryRows, saleAdjustments, sales, stripeAccounts, tenants } from "@pc/db";
import { type CurrencyCode, type PayoutFilters, type PayoutListInput, type ReconciliationMatch, reconcilePayout } from "@pc/shared";
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { findAccount, scheduleOf } from "../../payments/connect-accounts.service.js";
import { decodeCursor, encodeCursor } from "../../payments/keyset.js";
import { syncPayout } from "../../payments/payouts-sync.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import type { StripeGateway } from "../../stripe/stripe-gateway.js";
import { payoutView } from "../earnings/earnings.service.js";

function filterConditions(filters: PayoutFilters, options: { withStatus: boolean } = { withStatus: true }): SQL[] {
  const conditions: SQL[] = [];
  if (filters.tenantId) conditions.push(eq(payouts.tenantId, filters.tenantId));
  if (options.withStatus && filters.status?.length) conditions.push(inArray(payouts.status, filters.status));
  if (filters.currency) conditions.push(eq(payouts.currency, filters.currency));
  if (filters.from) conditions.push(gte(payouts.stripeCreatedAt, filters.from));
  if (filters.to) conditions.push(lte(payouts.stripeCreatedAt, filters.to));
  if (filters.minAmount !== undefined) conditions.push(gte(payouts.amount, filters.minAmount));
  if (filters.maxAmount !== undefined) conditions.push(lte(payouts.amount, filters.maxAmount));
  return conditions;
}

const SORTS = {
  created: { column: payouts.stripeCreatedAt, kind: "date" },
  amount: { column: payouts.amount, kind: "number" },
  arrival: { column: payouts.arrivalDate, kind: "date" },
} as const;

function sortOf(sort: PayoutListInput["sort"]) {
  const [name, direction] = sort.split("_") as [keyof typeof SORTS, "asc" | "desc"];
  const keyOf = (payout: typeof payouts.$inferSelect) =>
    name === "amount" ? String(payout.amount) : (name === "arrival" ? payout.arrivalDate : payout.stripeCreatedAt).toISOString();
  return { ...SORTS[name], direction, keyOf };
}

const rowSelection = {
  payout: payouts,
  tenantName: tenants.name,
  tenantSlug: tenants.slug,
};

type ListedRow = { payout: typeof payouts.$inferSelect; tenantName: string; tenantSlug: string };

const listed = (row: ListedRow) => ({
  ...payoutView(row.payout),
  tenant: { id: row.payout.tenantId, name: row.tenantName, slug: row.tenantSlug },
});

export async function listPayouts(db: Database, input: PayoutListInput) {
  const sort = sortOf(input.sort);
  const cursor = decodeCursor(input.cursor);
  const conditions = filterConditions(input.filters);
  if (cursor) {
    const key = sort.kind === "date" ? new Date(cursor.key) : Number(cursor.key);
    const after = sort.direction === "desc" ? sql`<` : sql`>`;
    conditions.push(sql`(${sort.column}, ${payouts.id}) ${after} (${key}, ${cursor.id}::uuid)`);
  }
  const order = sort.direction === "desc" ? [desc(sort.column), desc(payouts.id)] : [asc(sort.column), asc(payouts.id)];
  const rows = await db
    .select(rowSelection)
    .from(payouts)
    .innerJoin(tenants, eq(tenants.id, payouts.tenantId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1)?.payout;
  return {
    items: page.map(listed),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ key: sort.keyOf(last), id: last.id }) : null,
    totals: await totals(db, input.filters),
    // Failed payouts first: whatever the sort, they are shown above the list until dealt with.
    failed: input.cursor ? [] : await failedPayouts(db, input.filters),
  };
}

interface TotalRow {
  currency: string;
  count: string;
  total: string;
  paid: string;
  in_flight: string;
  failed: string;
}

/** Per currency, under the same filters: never one figure across currencies. */
async function totals(db: Database, filters: PayoutFilters) {
  const where = and(...filterConditions(filters));
  const rows = await queryRows<TotalRow>(
    db,
    sql`select ${payouts.currency} as currency, count(*)::text as count, sum(${payouts.amount})::text as total,
          coalesce(sum(${payouts.amount}) filter (where ${payouts.status} = 'paid'), 0)::text as paid,
          coalesce(sum(${payouts.amount}) filter (where ${payouts.status} in ('pending', 'in_transit')), 0)::text as in_flight,
          coalesce(sum(${payouts.amount}) filter (where ${payouts.status} = 'failed'), 0)::text as failed
        from ${payouts} ${where ? sql`where ${where}` : sql``}
        group by ${payouts.currency} order by ${payouts.currency}`,
  );
  return rows.map((row) => ({
    currency: row.currency as CurrencyCode,
    count: Number(row.count),
    total: Number(row.total),
    paid: Number(row.paid),
    inFlight: Number(row.in_flight),
    failed: Number(row.failed),
  }));
}

async function failedPayouts(db: Database, filters: PayoutFilters) {
  if (filters.status?.length && !filters.status.includes("failed")) return [];
  const rows = await db
    .select(rowSelection)
    .from(payouts)
    .innerJoin(tenants, eq(tenants.id, payouts.tenantId))
    .where(and(...filterConditions(filters, { withStatus: false }), eq(payouts.status, "failed")))
    .orderBy(desc(payouts.stripeCreatedAt), desc(payouts.id))
    .limit(20);
  return rows.map(listed);
}

/** A payout, what it paid out, and the reconciliation of the two (to the cent). */
export async function payoutDetail(db: Database, payoutId: string) {
  const [row] = await db
    .select(rowSelection)
    .from(payouts)
    .innerJoin(tenants, eq(tenants.id, payouts.tenantId))
    .where(eq(payouts.id, payoutId))
    .limit(1);
  if (!row) throw new NotFoundError("Payout not found");
  const payout = row.payout;
  const items = await db
    .select()
    .from(payoutItems)
    .where(and(eq(payoutItems.tenantId, payout.tenantId), eq(payoutItems.payoutId, payout.id)))
    .orderBy(asc(payoutItems.createdAt), asc(payoutItems.balanceTransactionId));
  const matches = await matchItems(db, payout.tenantId, items);
  const reconciliation = reconcilePayout({
    payout: { amount: payout.amount, currency: payout.currency as CurrencyCode },
    items: items.map((item) => ({
      id: item.balanceTransactionId,
      type: item.type,
      net: item.net,
      description: item.description ?? undefined,
      match: matches.get(item.balanceTransactionId) ?? null,
    })),
  });
  return {
    ...listed(row),
    itemsSyncedAt: payout.itemsSyncedAt,
    items: items.map((item) => ({
      balanceTransactionId: item.balanceTransactionId,
      type: item.type,
      amount: item.amount,
      fee: item.fee,
      net: item.net,
      sourceId: item.sourceId,
      description: item.description,
      match: matches.get(item.balanceTransactionId) ?? null,
    })),
    reconciliation,
  };
}

/** What each paid-out balance transaction is in our books, and the net we expect it to have. */
async function matchItems(db: Database, tenantId: string, items: Array<typeof payoutItems.$inferSelect>) {
  const sources = items.map((item) => item.sourceId).filter((id): id is string => id !== null);
  const matches = new Map<string, ReconciliationMatch>();
  if (sources.length === 0) return matches;
  const saleRows = await db
    .select({ id: sales.id, source: sales.destinationPaymentId, partnerShare: sales.partnerShare })
    .from(sales)
    .where(and(eq(sales.tenantId, tenantId), inArray(sales.destinationPaymentId, sources)));
  const adjustments = await db
    .select()
    .from(saleAdjustments)
    .where(
      and(
        eq(saleAdjustments.tenantId, tenantId),
        sql`(${inArray(saleAdjustments.accountTransactionSourceId, sources)} or ${inArray(saleAdjustments.feeRefundId, sources)})`,
      ),
    );
  const failed = await db
    .select({ id: payouts.id, stripeId: payouts.stripePayoutId, amount: payouts.amount })
    .from(payouts)
    .where(and(eq(payouts.tenantId, tenantId), inArray(payouts.stripePayoutId, sources)));
  for (const item of items) {
    const source = item.sourceId;
    if (!source) continue;
    const sale = saleRows.find((entry) => entry.source === source);
    if (sale && item.type === "payment") {
      matches.set(item.balanceTransactionId, { kind: "sale", id: sale.id, expectedNet: sale.partnerShare });
      continue;
    }
    const moved = adjustments.find((entry) => entry.accountTransactionSourceId === source);
    if (moved) {
      const kind = moved.kind === "dispute_reinstated" ? "dispute_reinstated" : moved.kind;
      // A reversal takes the whole refunded amount back; a reinstating transfer gives the partner's part.
      const expectedNet = moved.kind === "dispute_reinstated" ? moved.partnerAmount : -moved.amount;
      matches.set(item.balanceTransactionId, { kind, id: moved.id, expectedNet });
      continue;
    }
    const feeRefund = adjustments.find((entry) => entry.feeRefundId === source);
    if (feeRefund) {
      matches.set(item.balanceTransactionId, {
        kind: feeRefund.kind === "dispute" ? "dispute" : "refund",
        id: feeRefund.id,
        expectedNet: feeRefund.platformAmount,
      });
      continue;
    }
    const returned = failed.find((entry) => entry.stripeId === source);
    if (returned && item.type === "payout_failure") {
      matches.set(item.balanceTransactionId, { kind: "failed_payout", id: returned.id, expectedNet: returned.amount });
    }
  }
  return matches;
}

/** Reads the payout (and what it paid out) from Stripe again. */
export async function refreshPayout(db: Database, gateway: StripeGateway, payoutId: string) {
  const [row] = await db
    .select({ stripePayoutId: payouts.stripePayoutId, account: stripeAccounts.stripeAccountId })
    .from(payouts)
    .innerJoin(stripeAccounts, eq(stripeAccounts.tenantId, payouts.tenantId))
    .where(eq(payouts.id, payoutId))
    .limit(1);
  if (!row) throw new NotFoundError("Payout not found");
  await syncPayout(db, gateway.stripe, row.account, row.stripePayoutId);
  return payoutDetail(db, payoutId);
}

/** Every tenant's connected account with its hold, for finance's partner list. */
export async function listAccounts(db: Database) {
  const rows = await db
    .select({ tenant: { id: tenants.id, name: tenants.name, slug: tenants.slug, status: tenants.status }, account: stripeAccounts })
    .from(tenants)
    .leftJoin(stripeAccounts, eq(stripeAccounts.tenantId, tenants.id))
    .orderBy(asc(tenants.name));
  return rows.map(({ tenant, account }) => ({
    tenant,
    stripeAccountId: account?.stripeAccountId ?? null,
    chargesEnabled: account?.chargesEnabled ?? false,
    payoutsEnabled: account?.payoutsEnabled ?? false,
    pastDue: account?.requirements.pastDue ?? [],
    currentlyDue: account?.requirements.currentlyDue ?? [],
    schedule: account?.payoutSchedule ?? null,
    hold: account?.heldAt ? { reason: account.holdReason, since: account.heldAt, by: account.heldBy } : null,
  }));
}

async function requireAccount(db: Database, tenantId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stripe-account:${tenantId}`}, 0))`);
  const account = await findAccount(db, tenantId);
  if (!account) throw new PreconditionError("This partner has no Stripe account yet: there are no payouts to hold");
  return account;
}

/** Holds a partner's payouts: the payout schedule at Stripe becomes manual until released. */
export async function holdPayouts(
  db: Database,
  gateway: StripeGateway,
  actor: AuditActor,
  args: { tenantId: string; reason: string /** The demo seed's simulated time; now otherwise. */; heldAt?: Date },
) {
  const account = await requireAccount(db, args.tenantId);
  if (account.heldAt) throw new PreconditionError("This partner's payouts are already on hold");
  const updated = await gateway.stripe.accounts.update(account.stripeAccountId, {
    settings: { payouts: { schedule: { interval: "manual" } } },
    metadata: { payouts_held: "true" },
  });
  const [row] = await db
    .update(stripeAccounts)
    .set({
      holdReason: args.reason,
      heldBy: actor.userId,
      heldAt: args.heldAt ?? sql`now()`,
      scheduleBeforeHold: account.payoutSchedule,
      payoutSchedule: scheduleOf(updated),
      updatedAt: sql`now()`,
    })
    .where(eq(stripeAccounts.tenantId, args.tenantId))
    .returning();
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "payouts.hold",
    targetType: "stripe_account",
    targetId: account.stripeAccountId,
    before: { schedule: account.payoutSchedule },
    after: { schedule: row?.payoutSchedule, reason: args.reason },
  });
  return { held: true as const, since: row?.heldAt ?? new Date() };
}

/** Releases a hold: the schedule from before the hold comes back at Stripe. */
export async function releasePayouts(db: Database, gateway: StripeGateway, actor: AuditActor, args: { tenantId: string; reason: string }) {
  const account = await requireAccount(db, args.tenantId);
  if (!account.heldAt) throw new PreconditionError("This partner's payouts are not on hold");
  const restore = account.scheduleBeforeHold ?? { interval: "daily" as const, delayDays: account.payoutSchedule.delayDays };
  const updated = await gateway.stripe.accounts.update(account.stripeAccountId, {
    settings: {
      payouts: {
        schedule: {
          interval: restore.interval,
          ...(restore.interval === "weekly" && restore.weeklyAnchor ? { weekly_anchor: restore.weeklyAnchor as "monday" } : {}),
          ...(restore.interval === "monthly" && restore.monthlyAnchor ? { monthly_anchor: restore.monthlyAnchor } : {}),
        },
      },
    },
    metadata: { payouts_held: "" },
  });
  await db
    .update(stripeAccounts)
    .set({
      holdReason: null,
      heldBy: null,
      heldAt: null,
      scheduleBeforeHold: null,
      payoutSchedule: scheduleOf(updated),
      updatedAt: sql`now()`,
    })
    .where(eq(stripeAccounts.tenantId, args.tenantId));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "payouts.release",
    targetType: "stripe_account",
    targetId: account.stripeAccountId,
    before: { schedule: account.payoutSchedule, holdReason: account.holdReason },
    after: { schedule: scheduleOf(updated), reason: args.reason },
  });
  return { held: false as const };
}
