/**
 * A tenant's addenda: its own text appended to the operator's policy template, one sequence of
 * versions (1, 2, 3…) per tenant and document kind. A partner admin edits a draft (guarded by its
 * revision) and asks for approval; compliance or an operator admin approves it, which publishes it
 * now or at a scheduled time, or rejects it back to draft with a reason. The approver must be
 * another person than whoever wrote or submitted it. Published versions never change (a database
 * trigger refuses it). Every change to one tenant's sequence is serialised by an advisory lock.
 */
import { auditEvents, type Database, policyAddendumVersions, tenants } from "@pc/db";
import { addendumContentSha256, type PolicyKind, type SaveAddendumDraftInput, unknownVariables, unknownVariablesMessage } from "@pc/shared";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { findAddendumInForce, policyDocumentView, renderForTenant } from "../../services/policy-render.service.js";
import {
  CURRENT_TIME,
  checkEffectiveFrom,
  goneDraftMessage,
  lockVersions,
  noOpenDraftMessage,
  STALE_DRAFT_MESSAGE,
} from "../../services/versions.js";
import { type AddendumRow, addendumView, loadPeople, snapshot } from "./addenda.views.js";

const GONE_DRAFT_MESSAGE = goneDraftMessage("addendum");
const NO_DRAFT_MESSAGE = noOpenDraftMessage("addendum");
const DRAFT_STARTED_MESSAGE = "Someone started an addendum draft since you opened this page; reload to see it";
const NOTHING_PENDING_MESSAGE = "That tenant has no addendum of this kind waiting for approval";

export interface AddendumArgs {
  tenantId: string;
  kind: PolicyKind;
}

const ofSequence = ({ tenantId, kind }: AddendumArgs) =>
  and(eq(policyAddendumVersions.tenantId, tenantId), eq(policyAddendumVersions.kind, kind));

const lockAddenda = (db: Database, { tenantId, kind }: AddendumArgs) => lockVersions(db, `addenda:${tenantId}:${kind}`);

// ---------------------------------------------------------------------------------------------
// Reads

/** The draft, or the version waiting for approval (at most one per tenant and kind). */
async function findOpen(db: Database, args: AddendumArgs): Promise<AddendumRow | null> {
  const [row] = await db
    .select()
    .from(policyAddendumVersions)
    .where(and(ofSequence(args), inArray(policyAddendumVersions.status, ["draft", "pending_approval"])))
    .limit(1);
  return row ?? null;
}

