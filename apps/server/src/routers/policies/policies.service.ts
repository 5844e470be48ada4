/**
 * The operator's policy templates: one sequence of versions per document kind (privacy, terms),
 * shared by every tenant. One open version per kind is edited in place (optimistic concurrency on
 * its revision); a material one needs a second person's approval before it is published. Publishing
 * numbers it (material: next major; editorial: next minor), records the sha256 of its content and,
 * for a material version, a re-consent requirement for every tenant. A published version never
 * changes (the database refuses it) except to be retired once. Every change to one kind is
 * serialised by a transaction-scoped advisory lock; the unique indexes back that up.
 *
 * Which version is in force, and how versions are numbered: policies.queries.ts (re-exported here
 * for the rendering service and the public endpoint). Retiring the version in force hands over to
 * the newest earlier one still standing by that rule.
 */
import { type Database, policyReconsentRequirements, policyVersions, queryRows } from "@pc/db";
import {
  formatPolicyVersion,
  POLICY_KIND_LABELS,
  POLICY_KINDS,
  type PolicyKind,
  type PolicyPurpose,
  type PolicyVersionNumber,
  type PublishPolicyInput,
  parsePolicyVersion,
  purposeMeaningChanges,
  type SavePolicyDraftInput,
} from "@pc/shared";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { cancelMaterialPolicyNotices, enqueueMaterialPolicyNotices } from "../../email/policy-published.notice.js";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { CURRENT_TIME, checkEffectiveFrom, goneDraftMessage, lockVersions, STALE_DRAFT_MESSAGE } from "../../services/versions.js";
import {
  findInForceOtherThan,
  findOpenPolicyVersion,
  findPolicyInForce,
  findPolicyVersion,
  findPublished,
  findScheduledAfter,
  moment,
  nextFor,
  nextVersionLabel,
  nextVersionsOf,
} from "./policies.queries.js";
import {
  contentSha256,
  isWithdrawn,
  loadPeople,
  openSummary,
  openView,
  type PolicyVersionRow,
  publishedStatus,
  publishedSummary,
  publishedView,
  snapshot,
  versionLabel,
} from "./policies.views.js";

export {
  findOpenPolicyVersion,
  findPolicyInForce,
  findPolicyVersion,
  latestMaterialInForce,
  nextVersionLabel,
  nextVersionsOf,
} from "./policies.queries.js";
export type { PolicyVersionRow } from "./policies.views.js";

const TARGET_TYPE = "policy_version";
const GONE_DRAFT_MESSAGE = goneDraftMessage("policy");
/** A save without a revision found an open version: someone started one meanwhile. */
const DRAFT_STARTED_MESSAGE = "Someone started a draft of this document since you opened it; reload to see it";
export const SECOND_PERSON_MESSAGE = "A material change needs a second person's approval";
export const APPROVAL_NEEDED_MESSAGE =
  "A material change needs approval by a second person with the compliance or operator admin role; request approval first";

const label = (kind: PolicyKind) => POLICY_KIND_LABELS[kind];

// ---------------------------------------------------------------------------------------------
// Dashboard reads

/** Per kind: the version in force now, the scheduled ones (soonest first) and, for editors, the open version. */
export async function listDocuments(db: Database, { mayEdit }: { mayEdit: boolean }) {
  const now = new Date();
  const documents = [];
  for (const kind of POLICY_KINDS) {
    const inForce = await findPolicyInForce(db, kind, now);
    const scheduled = await findScheduledAfter(db, kind, now);
    const open = mayEdit ? await findOpenPolicyVersion(db, kind) : null;
    const people = await loadPeople(db, [inForce, open, ...scheduled]);
    documents.push({
      kind,
      inForce: inForce ? publishedSummary(inForce, people, "in_force") : null,
      scheduled: scheduled.map((row) => publishedSummary(row, people, "scheduled")),
      open: open ? openSummary(open, people, await nextVersionLabel(db, kind, open.material)) : null,
    });
  }
  return documents;
}

/** Every published version of a kind, highest number first, with its status now. */
export async function listVersions(db: Database, kind: PolicyKind) {
  const now = new Date();
  const rows = await findPublished(db, kind);
  const inForce = await findPolicyInForce(db, kind, now);
  const people = await loadPeople(db, rows);
  return rows.map((row) => publishedSummary(row, people, publishedStatus(row, inForce?.id ?? null, now)));
}

