/**
 * Revenue share changes need two people: one asks (with a reason), another with the same right
 * approves, which publishes the change as setRevenueShare always did, or rejects it with a note.
 * One open request per tenant and currency; the asker may withdraw it.
 */
import { type Database, revenueShareRequests, users } from "@pc/db";
import type { CurrencyCode } from "@pc/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { checkEffectiveFrom } from "../../services/versions.js";
import { findInEffect } from "./prices.queries.js";
import { setRevenueShare } from "./prices.service.js";

type RequestRow = typeof revenueShareRequests.$inferSelect;

function view(row: RequestRow, names: Map<string, string>) {
  return {
    id: row.id,
    currency: row.currency as CurrencyCode,
    revenueShareBps: row.revenueShareBps,
    effectiveFrom: row.effectiveFrom,
    reason: row.reason,
    status: row.status,
    requestedBy: { id: row.requestedBy, name: names.get(row.requestedBy) ?? null },
    requestedAt: row.createdAt,
    decidedBy: row.decidedBy ? { id: row.decidedBy, name: names.get(row.decidedBy) ?? null } : null,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    appliedVersion: row.appliedVersion,
  };
}

export async function listRequests(db: Database, tenantId: string) {
  const rows = await db
    .select()
    .from(revenueShareRequests)
    .where(eq(revenueShareRequests.tenantId, tenantId))
    .orderBy(desc(revenueShareRequests.createdAt))
    .limit(50);
  const people = await db.select({ id: users.id, name: users.name, email: users.email }).from(users);
  const names = new Map(people.map((person) => [person.id, person.name || person.email]));
  return rows.map((row) => view(row, names));
}

export async function requestChange(
  db: Database,
  actor: AuditActor,
  args: { tenantId: string; currency: CurrencyCode; revenueShareBps: number; effectiveFrom?: Date; reason: string },
) {
  const effectiveFrom = checkEffectiveFrom(args.effectiveFrom);
  const inEffect = await findInEffect(db, args.tenantId, args.currency);
  if (!inEffect) throw new PreconditionError(`Publish ${args.currency} prices before setting their revenue share`);
  if (inEffect.revenueShareBps === args.revenueShareBps && !effectiveFrom) {
    throw new PreconditionError(`The ${args.currency} revenue share is already ${args.revenueShareBps} bps`);
  }
  const [row] = await db
    .insert(revenueShareRequests)
    .values({
      tenantId: args.tenantId,
      currency: args.currency,
      revenueShareBps: args.revenueShareBps,
      effectiveFrom: effectiveFrom ?? null,
      reason: args.reason,
      requestedBy: actor.userId as string,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ConflictError(`A ${args.currency} revenue share change is already waiting for approval`);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.request_revenue_share",
    targetType: "revenue_share_request",
    targetId: row.id,
    after: {
      currency: row.currency,
      revenueShareBps: row.revenueShareBps,
      effectiveFrom: row.effectiveFrom,
      reason: row.reason,
      from: inEffect.revenueShareBps,
    },
  });
  return view(row, new Map());
}

async function openRequest(db: Database, tenantId: string, requestId: string) {
  const [row] = await db
    .select()
    .from(revenueShareRequests)
    .where(and(eq(revenueShareRequests.tenantId, tenantId), eq(revenueShareRequests.id, requestId)))
    .for("update")
    .limit(1);
  if (!row) throw new NotFoundError("Revenue share request not found");
  if (row.status !== "pending") throw new PreconditionError(`This request was already ${row.status}`);
  return row;
}

async function decide(
  db: Database,
  actor: AuditActor,
  row: RequestRow,
  status: "approved" | "rejected" | "withdrawn",
  note: string | null,
  appliedVersion: number | null,
) {
  const [decided] = await db
    .update(revenueShareRequests)
    .set({ status, decidedBy: actor.userId, decidedAt: sql`now()`, decisionNote: note, appliedVersion, updatedAt: sql`now()` })
    .where(
      and(eq(revenueShareRequests.tenantId, row.tenantId), eq(revenueShareRequests.id, row.id), eq(revenueShareRequests.status, "pending")),
    )
    .returning();
  if (!decided) throw new ConflictError("This request was decided meanwhile");
  return decided;
}

/** The second person's approval publishes the change. */
export async function approve(db: Database, actor: AuditActor, args: { tenantId: string; requestId: string; note?: string }) {
  const row = await openRequest(db, args.tenantId, args.requestId);
  if (row.requestedBy === actor.userId)
    throw new ForbiddenError("Someone other than the person who asked must approve a revenue share change");
  if (row.effectiveFrom && row.effectiveFrom.getTime() <= Date.now()) {
    throw new PreconditionError("The requested start time has passed: reject this request and ask again with a new time");
  }
  const published = await setRevenueShare(db, actor, {
    tenantId: args.tenantId,
    currency: row.currency as CurrencyCode,
    revenueShareBps: row.revenueShareBps,
    effectiveFrom: row.effectiveFrom ?? undefined,
  });
  const decided = await decide(db, actor, row, "approved", args.note ?? null, published.version);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.approve_revenue_share",
    targetType: "revenue_share_request",
    targetId: row.id,
    before: { status: "pending", requestedBy: row.requestedBy },
    after: { status: "approved", version: published.version, note: decided.decisionNote },
  });
  return { request: view(decided, new Map()), version: published };
}

export async function reject(db: Database, actor: AuditActor, args: { tenantId: string; requestId: string; note: string }) {
  const row = await openRequest(db, args.tenantId, args.requestId);
  if (row.requestedBy === actor.userId) throw new ForbiddenError("Withdraw your own request instead of rejecting it");
  const decided = await decide(db, actor, row, "rejected", args.note, null);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.reject_revenue_share",
    targetType: "revenue_share_request",
    targetId: row.id,
    before: { status: "pending" },
    after: { status: "rejected", note: args.note },
  });
  return view(decided, new Map());
}

export async function withdraw(db: Database, actor: AuditActor, args: { tenantId: string; requestId: string }) {
  const row = await openRequest(db, args.tenantId, args.requestId);
  if (row.requestedBy !== actor.userId)
    throw new ForbiddenError("Only the person who asked can withdraw the request; others approve or reject it");
  const decided = await decide(db, actor, row, "withdrawn", null, null);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.withdraw_revenue_share",
    targetType: "revenue_share_request",
    targetId: row.id,
    before: { status: "pending" },
    after: { status: "withdrawn" },
  });
  return view(decided, new Map());
}