/** The latest rejection of the open draft, unless it was submitted again since. */
async function lastRejection(db: Database, tenantId: string, open: AddendumRow | null) {
  if (open?.status !== "draft") return null;
  const [event] = await db
    .select({ action: auditEvents.action, actorLabel: auditEvents.actorLabel, after: auditEvents.after, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.targetType, "policy_addendum_version"),
        eq(auditEvents.targetId, open.id),
        inArray(auditEvents.action, ["addenda.request_approval", "addenda.reject"]),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (event?.action !== "addenda.reject") return null;
  const reason = (event.after as { rejectionReason?: unknown } | null)?.rejectionReason;
  return { reason: typeof reason === "string" ? reason : "", by: event.actorLabel, at: event.createdAt };
}

/**
 * The addendum of one kind: the version in force now, versions scheduled for later, the open draft
 * (or the version waiting for approval) with its last rejection, and every published version.
 */
export async function getAddendum(db: Database, args: AddendumArgs) {
  const now = new Date();
  const inForce = await findAddendumInForce(db, args.tenantId, args.kind);
  const published = await db
    .select()
    .from(policyAddendumVersions)
    .where(and(ofSequence(args), eq(policyAddendumVersions.status, "published")))
    .orderBy(desc(policyAddendumVersions.version));
  const open = await findOpen(db, args);
  const people = await loadPeople(db, [...published, ...(open ? [open] : [])]);
  const view = (row: AddendumRow) => addendumView(row, people, inForce?.id ?? null, now);
  const history = published.map(view);
  return {
    kind: args.kind,
    inForce: inForce ? view(inForce) : null,
    scheduled: history.filter((entry) => entry.state === "scheduled").reverse(),
    open: open ? view(open) : null,
    /** Why the open draft was last sent back, until it is submitted again. */
    lastRejection: await lastRejection(db, args.tenantId, open),
    history,
  };
}

/** Staff: every addendum waiting for approval, across tenants, oldest request first. */
export async function listPending(db: Database) {
  const rows = await db
    .select({ row: policyAddendumVersions, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
    .from(policyAddendumVersions)
    .innerJoin(tenants, eq(tenants.id, policyAddendumVersions.tenantId))
    .where(eq(policyAddendumVersions.status, "pending_approval"))
    .orderBy(asc(policyAddendumVersions.approvalRequestedAt));
  const people = await loadPeople(
    db,
    rows.map((entry) => entry.row),
  );
  const entries = [];
  for (const { row, tenant } of rows) {
    // What approving it would replace, to compare against.
    const inForce = await findAddendumInForce(db, row.tenantId, row.kind);
    entries.push({
      tenant,
      kind: row.kind,
      id: row.id,
      revision: row.revision,
      markdown: row.markdown,
      changeSummary: row.changeSummary,
      author: row.createdBy ? (people.get(row.createdBy) ?? null) : null,
      requestedBy: row.approvalRequestedBy ? (people.get(row.approvalRequestedBy) ?? null) : null,
      requestedAt: row.approvalRequestedAt,
      inForce: inForce ? { version: inForce.version, markdown: inForce.markdown } : null,
    });
  }
  return entries;
}

/** The tenant's rendered policy (the version in force, or an earlier one as it was shown) with its HTML. */
export async function renderedPolicy(db: Database, args: AddendumArgs & { version?: string }) {
  const rendering = await renderForTenant(db, { tenantId: args.tenantId, kind: args.kind, version: args.version });
  if (!rendering) {
    throw new NotFoundError(
      args.version ? `There is no version ${args.version} of this document` : "No version of this document is in force yet",
    );
  }
  return { ...policyDocumentView(rendering), renderedAt: rendering.rendition.createdAt };
}

/** A row as a change answers it: with its people, and where a published version stands now. */
async function answer(db: Database, row: AddendumRow) {
  const inForce = row.status === "published" ? await findAddendumInForce(db, row.tenantId, row.kind) : null;
  return addendumView(row, await loadPeople(db, [row]), inForce?.id ?? null);
}

// ---------------------------------------------------------------------------------------------
// The tenant's side

function requireKnownVariables(markdown: string): void {
  const unknown = unknownVariables(markdown);
  if (unknown.length > 0) throw new InvalidInputError("markdown", unknownVariablesMessage(unknown));
}

/**
 * Creates the draft (no revision given) or updates it. Saving a version that waits for approval
 * takes it back to draft: what an approver sees is always what was submitted.
 */
export async function saveDraft(db: Database, actor: AuditActor, { tenantId, ...input }: { tenantId: string } & SaveAddendumDraftInput) {
  requireKnownVariables(input.markdown);
  const args = { tenantId, kind: input.kind };
  await lockAddenda(db, args);
  const open = await findOpen(db, args);
  let saved: AddendumRow | undefined;
  if (!open) {
    if (input.expectedRevision !== undefined) throw new ConflictError(GONE_DRAFT_MESSAGE);
    [saved] = await db
      .insert(policyAddendumVersions)
      .values({
        tenantId,
        kind: input.kind,
        status: "draft",
        revision: 1,
        markdown: input.markdown,
        changeSummary: input.changeSummary,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
  } else {
    if (input.expectedRevision === undefined) throw new ConflictError(DRAFT_STARTED_MESSAGE);
    if (input.expectedRevision !== open.revision) throw new ConflictError(STALE_DRAFT_MESSAGE);
    [saved] = await db
      .update(policyAddendumVersions)
      .set({
        status: "draft",
        markdown: input.markdown,
        changeSummary: input.changeSummary,
        revision: open.revision + 1,
        updatedBy: actor.userId,
        approvalRequestedBy: null,
        approvalRequestedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(ofSequence(args), eq(policyAddendumVersions.id, open.id), eq(policyAddendumVersions.revision, open.revision)))
      .returning();
  }
  if (!saved) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId,
    action: "addenda.save_draft",
    targetType: "policy_addendum_version",
    targetId: saved.id,
    before: snapshot(open),
    after: snapshot(saved),
  });
  return answer(db, saved);
}

/** The open draft (or version waiting for approval), checked against the revision the caller holds. */
async function requireOpen(db: Database, args: AddendumArgs, expectedRevision: number, missing = NO_DRAFT_MESSAGE) {
  const open = await findOpen(db, args);
  if (!open) throw new NotFoundError(missing);
  if (open.revision !== expectedRevision) throw new ConflictError(STALE_DRAFT_MESSAGE);
  return open;
}

export async function discardDraft(db: Database, actor: AuditActor, args: AddendumArgs & { expectedRevision: number }) {
  await lockAddenda(db, args);
  const open = await requireOpen(db, args, args.expectedRevision);
  await db.delete(policyAddendumVersions).where(and(ofSequence(args), eq(policyAddendumVersions.id, open.id)));
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "addenda.discard_draft",
    targetType: "policy_addendum_version",
    targetId: open.id,
    before: snapshot(open),
  });
  return { ok: true as const };
}

export async function requestApproval(db: Database, actor: AuditActor, args: AddendumArgs & { expectedRevision: number }) {
  await lockAddenda(db, args);
  const open = await requireOpen(db, args, args.expectedRevision);
  if (open.status !== "draft") throw new PreconditionError("This addendum is already waiting for approval");
  // The variables may have been valid when saved and the list changed since: checked again.
  requireKnownVariables(open.markdown);
  const [requested] = await db
    .update(policyAddendumVersions)
    .set({
      status: "pending_approval",
      revision: open.revision + 1,
      approvalRequestedBy: actor.userId,
      approvalRequestedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(ofSequence(args), eq(policyAddendumVersions.id, open.id), eq(policyAddendumVersions.revision, open.revision)))
    .returning();
  if (!requested) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "addenda.request_approval",
    targetType: "policy_addendum_version",
    targetId: requested.id,
    before: snapshot(open),
    after: snapshot(requested),
  });
  return answer(db, requested);
}

// ---------------------------------------------------------------------------------------------
// The staff side: the tenant comes from input, under operator scope

/** The version waiting for approval, checked against the revision the reviewer saw. */
async function requirePending(db: Database, args: AddendumArgs, expectedRevision: number) {
  const open = await requireOpen(db, args, expectedRevision, NOTHING_PENDING_MESSAGE);
  if (open.status !== "pending_approval") throw new NotFoundError(NOTHING_PENDING_MESSAGE);
  return open;
}

async function nextVersion(db: Database, args: AddendumArgs): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${policyAddendumVersions.version})` })
    .from(policyAddendumVersions)
    .where(ofSequence(args));
  return Number(row?.max ?? 0) + 1;
}

/**
 * A version taking effect before one already scheduled would be replaced by it at that time,
 * silently undoing it: refused, naming the scheduled version.
 */
async function refuseBeforeScheduled(db: Database, args: AddendumArgs, effectiveFrom: Date | null): Promise<void> {
  const [later] = await db
    .select({ version: policyAddendumVersions.version, effectiveFrom: policyAddendumVersions.effectiveFrom })
    .from(policyAddendumVersions)
    .where(
      and(
        ofSequence(args),
        eq(policyAddendumVersions.status, "published"),
        gt(policyAddendumVersions.effectiveFrom, effectiveFrom ?? CURRENT_TIME),
        // Retired before its time: withdrawn, it replaces nothing.
        isNull(policyAddendumVersions.retiredAt),
      ),
    )
    .orderBy(asc(policyAddendumVersions.effectiveFrom))
    .limit(1);
  if (later) {
    throw new PreconditionError(
      `Addendum version ${later.version} is scheduled for ${later.effectiveFrom?.toISOString()}; schedule this one after it`,
    );
  }
}

export const SAME_PERSON_MESSAGE = "You wrote or submitted this addendum; another person must approve it";

/** Publishes the version waiting for approval, now or at `effectiveFrom`. */
export async function approve(db: Database, actor: AuditActor, args: AddendumArgs & { expectedRevision: number; effectiveFrom?: Date }) {
  const effectiveFrom = checkEffectiveFrom(args.effectiveFrom);
  await lockAddenda(db, args);
  const pending = await requirePending(db, args, args.expectedRevision);
  if ([pending.createdBy, pending.updatedBy, pending.approvalRequestedBy].includes(actor.userId)) {
    throw new ForbiddenError(SAME_PERSON_MESSAGE);
  }
  requireKnownVariables(pending.markdown);
  await refuseBeforeScheduled(db, args, effectiveFrom);
  const before = await findAddendumInForce(db, args.tenantId, args.kind);
  const version = await nextVersion(db, args);
  // The pending row becomes the version: its last UPDATE, after which the trigger freezes it.
  const [published] = await db
    .update(policyAddendumVersions)
    .set({
      status: "published",
      version,
      revision: pending.revision + 1,
      sha256: addendumContentSha256(pending.markdown),
      approvedBy: actor.userId,
      approvedAt: sql`now()`,
      effectiveFrom: effectiveFrom ?? CURRENT_TIME,
      publishedBy: actor.userId,
      publishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(ofSequence(args), eq(policyAddendumVersions.id, pending.id), eq(policyAddendumVersions.revision, pending.revision)))
    .returning();
  if (!published) throw new ConflictError(GONE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "addenda.approve",
    targetType: "policy_addendum_version",
    targetId: published.id,
    before: snapshot(before),
    after: snapshot(published),
  });
  return answer(db, published);
}

/** Sends the version waiting for approval back to draft; the reason is kept in the audit trail. */
export async function reject(db: Database, actor: AuditActor, args: AddendumArgs & { expectedRevision: number; reason: string }) {
  await lockAddenda(db, args);
  const pending = await requirePending(db, args, args.expectedRevision);
  const [rejected] = await db
    .update(policyAddendumVersions)
    .set({ status: "draft", revision: pending.revision + 1, approvalRequestedBy: null, approvalRequestedAt: null, updatedAt: sql`now()` })
    .where(and(ofSequence(args), eq(policyAddendumVersions.id, pending.id), eq(policyAddendumVersions.revision, pending.revision)))
    .returning();
  if (!rejected) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    tenantId: args.tenantId,
    action: "addenda.reject",
    targetType: "policy_addendum_version",
    targetId: rejected.id,
    before: snapshot(pending),
    after: { ...snapshot(rejected), rejectionReason: args.reason },
  });
  return answer(db, rejected);
}
