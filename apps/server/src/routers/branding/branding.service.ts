import { brandingVersions, type Database, users } from "@pc/db";
import { checkBrandingContrast, type SaveBrandingDraftInput } from "@pc/shared";
import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import {
  CURRENT_TIME,
  checkEffectiveFrom,
  goneDraftMessage,
  lockVersions,
  noOpenDraftMessage,
  STALE_DRAFT_MESSAGE,
} from "../../services/versions.js";
import { requireReadableColors } from "./branding.contrast.js";
import { diffBrandingVersions } from "./branding.diff.js";
import { type BrandingVersionRow, findBrandingDraft, findBrandingInEffect } from "./branding.queries.js";
import { requireAsset } from "./branding.uploads.js";
import { brandingValues, brandingView, loadViewContext, snapshot } from "./branding.views.js";

const GONE_DRAFT_MESSAGE = goneDraftMessage("branding");
const NO_DRAFT_MESSAGE = noOpenDraftMessage("branding");
/** A save without a revision found a draft: someone (maybe the same person in another tab) started one meanwhile. */
const DRAFT_STARTED_MESSAGE = "Someone started a branding draft since you opened this page; reload to see it";

// ---------------------------------------------------------------------------------------------
// Reads

const ofTenant = (tenantId: string) => eq(brandingVersions.tenantId, tenantId);

/** Published versions whose time has not come yet, soonest first. */
async function findScheduled(db: Database, tenantId: string): Promise<BrandingVersionRow[]> {
  const rows = await db
    .select()
    .from(brandingVersions)
    .where(and(ofTenant(tenantId), eq(brandingVersions.status, "published"), gt(brandingVersions.effectiveFrom, CURRENT_TIME)))
    .orderBy(asc(brandingVersions.effectiveFrom), asc(brandingVersions.version));
  return rows;
}

/**
 * The "powered by" flag a new version carries: the one of the version that takes effect last (a
 * new version always comes after every scheduled one, see refuseBeforeScheduled), else on. Drafts
 * and rollbacks never choose it, so only operator staff change it.
 */
async function governingPoweredBy(db: Database, tenantId: string): Promise<boolean> {
  const [last] = await db
    .select({ poweredBy: brandingVersions.poweredBy })
    .from(brandingVersions)
    .where(and(ofTenant(tenantId), eq(brandingVersions.status, "published")))
    .orderBy(desc(brandingVersions.effectiveFrom), desc(brandingVersions.version))
    .limit(1);
  return last?.poweredBy ?? true;
}

/**
 * A version is the whole branding, so one taking effect before a version already scheduled would
 * be replaced by it at that time, silently. Such a publish is refused; the scheduled version can
 * be cancelled first, or the new one scheduled after it.
 */
async function refuseBeforeScheduled(db: Database, tenantId: string, effectiveFrom: Date | null): Promise<void> {
  const [later] = await db
    .select({ version: brandingVersions.version, effectiveFrom: brandingVersions.effectiveFrom })
    .from(brandingVersions)
    .where(
      and(ofTenant(tenantId), eq(brandingVersions.status, "published"), gt(brandingVersions.effectiveFrom, effectiveFrom ?? CURRENT_TIME)),
    )
    .orderBy(asc(brandingVersions.effectiveFrom))
    .limit(1);
  if (later) {
    throw new PreconditionError(
      `Branding version ${later.version} is scheduled for ${later.effectiveFrom?.toISOString()}; cancel it first, or schedule this change after it`,
    );
  }
}

/** Withdraws a scheduled version (the trigger allows this one change, and only before its time). */
async function cancelVersion(db: Database, actor: AuditActor, row: BrandingVersionRow): Promise<BrandingVersionRow | null> {
  const [cancelled] = await db
    .update(brandingVersions)
    .set({ status: "cancelled", cancelledBy: actor.userId, cancelledAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        ofTenant(row.tenantId),
        eq(brandingVersions.id, row.id),
        eq(brandingVersions.status, "published"),
        gt(brandingVersions.effectiveFrom, CURRENT_TIME),
      ),
    )
    .returning();
  return cancelled ?? null;
}

