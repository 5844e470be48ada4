/**
 * A tenant's price books: one per currency, changed only by publishing new versions. A draft is
 * edited in place (optimistic concurrency on its revision); publishing, a rollback and a revenue
 * share change each publish a new, immutable version (the database refuses to change a published
 * row). Every mutation of one book is serialised by a transaction-scoped advisory lock, and the
 * unique (tenant, currency, version) index backs that up.
 */
import { type Database, type PriceBundleRow, priceBookVersions, users } from "@pc/db";
import { CURRENCY_CODES, type CurrencyCode, DEFAULT_REVENUE_SHARE_BPS, type SavePriceDraftInput, type TaxBehavior } from "@pc/shared";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { CURRENT_TIME, checkEffectiveFrom, goneDraftMessage, noOpenDraftMessage, STALE_DRAFT_MESSAGE } from "../../services/versions.js";
import { diffPriceVersions } from "./prices.diff.js";
import {
  findDraft,
  findInEffect,
  findInEffectAt,
  findScheduledAfter,
  governingShare,
  lockBook,
  nextVersion,
  ofBook,
  pricesInEffect,
  refuseBeforeScheduled,
} from "./prices.queries.js";
import { priceView, snapshot, type VersionRow } from "./prices.views.js";

const GONE_DRAFT_MESSAGE = goneDraftMessage("prices");

/** Per currency: the version in effect now, the scheduled ones (soonest first) and the open draft. */
export async function listPriceBooks(db: Database, tenantId: string) {
  const inEffect = await pricesInEffect(db, tenantId);
  const pending = await db
    .select()
    .from(priceBookVersions)
    .where(
      and(
        eq(priceBookVersions.tenantId, tenantId),
        sql`(${priceBookVersions.status} = 'draft' or ${priceBookVersions.effectiveFrom} > now())`,
      ),
    )
    .orderBy(asc(priceBookVersions.effectiveFrom), asc(priceBookVersions.version));
  const currencies = new Set([...inEffect, ...pending].map((row) => row.currency));
  return CURRENCY_CODES.filter((currency) => currencies.has(currency)).map((currency) => {
    const effective = inEffect.find((row) => row.currency === currency);
    const draft = pending.find((row) => row.currency === currency && row.status === "draft");
    return {
      currency,
      inEffect: effective ? priceView(effective) : null,
      scheduled: pending.filter((row) => row.currency === currency && row.status === "published").map(priceView),
      draft: draft ? priceView(draft) : null,
    };
  });
}

/** Published versions, newest first, each with who published it and what changed from the version before. */
export async function priceHistory(db: Database, tenantId: string, currency: CurrencyCode) {
  const rows = await db
    .select({ version: priceBookVersions, publisherName: users.name, publisherEmail: users.email })
    .from(priceBookVersions)
    .leftJoin(users, eq(users.id, priceBookVersions.publishedBy))
    .where(and(ofBook(tenantId, currency), inArray(priceBookVersions.status, ["published", "cancelled"])))
    .orderBy(asc(priceBookVersions.version));
  const entries = rows.map(({ version: row, publisherName, publisherEmail }, index) => {
    // What it changes is measured from the last version before it that was not withdrawn.
    const previous =
      rows
        .slice(0, index)
        .reverse()
        .find((entry) => entry.version.status === "published")?.version ?? null;
    return {
      ...priceView(row),
      publishedBy: publisherEmail ? { name: publisherName, email: publisherEmail } : null,
      changes: diffPriceVersions(previous, row),
    };
  });
  return entries.reverse();
}

// ---------------------------------------------------------------------------------------------
// Changes

interface NewValues {
  perTrackAmount: number;
  bundles: PriceBundleRow[];
  taxBehavior: TaxBehavior;
  revenueShareBps: number;
  changeSummary: string | null;
  basedOnVersion: number | null;
}

