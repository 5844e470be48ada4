/**
 * Reads of a tenant's price book versions that the service and the storefront config share: the
 * draft, the version in effect at a time, scheduled versions, the governing revenue share, and
 * the lock and numbering of a book's versions.
 */
import { type Database, priceBookVersions } from "@pc/db";
import { DEFAULT_REVENUE_SHARE_BPS } from "@pc/shared";
import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import { PreconditionError } from "../../errors.js";
import { CURRENT_TIME, lockVersions } from "../../services/versions.js";
import type { VersionRow } from "./prices.views.js";

// ---------------------------------------------------------------------------------------------
// Reads

export const ofBook = (tenantId: string, currency: string) =>
  and(eq(priceBookVersions.tenantId, tenantId), eq(priceBookVersions.currency, currency));

/** Published and already effective: candidates for "the version in effect now". */
export const effectiveNow = () => and(eq(priceBookVersions.status, "published"), lte(priceBookVersions.effectiveFrom, CURRENT_TIME));

export async function findDraft(db: Database, tenantId: string, currency: string) {
  const [row] = await db
    .select()
    .from(priceBookVersions)
    .where(and(ofBook(tenantId, currency), eq(priceBookVersions.status, "draft")))
    .limit(1);
  return row ?? null;
}

/** The published version with the greatest effective-from not after now (the later version on a tie). */
export function findInEffect(db: Database, tenantId: string, currency: string) {
  return findInEffectAt(db, tenantId, currency, null);
}

/** The published version in effect at `at` (null: now), the later version on a tie. */
export async function findInEffectAt(db: Database, tenantId: string, currency: string, at: Date | null) {
  const [row] = await db
    .select()
    .from(priceBookVersions)
    .where(
      and(ofBook(tenantId, currency), eq(priceBookVersions.status, "published"), lte(priceBookVersions.effectiveFrom, at ?? CURRENT_TIME)),
    )
    .orderBy(desc(priceBookVersions.effectiveFrom), desc(priceBookVersions.version))
    .limit(1);
  return row ?? null;
}

/** Published versions that take effect after `at` (null: now), soonest first. */
export async function findScheduledAfter(db: Database, tenantId: string, currency: string, at: Date | null) {
  return db
    .select()
    .from(priceBookVersions)
    .where(
      and(ofBook(tenantId, currency), eq(priceBookVersions.status, "published"), gt(priceBookVersions.effectiveFrom, at ?? CURRENT_TIME)),
    )
    .orderBy(asc(priceBookVersions.effectiveFrom), asc(priceBookVersions.version));
}

/** The version that takes effect last (what a version published after every scheduled one follows). */
export async function findLastScheduled(db: Database, tenantId: string, currency: string) {
  const [row] = await db
    .select()
    .from(priceBookVersions)
    .where(and(ofBook(tenantId, currency), eq(priceBookVersions.status, "published")))
    .orderBy(desc(priceBookVersions.effectiveFrom), desc(priceBookVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * The revenue share a new version carries unless finance sets one: the share of the version that
 * takes effect last (a new version always comes after every scheduled one, see
 * refuseBeforeScheduled), else the default. Drafts and rollbacks never choose it, so a partner
 * admin can change prices but never the operator's share (not even by rolling back).
 */
export async function governingShare(db: Database, tenantId: string, currency: string): Promise<number> {
  const source = await findLastScheduled(db, tenantId, currency);
  return source?.revenueShareBps ?? DEFAULT_REVENUE_SHARE_BPS;
}

/**
 * A version is a whole price book, so one taking effect before a version already scheduled would
 * be replaced by it at that time, silently. Such a publish is refused; the scheduled version can
 * be cancelled first, or the new one scheduled after it.
 */
export async function refuseBeforeScheduled(db: Database, tenantId: string, currency: string, effectiveFrom: Date | null) {
  const [later] = await findScheduledAfter(db, tenantId, currency, effectiveFrom);
  if (later) {
    throw new PreconditionError(
      `${currency} version ${later.version} is scheduled for ${later.effectiveFrom?.toISOString()}; cancel it first, or schedule this change after it`,
    );
  }
}

/** Every currency's version in effect now (a currency with none published yet is left out). */
export function pricesInEffect(db: Database, tenantId: string): Promise<VersionRow[]> {
  return db
    .selectDistinctOn([priceBookVersions.currency])
    .from(priceBookVersions)
    .where(and(eq(priceBookVersions.tenantId, tenantId), effectiveNow()))
    .orderBy(priceBookVersions.currency, desc(priceBookVersions.effectiveFrom), desc(priceBookVersions.version));
}

/** Serialises every change to one price book for the rest of the transaction. */
export function lockBook(db: Database, tenantId: string, currency: string) {
  return lockVersions(db, `price_book:${tenantId}:${currency}`);
}

export async function nextVersion(db: Database, tenantId: string, currency: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${priceBookVersions.version})` })
    .from(priceBookVersions)
    .where(ofBook(tenantId, currency));
  return Number(row?.max ?? 0) + 1;
}