/** The version in effect now, the scheduled ones (soonest first), the open draft and the draft's contrast report. */
export async function getBranding(db: Database, tenantId: string) {
  const inEffect = await findBrandingInEffect(db, tenantId);
  const scheduled = await findScheduled(db, tenantId);
  const draft = await findBrandingDraft(db, tenantId);
  const context = await loadViewContext(db, tenantId, [...(inEffect ? [inEffect] : []), ...scheduled, ...(draft ? [draft] : [])]);
  return {
    inEffect: inEffect ? brandingView(context, inEffect) : null,
    scheduled: scheduled.map((row) => brandingView(context, row)),
    draft: draft ? brandingView(context, draft) : null,
    /** null without a draft; `passes: false` means publishing the draft is refused. */
    contrast: draft ? checkBrandingContrast(draft.colors) : null,
  };
}

/** Published versions, newest first, each with who published it and what changed from the version before. */
export async function brandingHistory(db: Database, tenantId: string) {
  const rows = await db
    .select({ version: brandingVersions, publisherName: users.name, publisherEmail: users.email })
    .from(brandingVersions)
    .leftJoin(users, eq(users.id, brandingVersions.publishedBy))
    .where(and(ofTenant(tenantId), inArray(brandingVersions.status, ["published", "cancelled"])))
    .orderBy(asc(brandingVersions.version));
  const context = await loadViewContext(
    db,
    tenantId,
    rows.map((row) => row.version),
  );
  const entries = rows.map(({ version: row, publisherName, publisherEmail }, index) => {
    // What it changes is measured from the last version before it that was not withdrawn.
    const previous = rows
      .slice(0, index)
      .reverse()
      .find((entry) => entry.version.status === "published")?.version;
    return {
      ...brandingView(context, row),
      publishedBy: publisherEmail ? { name: publisherName, email: publisherEmail } : null,
      changes: diffBrandingVersions(previous ? brandingValues(context, previous) : null, brandingValues(context, row)),
    };
  });
  return entries.reverse();
}

// ---------------------------------------------------------------------------------------------
// Changes

function lockBranding(db: Database, tenantId: string) {
  return lockVersions(db, `branding:${tenantId}`);
}