/** Inserts a published version built from `values` (a rollback or a share change). */
async function insertPublished(
  db: Database,
  actor: AuditActor,
  tenantId: string,
  currency: string,
  values: NewValues,
  effectiveFrom: Date | null,
) {
  const version = await nextVersion(db, tenantId, currency);
  const [row] = await db
    .insert(priceBookVersions)
    .values({
      tenantId,
      currency,
      status: "published",
      version,
      ...values,
      effectiveFrom: effectiveFrom ?? CURRENT_TIME,
      createdBy: actor.userId,
      publishedBy: actor.userId,
      publishedAt: sql`now()`,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export interface PriceArgs {
  tenantId: string;
}

export async function saveDraft(db: Database, actor: AuditActor, { tenantId, ...input }: PriceArgs & SavePriceDraftInput) {
  const { currency } = input;
  await lockBook(db, tenantId, currency);
  const draft = await findDraft(db, tenantId, currency);
  const fields = {
    perTrackAmount: input.perTrack.unitAmount,
    bundles: input.bundles.map((bundle) => ({ tracks: bundle.tracks, unitAmount: bundle.unitAmount })),
    taxBehavior: input.taxBehavior,
    changeSummary: input.changeSummary || null,
  };
  let saved: VersionRow | undefined;
  if (!draft) {
    // The editor had a draft open that is gone now: saving would quietly start another.
    if (input.expectedRevision !== undefined) throw new ConflictError(GONE_DRAFT_MESSAGE);
    const revenueShareBps = await governingShare(db, tenantId, currency);
    [saved] = await db
      .insert(priceBookVersions)
      .values({ tenantId, currency, status: "draft", revision: 1, revenueShareBps, createdBy: actor.userId, ...fields })
      .returning();
  } else {
    if (input.expectedRevision !== draft.revision) throw new ConflictError(STALE_DRAFT_MESSAGE);
    [saved] = await db
      .update(priceBookVersions)
      .set({ ...fields, revision: draft.revision + 1, updatedAt: sql`now()` })
      .where(
        and(eq(priceBookVersions.tenantId, tenantId), eq(priceBookVersions.id, draft.id), eq(priceBookVersions.revision, draft.revision)),
      )
      .returning();
  }
  if (!saved) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId,
    action: "prices.save_draft",
    targetType: "price_book_version",
    targetId: saved.id,
    before: snapshot(draft),
    after: snapshot(saved),
  });
  return priceView(saved);
}

/** The open draft, checked against the revision the editor holds. */
async function requireDraft(db: Database, tenantId: string, currency: string, expectedRevision: number) {
  const draft = await findDraft(db, tenantId, currency);
  if (!draft) throw new NotFoundError(noOpenDraftMessage(currency));
  if (draft.revision !== expectedRevision) throw new ConflictError(STALE_DRAFT_MESSAGE);
  return draft;
}

export async function discardDraft(
  db: Database,
  actor: AuditActor,
  args: PriceArgs & { currency: CurrencyCode; expectedRevision: number },
) {
  await lockBook(db, args.tenantId, args.currency);
  const draft = await requireDraft(db, args.tenantId, args.currency, args.expectedRevision);
  await db.delete(priceBookVersions).where(and(eq(priceBookVersions.tenantId, args.tenantId), eq(priceBookVersions.id, draft.id)));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.discard_draft",
    targetType: "price_book_version",
    targetId: draft.id,
    before: snapshot(draft),
  });
  return { ok: true as const };
}

export async function publish(
  db: Database,
  actor: AuditActor,
  args: PriceArgs & { currency: CurrencyCode; expectedRevision: number; effectiveFrom?: Date },
) {
  const effectiveFrom = checkEffectiveFrom(args.effectiveFrom);
  await lockBook(db, args.tenantId, args.currency);
  const draft = await requireDraft(db, args.tenantId, args.currency, args.expectedRevision);
  await refuseBeforeScheduled(db, args.tenantId, args.currency, effectiveFrom);
  const before = await findInEffect(db, args.tenantId, args.currency);
  const version = await nextVersion(db, args.tenantId, args.currency);
  const revenueShareBps = await governingShare(db, args.tenantId, args.currency);
  // The draft row becomes the version: its last UPDATE, after which the trigger freezes it.
  const [published] = await db
    .update(priceBookVersions)
    .set({
      status: "published",
      version,
      revenueShareBps,
      effectiveFrom: effectiveFrom ?? CURRENT_TIME,
      publishedBy: actor.userId,
      publishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(priceBookVersions.tenantId, args.tenantId), eq(priceBookVersions.id, draft.id), eq(priceBookVersions.status, "draft")))
    .returning();
  if (!published) throw new ConflictError(GONE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.publish",
    targetType: "price_book_version",
    targetId: published.id,
    before: snapshot(before),
    after: snapshot(published),
  });
  return priceView(published);
}

export async function rollback(db: Database, actor: AuditActor, args: PriceArgs & { currency: CurrencyCode; version: number }) {
  await lockBook(db, args.tenantId, args.currency);
  const [target] = await db
    .select()
    .from(priceBookVersions)
    .where(
      and(ofBook(args.tenantId, args.currency), eq(priceBookVersions.status, "published"), eq(priceBookVersions.version, args.version)),
    )
    .limit(1);
  if (!target) throw new NotFoundError(`There is no ${args.currency} version ${args.version}`);
  await refuseBeforeScheduled(db, args.tenantId, args.currency, null);
  const before = await findInEffect(db, args.tenantId, args.currency);
  const published = await insertPublished(
    db,
    actor,
    args.tenantId,
    args.currency,
    {
      perTrackAmount: target.perTrackAmount,
      bundles: target.bundles,
      taxBehavior: target.taxBehavior,
      revenueShareBps: await governingShare(db, args.tenantId, args.currency),
      changeSummary: `Rollback to version ${target.version}`,
      basedOnVersion: target.version,
    },
    null,
  );
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.rollback",
    targetType: "price_book_version",
    targetId: published.id,
    before: snapshot(before),
    after: snapshot(published),
  });
  return priceView(published);
}