async function requirePublished(db: Database, kind: PolicyKind, version: string): Promise<PolicyVersionRow> {
  const row = await findPolicyVersion(db, kind, version);
  if (!row) throw new NotFoundError(`There is no ${label(kind).toLowerCase()} version ${version}`);
  return row;
}

/** One published version in full. */
export async function getVersion(db: Database, kind: PolicyKind, version: string) {
  const row = await requirePublished(db, kind, version);
  const inForce = await findPolicyInForce(db, kind);
  return publishedView(row, await loadPeople(db, [row]), publishedStatus(row, inForce?.id ?? null, new Date()));
}

/**
 * The open version in full with the number publishing it would give; the numbers a material and
 * an editorial version would get; and `basis`, the newest version not retired (what a new draft
 * starts from).
 */
export async function getDraft(db: Database, kind: PolicyKind) {
  const open = await findOpenPolicyVersion(db, kind);
  const published = await findPublished(db, kind);
  const next = nextVersionsOf(published);
  const basis = published.find((row) => row.retiredAt === null) ?? null;
  const people = await loadPeople(db, [open, basis]);
  const inForce = basis ? await findPolicyInForce(db, kind) : null;
  return {
    kind,
    draft: open ? openView(open, people, nextFor(next, open.material)) : null,
    nextVersions: { material: formatPolicyVersion(next.material), editorial: formatPolicyVersion(next.editorial) },
    basis: basis ? publishedView(basis, people, publishedStatus(basis, inForce?.id ?? null, new Date())) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes to the open version

/** Serialises every change to one kind's versions for the rest of the transaction. */
function lockKind(db: Database, kind: PolicyKind) {
  return lockVersions(db, `policy_versions:${kind}`);
}

/** The open version, checked against the revision the caller holds. */
async function requireOpen(db: Database, kind: PolicyKind, expectedRevision: number): Promise<PolicyVersionRow> {
  const open = await findOpenPolicyVersion(db, kind);
  if (!open)
    throw new NotFoundError(
      `There is no open ${label(kind).toLowerCase()} draft; it may have been published or discarded since you opened it`,
    );
  if (open.revision !== expectedRevision) throw new ConflictError(STALE_DRAFT_MESSAGE);
  return open;
}

const categoryWords = (purpose: PolicyPurpose) => purpose.category.replace(/_/g, " ");

/**
 * A purpose key keeps its meaning for ever (the banner and the consent ledger record consents by
 * key): refused when any published version of the kind used the key for another category or
 * vendor. Names the first such purpose and the version that fixed the key's meaning.
 */
async function refuseMeaningChanges(db: Database, kind: PolicyKind, purposes: readonly PolicyPurpose[]) {
  const earlier = (await findPublished(db, kind)).reverse();
  purposes.forEach((purpose, index) => {
    for (const row of earlier) {
      const before = (row.purposes as PolicyPurpose[]).find((candidate) => candidate.key === purpose.key);
      if (before && purposeMeaningChanges(before, purpose).length > 0) {
        throw new InvalidInputError(
          `purposes.${index}.key`,
          `Purpose key ${purpose.key} meant ${before.vendor.legalEntity} (${categoryWords(before)}) in ${versionLabel(row)}; use a new key for a different purpose`,
        );
      }
    }
  });
}

/**
 * Creates the open version (leave `expectedRevision` out) or updates it. Saving a version that
 * waits for approval, or was approved, puts it back to draft and clears the request and the
 * approval: an approval covers exactly the text approved.
 */
export async function saveDraft(db: Database, actor: AuditActor, input: SavePolicyDraftInput) {
  const { kind } = input;
  await lockKind(db, kind);
  await refuseMeaningChanges(db, kind, input.purposes);
  const open = await findOpenPolicyVersion(db, kind);
  const fields = {
    title: input.title,
    markdown: input.markdown,
    purposes: input.purposes,
    material: input.material,
    changeSummary: input.changeSummary,
    updatedBy: actor.userId,
  };
  let saved: PolicyVersionRow | undefined;
  if (!open) {
    // The editor had a draft open that is gone now: saving would quietly start another.
    if (input.expectedRevision !== undefined) throw new ConflictError(GONE_DRAFT_MESSAGE);
    [saved] = await db
      .insert(policyVersions)
      .values({ kind, status: "draft", revision: 1, createdBy: actor.userId, ...fields })
      .returning();
  } else {
    if (input.expectedRevision === undefined) throw new ConflictError(DRAFT_STARTED_MESSAGE);
    if (input.expectedRevision !== open.revision) throw new ConflictError(STALE_DRAFT_MESSAGE);
    [saved] = await db
      .update(policyVersions)
      .set({ ...fields, ...backToDraft, revision: open.revision + 1, updatedAt: sql`now()` })
      .where(and(eq(policyVersions.id, open.id), eq(policyVersions.revision, open.revision)))
      .returning();
  }
  if (!saved) throw new ConflictError(STALE_DRAFT_MESSAGE);
  await recordAudit(db, actor, {
    action: "policies.save_draft",
    targetType: TARGET_TYPE,
    targetId: saved.id,
    before: snapshot(open),
    after: snapshot(saved),
  });
  return openView(saved, await loadPeople(db, [saved]), nextFor(nextVersionsOf(await findPublished(db, kind)), saved.material));
}

/** Status draft, no approval requested or given. */
const backToDraft = {
  status: "draft" as const,
  approvalRequestedBy: null,
  approvalRequestedAt: null,
  approvedBy: null,
  approvedAt: null,
};

export async function discardDraft(db: Database, actor: AuditActor, args: { kind: PolicyKind; expectedRevision: number }) {
  await lockKind(db, args.kind);
  const open = await requireOpen(db, args.kind, args.expectedRevision);
  await db.delete(policyVersions).where(and(eq(policyVersions.id, open.id), ne(policyVersions.status, "published")));
  await recordAudit(db, actor, {
    action: "policies.discard_draft",
    targetType: TARGET_TYPE,
    targetId: open.id,
    before: snapshot(open),
  });
  return { ok: true as const };
}

/** One change of the open version's state (request, approve, reject), guarded by its revision. */
async function updateOpen(db: Database, open: PolicyVersionRow, values: PgUpdateSetSource<typeof policyVersions>) {
  const [saved] = await db
    .update(policyVersions)
    .set({ ...values, revision: open.revision + 1, updatedAt: sql`now()` })
    .where(and(eq(policyVersions.id, open.id), eq(policyVersions.revision, open.revision)))
    .returning();
  if (!saved) throw new ConflictError(STALE_DRAFT_MESSAGE);
  return saved;
}

async function openAnswer(db: Database, saved: PolicyVersionRow) {
  const next = nextVersionsOf(await findPublished(db, saved.kind));
  return openView(saved, await loadPeople(db, [saved]), nextFor(next, saved.material));
}

/** Draft → waiting for approval. Material drafts need it; an editorial one may ask too. */
export async function requestApproval(db: Database, actor: AuditActor, args: { kind: PolicyKind; expectedRevision: number }) {
  await lockKind(db, args.kind);
  const open = await requireOpen(db, args.kind, args.expectedRevision);
  if (open.status !== "draft") throw new PreconditionError("Approval was already requested for this draft");
  const saved = await updateOpen(db, open, {
    status: "pending_approval",
    approvalRequestedBy: actor.userId,
    approvalRequestedAt: sql`now()`,
  });
  await recordAudit(db, actor, {
    action: "policies.request_approval",
    targetType: TARGET_TYPE,
    targetId: saved.id,
    before: snapshot(open),
    after: snapshot(saved),
  });
  return openAnswer(db, saved);
}

/**
 * Waiting → approved, by someone who neither wrote, last edited nor submitted the draft: the
 * second person the rule asks for.
 */
export async function approve(db: Database, actor: AuditActor, args: { kind: PolicyKind; expectedRevision: number }) {
  await lockKind(db, args.kind);
  const open = await requireOpen(db, args.kind, args.expectedRevision);
  if (open.status !== "pending_approval") throw new PreconditionError("Nobody has requested approval of this draft yet");
  if (open.approvedBy) throw new PreconditionError("This draft is already approved");
  const involved = [open.createdBy, open.updatedBy, open.approvalRequestedBy];
  if (!actor.userId || involved.includes(actor.userId)) {
    throw new ForbiddenError(
      open.material
        ? `${SECOND_PERSON_MESSAGE}: you wrote, edited or submitted this draft`
        : "This change asks for a second person's approval: you wrote, edited or submitted this draft",
    );
  }
  const saved = await updateOpen(db, open, { approvedBy: actor.userId, approvedAt: sql`now()` });
  await recordAudit(db, actor, {
    action: "policies.approve",
    targetType: TARGET_TYPE,
    targetId: saved.id,
    before: snapshot(open),
    after: snapshot(saved),
  });
  return openAnswer(db, saved);
}

/** Waiting (or approved) → draft, the reason kept in the audit trail. */
export async function rejectApproval(
  db: Database,
  actor: AuditActor,
  args: { kind: PolicyKind; expectedRevision: number; reason: string },
) {
  await lockKind(db, args.kind);
  const open = await requireOpen(db, args.kind, args.expectedRevision);
  if (open.status !== "pending_approval") throw new PreconditionError("Nobody has requested approval of this draft");
  const saved = await updateOpen(db, open, backToDraft);
  await recordAudit(db, actor, {
    action: "policies.reject_approval",
    targetType: TARGET_TYPE,
    targetId: saved.id,
    before: snapshot(open),
    after: { ...snapshot(saved), reason: args.reason },
  });
  return openAnswer(db, saved);
}

// ---------------------------------------------------------------------------------------------
// Publishing and retiring

/**
 * Re-consent rows and their voiding must reach every tenant, which only the operator's
 * all-tenants context (or no RLS context at all: migrations, the seed) can see. A context narrowed
 * to one tenant would silently touch that tenant alone.
 */
async function requireEveryTenant(db: Database) {
  const [row] = await queryRows<{ scope: string | null }>(db, sql`select current_setting('app.all_tenants', true) as scope`);
  if (row?.scope === "off") throw new Error("re-consent requirements are written for every tenant: run this in the operator's context");
}

/**
 * A later version would replace this one at its time, and numbers follow effective times: nothing
 * is published to take effect before a version already scheduled.
 */
async function refuseBeforeScheduled(db: Database, kind: PolicyKind, effectiveFrom: Date | null) {
  const [later] = await findScheduledAfter(db, kind, moment(effectiveFrom ?? undefined));
  if (later) {
    throw new PreconditionError(
      `${label(kind)} ${versionLabel(later)} is scheduled for ${later.effectiveFrom?.toISOString()}; retire it first, or schedule this version after it`,
    );
  }
}

export async function publish(db: Database, actor: AuditActor, input: PublishPolicyInput, mail: { publicUrl: string }) {
  const { kind } = input;
  const effectiveFrom = checkEffectiveFrom(input.effectiveFrom);
  await lockKind(db, kind);
  const open = await requireOpen(db, kind, input.expectedRevision);
  const expected = nextFor(nextVersionsOf(await findPublished(db, kind)), open.material);
  const confirmed = parsePolicyVersion(input.version);
  if (!confirmed || formatPolicyVersion(confirmed) !== expected) {
    throw new InvalidInputError(
      "version",
      `Version ${input.version} is out of sequence: the next ${open.material ? "material" : "editorial"} version is ${expected}`,
    );
  }
  if (open.status === "pending_approval" && !open.approvedBy) {
    throw new PreconditionError("This draft is waiting for approval: approve or reject it first, or save it again to withdraw the request");
  }
  if (open.material && !open.approvedBy) throw new PreconditionError(APPROVAL_NEEDED_MESSAGE);
  await refuseBeforeScheduled(db, kind, effectiveFrom);
  const before = await findPolicyInForce(db, kind);
  const number = parsePolicyVersion(expected) as PolicyVersionNumber;
  // The open row becomes the version: its last UPDATE, after which the trigger freezes it.
  const [published] = await db
    .update(policyVersions)
    .set({
      status: "published",
      major: number.major,
      minor: number.minor,
      sha256: contentSha256(open),
      effectiveFrom: effectiveFrom ?? CURRENT_TIME,
      publishedBy: actor.userId,
      publishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(policyVersions.id, open.id), eq(policyVersions.revision, open.revision), ne(policyVersions.status, "published")))
    .returning();
  if (!published) throw new ConflictError(GONE_DRAFT_MESSAGE);
  const reconsentTenants = published.material ? await requireReconsent(db, published) : 0;
  // Partner admins hear of a material change when it is published, ahead of its effective time.
  const notified = published.material ? await enqueueMaterialPolicyNotices(db, published, mail.publicUrl) : 0;
  await recordAudit(db, actor, {
    action: "policies.publish",
    targetType: TARGET_TYPE,
    targetId: published.id,
    before: snapshot(before),
    after: { ...snapshot(published), reconsentTenants, notified },
  });
  const inForce = await findPolicyInForce(db, kind);
  return publishedView(published, await loadPeople(db, [published]), publishedStatus(published, inForce?.id ?? null, new Date()));
}

/**
 * A material version: every tenant's users must consent again from its effective time, and are
 * told its change summary. Answers how many tenants.
 */
async function requireReconsent(db: Database, version: PolicyVersionRow): Promise<number> {
  await requireEveryTenant(db);
  const since = (version.effectiveFrom as Date).toISOString();
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`with inserted as (
      insert into ${policyReconsentRequirements} (tenant_id, kind, policy_version_id, version, since, summary)
      select id, ${version.kind}, ${version.id}, ${versionLabel(version)}, ${since}::timestamptz, ${version.changeSummary} from tenants
      returning 1
    ) select count(*)::int as count from inserted`,
  );
  return Number(row?.count ?? 0);
}

/**
 * Retires a published version. Before its effective time that withdraws it (it never takes
 * effect) and voids its re-consent requirements; a version scheduled after it must be retired
 * first. The version in force is retired only when an earlier one takes over (the newest earlier
 * version not retired, by the in-force rule): a document never goes without a version in force.
 * A superseded version may be retired; nothing changes for readers then.
 */
export async function retire(db: Database, actor: AuditActor, args: { kind: PolicyKind; version: string }) {
  const { kind } = args;
  await lockKind(db, kind);
  const row = await requirePublished(db, kind, args.version);
  if (row.retiredAt) throw new PreconditionError(`${label(kind)} ${args.version} is already retired`);
  const now = new Date();
  const scheduled = (row.effectiveFrom as Date).getTime() > now.getTime();
  if (scheduled) {
    const later = (await findScheduledAfter(db, kind, row.effectiveFrom as Date)).find((other) => other.id !== row.id);
    if (later) {
      throw new PreconditionError(
        `${label(kind)} ${versionLabel(later)} is scheduled after ${args.version} and builds on it; retire ${versionLabel(later)} first`,
      );
    }
  }
  const inForce = await findPolicyInForce(db, kind, now);
  let successor: PolicyVersionRow | null = null;
  if (inForce?.id === row.id) {
    successor = await findInForceOtherThan(db, row, now);
    if (!successor) {
      throw new PreconditionError(
        `${label(kind)} ${args.version} is the only version in force; publish the version that replaces it instead of retiring it`,
      );
    }
  }
  const [retired] = await db
    .update(policyVersions)
    .set({ retiredAt: CURRENT_TIME, retiredBy: actor.userId, updatedAt: sql`now()` })
    .where(and(eq(policyVersions.id, row.id), isNull(policyVersions.retiredAt)))
    .returning();
  if (!retired) throw new ConflictError(`${label(kind)} ${args.version} was retired meanwhile`);
  const voidedReconsent = isWithdrawn(retired) ? await voidReconsent(db, retired) : 0;
  if (isWithdrawn(retired)) await cancelMaterialPolicyNotices(db, retired.id);
  /** The version in force once this one is retired. */
  const inForceAfter = successor ?? inForce;
  await recordAudit(db, actor, {
    action: "policies.retire",
    targetType: TARGET_TYPE,
    targetId: retired.id,
    before: snapshot(row),
    after: {
      ...snapshot(retired),
      withdrawn: isWithdrawn(retired),
      inForceNow: inForceAfter ? versionLabel(inForceAfter) : null,
      voidedReconsent,
    },
  });
  return publishedView(retired, await loadPeople(db, [retired]), "retired");
}

/** A withdrawn material version asks nobody to consent again: its requirements are voided (the one change the trigger allows). */
async function voidReconsent(db: Database, version: PolicyVersionRow): Promise<number> {
  await requireEveryTenant(db);
  const voided = await db
    .update(policyReconsentRequirements)
    .set({ voidedAt: sql`now()` })
    .where(and(eq(policyReconsentRequirements.policyVersionId, version.id), isNull(policyReconsentRequirements.voidedAt)))
    .returning({ tenantId: policyReconsentRequirements.tenantId });
  return voided.length;
}