async function nextVersion(db: Database, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${brandingVersions.version})` })
    .from(brandingVersions)
    .where(ofTenant(tenantId));
  return Number(row?.max ?? 0) + 1;
}

type VersionValues = Pick<
  BrandingVersionRow,
  | "displayName"
  | "legalName"
  | "legalAddress"
  | "supportEmail"
  | "logoAssetId"
  | "faviconAssetId"
  | "colors"
  | "poweredBy"
  | "changeSummary"
  | "basedOnVersion"
>;

const copyValues = (row: BrandingVersionRow) => ({
  displayName: row.displayName,
  legalName: row.legalName,
  legalAddress: row.legalAddress,
  supportEmail: row.supportEmail,
  logoAssetId: row.logoAssetId,
  faviconAssetId: row.faviconAssetId,
  colors: row.colors,
});

/** Inserts a published version built from `values` (a rollback or a "powered by" change). */
async function insertPublished(db: Database, actor: AuditActor, tenantId: string, values: VersionValues, effectiveFrom: Date | null) {
  const version = await nextVersion(db, tenantId);
  const [row] = await db
    .insert(brandingVersions)
    .values({
      tenantId,
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

export interface BrandingArgs {
  tenantId: string;
}

export async function saveDraft(db: Database, actor: AuditActor, { tenantId, ...input }: BrandingArgs & SaveBrandingDraftInput) {
  await requireAsset(db, tenantId, "logoAssetId", "logo", input.logoAssetId);
  await requireAsset(db, tenantId, "faviconAssetId", "favicon", input.faviconAssetId);
  await lockBranding(db, tenantId);
  const draft = await findBrandingDraft(db, tenantId);
  const fields = {
    displayName: input.displayName,
    legalName: input.legalName,
    legalAddress: input.legalAddress,
    supportEmail: input.supportEmail,
    logoAssetId: input.logoAssetId,
    faviconAssetId: input.faviconAssetId,
    colors: input.colors,
    changeSummary: input.changeSummary || null,
  };
  let saved: BrandingVersionRow | undefined;
  if (!draft) {
    // The editor had a draft open that is gone now: saving would quietly start another.
    if (input.expectedRevision !== undefined) throw new ConflictError(GONE_DRAFT_MESSAGE);
    const poweredBy = await governingPoweredBy(db, tenantId);
    [saved] = await db
      .insert(brandingVersions)
      .values({ tenantId, status: "draft", revision: 1, poweredBy, createdBy: actor.userId, ...fields })
      .returning();
  } else {
    if (input.expectedRevision === undefined) throw new ConflictError(DRAFT_STARTED_MESSAGE);
    if (input.expectedRevision !== draft.revision) throw new ConflictError(STALE_DRAFT_MESSAGE);
    [saved] = await db
      .update(brandingVersions)
      .set({ ...fields, revision: draft.revision + 1, updatedAt: sql`now()` })
      .where(and(ofTenant(tenantId), eq(brandingVersions.id, draft.id), eq(brandingVersions.revision, draft.revision)))
      .returning();
  }
  if (!saved) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId,
    action: "branding.save_draft",
    targetType: "branding_version",
    targetId: saved.id,
    before: snapshot(draft),
    after: snapshot(saved),
  });
  return brandingView(await loadViewContext(db, tenantId, [saved]), saved);
}

/** The open draft, checked against the revision the editor holds. */
async function requireDraft(db: Database, tenantId: string, expectedRevision: number) {
  const draft = await findBrandingDraft(db, tenantId);
  if (!draft) throw new NotFoundError(NO_DRAFT_MESSAGE);
  if (draft.revision !== expectedRevision) throw new ConflictError(STALE_DRAFT_MESSAGE);
  return draft;
}

export async function discardDraft(db: Database, actor: AuditActor, args: BrandingArgs & { expectedRevision: number }) {
  await lockBranding(db, args.tenantId);
  const draft = await requireDraft(db, args.tenantId, args.expectedRevision);
  await db.delete(brandingVersions).where(and(ofTenant(args.tenantId), eq(brandingVersions.id, draft.id)));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "branding.discard_draft",
    targetType: "branding_version",
    targetId: draft.id,
    before: snapshot(draft),
  });
  return { ok: true as const };
}

export async function publish(db: Database, actor: AuditActor, args: BrandingArgs & { expectedRevision: number; effectiveFrom?: Date }) {
  const effectiveFrom = checkEffectiveFrom(args.effectiveFrom);
  await lockBranding(db, args.tenantId);
  const draft = await requireDraft(db, args.tenantId, args.expectedRevision);
  requireReadableColors(draft.colors);
  await refuseBeforeScheduled(db, args.tenantId, effectiveFrom);
  const before = await findBrandingInEffect(db, args.tenantId);
  const version = await nextVersion(db, args.tenantId);
  const poweredBy = await governingPoweredBy(db, args.tenantId);
  // The draft row becomes the version: its last UPDATE, after which the trigger freezes it.
  const [published] = await db
    .update(brandingVersions)
    .set({
      status: "published",
      version,
      poweredBy,
      effectiveFrom: effectiveFrom ?? CURRENT_TIME,
      publishedBy: actor.userId,
      publishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(ofTenant(args.tenantId), eq(brandingVersions.id, draft.id), eq(brandingVersions.status, "draft")))
    .returning();
  if (!published) throw new ConflictError(GONE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "branding.publish",
    targetType: "branding_version",
    targetId: published.id,
    before: snapshot(before),
    after: snapshot(published),
  });
  return brandingView(await loadViewContext(db, args.tenantId, [published]), published);
}

export async function rollback(db: Database, actor: AuditActor, args: BrandingArgs & { version: number }) {
  await lockBranding(db, args.tenantId);
  const [target] = await db
    .select()
    .from(brandingVersions)
    .where(and(ofTenant(args.tenantId), eq(brandingVersions.status, "published"), eq(brandingVersions.version, args.version)))
    .limit(1);
  if (!target) throw new NotFoundError(`There is no branding version ${args.version}`);
  // Every published version passed this check, unless the rules have tightened since.
  requireReadableColors(target.colors);
  await refuseBeforeScheduled(db, args.tenantId, null);
  const before = await findBrandingInEffect(db, args.tenantId);
  const published = await insertPublished(
    db,
    actor,
    args.tenantId,
    {
      ...copyValues(target),
      poweredBy: await governingPoweredBy(db, args.tenantId),
      changeSummary: `Rollback to version ${target.version}`,
      basedOnVersion: target.version,
    },
    null,
  );
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "branding.rollback",
    targetType: "branding_version",
    targetId: published.id,
    before: snapshot(before),
    after: snapshot(published),
  });
  return brandingView(await loadViewContext(db, args.tenantId, [published]), published);
}

/**
 * Publishes, effective now, a copy of the version in effect with the flag changed. Versions already
 * scheduled carry the flag they were published with, so each one that differs is published again
 * for its own time with the new flag, and the old one cancelled; otherwise the operator's
 * change would be undone when it takes effect. An open draft takes the flag too, so its preview
 * shows what publishing it will give.
 */
export async function setPoweredBy(db: Database, actor: AuditActor, args: BrandingArgs & { poweredBy: boolean }) {
  await lockBranding(db, args.tenantId);
  const base = await findBrandingInEffect(db, args.tenantId);
  if (!base) throw new PreconditionError("This tenant has no branding in effect yet; publish its branding first");
  const scheduled = (await findScheduled(db, args.tenantId)).filter((row) => row.poweredBy !== args.poweredBy);
  const context = await loadViewContext(db, args.tenantId, [base]);
  // Already so everywhere: nothing to publish, nothing to record.
  if (base.poweredBy === args.poweredBy && scheduled.length === 0) return brandingView(context, base);

  const summary = `"Powered by Masterchannel" ${args.poweredBy ? "shown" : "hidden"}`;
  const published = await insertPublished(
    db,
    actor,
    args.tenantId,
    { ...copyValues(base), poweredBy: args.poweredBy, changeSummary: summary, basedOnVersion: null },
    null,
  );
  const republished: BrandingVersionRow[] = [];
  for (const row of scheduled) {
    await cancelVersion(db, actor, row);
    republished.push(
      await insertPublished(
        db,
        actor,
        args.tenantId,
        {
          ...copyValues(row),
          poweredBy: args.poweredBy,
          changeSummary: `${summary} (scheduled version ${row.version})`,
          basedOnVersion: row.version,
        },
        row.effectiveFrom,
      ),
    );
  }
  await db
    .update(brandingVersions)
    .set({ poweredBy: args.poweredBy })
    .where(and(ofTenant(args.tenantId), eq(brandingVersions.status, "draft")));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "branding.set_powered_by",
    targetType: "branding_version",
    targetId: published.id,
    before: snapshot(base),
    after: {
      ...snapshot(published),
      republishedScheduled: republished.map((row) => ({ version: row.version, basedOnVersion: row.basedOnVersion })),
    },
  });
  return brandingView(context, published);
}

/**
 * Cancels a version scheduled for later, before it takes effect. A version that changes the
 * "powered by" flag (from the version before it) is operator staff's to cancel.
 */
export async function cancelScheduled(db: Database, actor: AuditActor, args: BrandingArgs & { version: number; maySetPoweredBy: boolean }) {
  await lockBranding(db, args.tenantId);
  const [target] = await db
    .select()
    .from(brandingVersions)
    .where(
      and(
        ofTenant(args.tenantId),
        eq(brandingVersions.status, "published"),
        eq(brandingVersions.version, args.version),
        gt(brandingVersions.effectiveFrom, CURRENT_TIME),
      ),
    )
    .limit(1);
  if (!target) throw new NotFoundError(`There is no branding version ${args.version} scheduled for later`);
  const [previous] = await db
    .select({ poweredBy: brandingVersions.poweredBy })
    .from(brandingVersions)
    .where(
      and(
        ofTenant(args.tenantId),
        eq(brandingVersions.status, "published"),
        lt(brandingVersions.effectiveFrom, target.effectiveFrom as Date),
      ),
    )
    .orderBy(desc(brandingVersions.effectiveFrom), desc(brandingVersions.version))
    .limit(1);
  if ((previous?.poweredBy ?? true) !== target.poweredBy && !args.maySetPoweredBy) {
    throw new ForbiddenError('This version changes "Powered by Masterchannel"; only Masterchannel staff can cancel it');
  }
  const cancelled = await cancelVersion(db, actor, target);
  if (!cancelled) throw new ConflictError(`Branding version ${args.version} took effect or was cancelled meanwhile`);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "branding.cancel_scheduled",
    targetType: "branding_version",
    targetId: cancelled.id,
    before: snapshot(target),
    after: snapshot(cancelled),
  });
  return brandingView(await loadViewContext(db, args.tenantId, [cancelled]), cancelled);
}