export async function setRevenueShare(
  db: Database,
  actor: AuditActor,
  args: PriceArgs & { currency: CurrencyCode; revenueShareBps: number; effectiveFrom?: Date },
) {
  const effectiveFrom = checkEffectiveFrom(args.effectiveFrom);
  await lockBook(db, args.tenantId, args.currency);
  // The prices in effect at the share's own time, so versions scheduled before it keep theirs.
  const base = await findInEffectAt(db, args.tenantId, args.currency, effectiveFrom);
  if (!base) throw new PreconditionError(`Publish ${args.currency} prices before setting their revenue share`);
  const later = await findScheduledAfter(db, args.tenantId, args.currency, effectiveFrom);
  const published = await insertPublished(
    db,
    actor,
    args.tenantId,
    args.currency,
    {
      perTrackAmount: base.perTrackAmount,
      bundles: base.bundles,
      taxBehavior: base.taxBehavior,
      revenueShareBps: args.revenueShareBps,
      changeSummary: `Revenue share set to ${args.revenueShareBps} bps`,
      basedOnVersion: null,
    },
    effectiveFrom,
  );
  // Versions scheduled after the share's time carry the old share; each is replaced by a copy
  // with the new one for its own time, or the old share would come back when it takes effect.
  const republished: VersionRow[] = [];
  for (const row of later) {
    if (row.revenueShareBps === args.revenueShareBps) continue;
    await cancelVersion(db, actor, row);
    republished.push(
      await insertPublished(
        db,
        actor,
        args.tenantId,
        args.currency,
        {
          perTrackAmount: row.perTrackAmount,
          bundles: row.bundles,
          taxBehavior: row.taxBehavior,
          revenueShareBps: args.revenueShareBps,
          changeSummary: `Version ${row.version} with revenue share ${args.revenueShareBps} bps`,
          basedOnVersion: row.version,
        },
        row.effectiveFrom,
      ),
    );
  }
  // An open draft previews margins with the share it will be published under.
  await db
    .update(priceBookVersions)
    .set({ revenueShareBps: await governingShare(db, args.tenantId, args.currency) })
    .where(and(ofBook(args.tenantId, args.currency), eq(priceBookVersions.status, "draft")));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.set_revenue_share",
    targetType: "price_book_version",
    targetId: published.id,
    before: snapshot(base),
    after: {
      ...snapshot(published),
      republishedScheduled: republished.map((row) => ({ version: row.version, basedOnVersion: row.basedOnVersion })),
    },
  });
  return priceView(published);
}

/** Withdraws a scheduled version (the trigger allows this one change, and only before its time). */
async function cancelVersion(db: Database, actor: AuditActor, row: VersionRow) {
  const [cancelled] = await db
    .update(priceBookVersions)
    .set({ status: "cancelled", cancelledBy: actor.userId, cancelledAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(priceBookVersions.tenantId, row.tenantId),
        eq(priceBookVersions.id, row.id),
        eq(priceBookVersions.status, "published"),
        gt(priceBookVersions.effectiveFrom, CURRENT_TIME),
      ),
    )
    .returning();
  return cancelled ?? null;
}

/**
 * Cancels a version scheduled for later, before it takes effect. A version that changes the
 * revenue share (from the version before it) is finance's: only holders of
 * prices.set_revenue_share may cancel it; any other needs prices.edit.
 */
export async function cancelScheduled(
  db: Database,
  actor: AuditActor,
  args: PriceArgs & { currency: CurrencyCode; version: number; may: { edit: boolean; setShare: boolean } },
) {
  if (!args.may.edit && !args.may.setShare) throw new ForbiddenError("Your role does not allow this");
  await lockBook(db, args.tenantId, args.currency);
  const [target] = await db
    .select()
    .from(priceBookVersions)
    .where(
      and(
        ofBook(args.tenantId, args.currency),
        eq(priceBookVersions.status, "published"),
        eq(priceBookVersions.version, args.version),
        gt(priceBookVersions.effectiveFrom, CURRENT_TIME),
      ),
    )
    .limit(1);
  if (!target) throw new NotFoundError(`There is no ${args.currency} version ${args.version} scheduled for later`);
  const previous = await findInEffectAt(db, args.tenantId, args.currency, new Date((target.effectiveFrom as Date).getTime() - 1));
  const changesShare = (previous?.revenueShareBps ?? DEFAULT_REVENUE_SHARE_BPS) !== target.revenueShareBps;
  if (changesShare ? !args.may.setShare : !args.may.edit) {
    throw new ForbiddenError(
      changesShare
        ? "This version changes the revenue share; only finance or an operator admin can cancel it"
        : "Your role does not allow this",
    );
  }
  const cancelled = await cancelVersion(db, actor, target);
  if (!cancelled) throw new ConflictError(`${args.currency} version ${args.version} took effect or was cancelled meanwhile`);
  await db
    .update(priceBookVersions)
    .set({ revenueShareBps: await governingShare(db, args.tenantId, args.currency) })
    .where(and(ofBook(args.tenantId, args.currency), eq(priceBookVersions.status, "draft")));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "prices.cancel_scheduled",
    targetType: "price_book_version",
    targetId: cancelled.id,
    before: snapshot(target),
    after: snapshot(cancelled),
  });
  return priceView(cancelled);
}
