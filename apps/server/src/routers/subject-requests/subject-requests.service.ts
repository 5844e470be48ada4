/**
 * Data-subject requests: filing one (the subject ids kept only as the tenant's keyed hashes with a
 * masked hint), the workflow received → identity_verified → in_progress → completed | rejected,
 * listing in keyset pages (open ones first by due date, to catch the eye) and one request's detail with its audit history.
 * Every step writes its audit event in the same transaction. Staff see every tenant; partners only
 * their own, whatever tenant the input names. Completing a request is subject-requests.completion.ts.
 */
import { randomBytes } from "node:crypto";
import { auditEvents, consentRecords, consentSubjectSecrets, type Database, subjectRequests, tenants } from "@pc/db";
import {
  type FileSubjectRequestInput,
  isOpenSubjectRequest,
  isSubjectRequestOverdue,
  maskSubjectId,
  OPEN_SUBJECT_REQUEST_STATUSES,
  type SubjectRequestKind,
  type SubjectRequestStatus,
  subjectRequestDueAt,
} from "@pc/shared";
import { and, asc, count, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { InvalidInputError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import {
  type CursorKey,
  cursorFingerprint,
  decodePageCursor,
  encodePageCursor,
  isExactTimestamp,
  isUuid,
} from "../../services/page-cursor.js";
import { subjectDigestFor } from "../consent-audit/consent-audit.queries.js";

export const NO_REQUEST_MESSAGE = "No such data-subject request";

export type SubjectRequestRow = typeof subjectRequests.$inferSelect;

interface Scope {
  /** The tenant a partner is confined to, or null for staff. */
  scopeTenantId: string | null;
}

/** What the list and the detail show of a request: never a digest, never a raw subject id. */
export function requestView(row: SubjectRequestRow, tenant: { id: string; slug: string; name: string } | null, now = new Date()) {
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenant,
    kind: row.kind,
    status: row.status,
    subjectHints: row.subjects.map((subject) => subject.hint),
    requesterEmail: row.requesterEmail,
    channel: row.channel,
    forMinor: row.forMinor,
    guardian: row.forMinor
      ? {
          name: row.guardianName,
          relationship: row.guardianRelationship,
          verificationMethod: row.guardianVerificationMethod,
          verificationNote: row.guardianVerificationNote,
        }
      : null,
    filedByLabel: row.filedByLabel,
    filedBySide: row.filedBySide,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    overdue: isSubjectRequestOverdue(row, now),
    identityVerifiedAt: row.identityVerifiedAt,
    identityVerifiedBy: row.identityVerifiedBy,
    identityNote: row.identityNote,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    rejectedAt: row.rejectedAt,
    rejectedBy: row.rejectedBy,
    rejectionReason: row.rejectionReason,
  };
}

/** The tenant's subject secret, made the first time it is needed (as ingestion does). */
async function ensureSubjectSecret(db: Database, tenantId: string): Promise<void> {
  await db
    .insert(consentSubjectSecrets)
    .values({ tenantId, secret: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
}

async function tenantRow(db: Database, tenantId: string) {
  const [tenant] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return tenant ?? null;
}

/** A request the caller may see; another tenant's answers NOT_FOUND, as an unknown id does. */
export async function getRequestOrThrow(db: Database, scope: Scope, requestId: string, options: { forUpdate?: boolean } = {}) {
  const where: (SQL | undefined)[] = [eq(subjectRequests.id, requestId)];
  if (scope.scopeTenantId) where.push(eq(subjectRequests.tenantId, scope.scopeTenantId));
  const query = db
    .select()
    .from(subjectRequests)
    .where(and(...where))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(NO_REQUEST_MESSAGE);
  return row;
}

export interface FileArgs extends Scope {
  actor: AuditActor;
  input: Omit<FileSubjectRequestInput, "receivedAt"> & { receivedAt?: Date };
}

export async function fileRequest(db: Database, { scopeTenantId, actor, input }: FileArgs) {
  let tenantId: string;
  if (scopeTenantId) {
    // A partner files for its own customers only; another tenant's id looks like an unknown one.
    if (input.tenantId && input.tenantId !== scopeTenantId) throw new NotFoundError("Tenant not found");
    tenantId = scopeTenantId;
  } else {
    if (!input.tenantId) throw new InvalidInputError("tenantId", "Choose the tenant whose customer asks");
    tenantId = input.tenantId;
  }
  const tenant = await tenantRow(db, tenantId);
  if (!tenant) throw new NotFoundError("Tenant not found");
  const now = new Date();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw new InvalidInputError("receivedAt", "The date received cannot be in the future");

  await ensureSubjectSecret(db, tenantId);
  const subjects = [];
  for (const subjectId of new Set(input.subjectIds)) {
    const digest = await subjectDigestFor(db, tenantId, subjectId);
    if (!digest) throw new Error(`tenant ${tenantId} has no subject secret`);
    subjects.push({ digest, hint: maskSubjectId(subjectId) });
  }
  const guardian = input.guardian;
  const [row] = await db
    .insert(subjectRequests)
    .values({
      tenantId,
      kind: input.kind,
      subjects,
      requesterEmail: input.requesterEmail,
      channel: input.channel,
      forMinor: guardian !== undefined,
      guardianName: guardian?.name ?? null,
      guardianRelationship: guardian?.relationship ?? null,
      guardianVerificationMethod: guardian?.verificationMethod ?? null,
      guardianVerificationNote: guardian?.verificationNote ?? null,
      filedBy: actor.userId,
      filedByLabel: actor.label,
      filedBySide: scopeTenantId ? "partner" : "operator",
      receivedAt,
      dueAt: subjectRequestDueAt(receivedAt),
    })
    .returning();
  if (!row) throw new Error("the request was not stored");
  await recordAudit(db, actor, {
    tenantId,
    action: "subject_request.file",
    targetType: "subject_request",
    targetId: row.id,
    after: {
      kind: row.kind,
      status: row.status,
      subjects: row.subjects.map((subject) => subject.hint),
      channel: row.channel,
      forMinor: row.forMinor,
      guardianVerificationMethod: row.guardianVerificationMethod,
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
    },
  });
  return requestView(row, tenant);
}

export interface ListArgs extends Scope {
  tenantId?: string;
  status?: SubjectRequestStatus;
  kind?: SubjectRequestKind;
  overdue?: boolean;
  cursor?: string;
  limit: number;
  now?: Date;
}

/** Where the next page starts: the last row's group (0 open, 1 finished), its sort time and id. */
interface ListCursorKey extends CursorKey {
  g: 0 | 1;
  a: string;
  i: string;
}

const isListCursorKey = (body: Record<string, unknown>): body is ListCursorKey =>
  (body.g === 0 || body.g === 1) && isExactTimestamp(body.a) && isUuid(body.i);

const isOpen = inArray(subjectRequests.status, [...OPEN_SUBJECT_REQUEST_STATUSES]);
/** The sort time: the due date of an open request, the date received of a finished one. */
const sortAt = sql`case when ${isOpen} then ${subjectRequests.dueAt} else ${subjectRequests.receivedAt} end`;
const exact = (at: SQL) => sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The rows after the cursor's in the list's order: open ones by due date, then finished ones newest first. */
function after(key: ListCursorKey): SQL {
  const at = sql`${key.a}::timestamptz`;
  const id = sql`${key.i}::uuid`;
  if (key.g === 0) {
    return sql`(not ${isOpen} or (${isOpen} and (${subjectRequests.dueAt}, ${subjectRequests.id}) > (${at}, ${id})))`;
  }
  return sql`(not ${isOpen} and (${subjectRequests.receivedAt}, ${subjectRequests.id}) < (${at}, ${id}))`;
}

/**
 * Open requests by due date (most urgent first), then finished ones newest first, in keyset pages.
 * The cursor is bound to the filters and the caller's scope; a partner's scope wins over any tenant
 * it names.
 */
export async function listRequests(db: Database, args: ListArgs) {
  const now = args.now ?? new Date();
  const tenantId = args.scopeTenantId ?? args.tenantId;
  const fingerprint = cursorFingerprint({
    scope: args.scopeTenantId,
    tenantId: tenantId ?? null,
    status: args.status ?? null,
    kind: args.kind ?? null,
    overdue: args.overdue ?? false,
  });
  const cursor = args.cursor ? decodePageCursor(args.cursor, fingerprint, isListCursorKey) : null;
  const where: (SQL | undefined)[] = [
    tenantId ? eq(subjectRequests.tenantId, tenantId) : undefined,
    args.status ? eq(subjectRequests.status, args.status) : undefined,
    args.kind ? eq(subjectRequests.kind, args.kind) : undefined,
    cursor ? after(cursor) : undefined,
  ];
  if (args.overdue) where.push(inArray(subjectRequests.status, [...OPEN_SUBJECT_REQUEST_STATUSES]), lt(subjectRequests.dueAt, now));
  const rows = await db
    .select({
      request: subjectRequests,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
      sortAtExact: exact(sortAt),
    })
    .from(subjectRequests)
    .innerJoin(tenants, eq(tenants.id, subjectRequests.tenantId))
    .where(and(...where))
    .orderBy(
      sql`case when ${isOpen} then 0 else 1 end`,
      sql`case when ${isOpen} then ${subjectRequests.dueAt} end asc`,
      sql`case when ${isOpen} then null else ${subjectRequests.receivedAt} end desc`,
      sql`case when ${isOpen} then ${subjectRequests.id} end asc`,
      sql`case when ${isOpen} then null else ${subjectRequests.id} end desc`,
    )
    .limit(args.limit + 1);
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > args.limit && last
      ? encodePageCursor(fingerprint, {
          g: isOpenSubjectRequest(last.request.status) ? 0 : 1,
          a: last.sortAtExact,
          i: last.request.id,
        } satisfies ListCursorKey)
      : null;
  return { items: page.map((row) => requestView(row.request, row.tenant, now)), nextCursor };
}

/** How many ledger records the request's subject has in its tenant. */
export async function subjectRecordCount(db: Database, row: SubjectRequestRow): Promise<number> {
  const [result] = await db
    .select({ n: count() })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.tenantId, row.tenantId),
        inArray(
          consentRecords.subjectDigest,
          row.subjects.map((subject) => subject.digest),
        ),
      ),
    );
  return Number(result?.n ?? 0);
}

/** The request's steps as the audit trail holds them, oldest first. */
export async function requestHistory(db: Database, row: SubjectRequestRow) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, row.tenantId), eq(auditEvents.targetType, "subject_request"), eq(auditEvents.targetId, row.id)))
    .orderBy(asc(auditEvents.id));
}

type Step = "verify_identity" | "start" | "reject";

const STEP_FROM: Record<Step, readonly SubjectRequestStatus[]> = {
  verify_identity: ["received"],
  start: ["identity_verified"],
  reject: OPEN_SUBJECT_REQUEST_STATUSES,
};

const STEP_REFUSAL: Record<Step, string> = {
  verify_identity: "Only a request just received can have its requester's identity verified",
  start: "Verify the requester's identity before starting work on the request",
  reject: "A completed or rejected request is final",
};

export interface StepArgs extends Scope {
  actor: AuditActor;
  requestId: string;
}

/** Moves a request one step, refusing a step out of order; the audit event in the same transaction. */
async function step(db: Database, args: StepArgs, name: Step, changes: Partial<typeof subjectRequests.$inferInsert>) {
  const row = await getRequestOrThrow(db, args, args.requestId, { forUpdate: true });
  if (!STEP_FROM[name].includes(row.status)) throw new PreconditionError(STEP_REFUSAL[name]);
  const [updated] = await db
    .update(subjectRequests)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(subjectRequests.tenantId, row.tenantId), eq(subjectRequests.id, row.id)))
    .returning();
  if (!updated) throw new NotFoundError(NO_REQUEST_MESSAGE);
  const { status: _s, updatedAt: _u, ...details } = changes;
  await recordAudit(db, args.actor, {
    tenantId: row.tenantId,
    action: `subject_request.${name}`,
    targetType: "subject_request",
    targetId: row.id,
    before: { status: row.status },
    after: { status: updated.status, ...details },
  });
  return requestView(updated, await tenantRow(db, row.tenantId));
}

export function verifyIdentity(db: Database, args: StepArgs & { note: string }) {
  return step(db, args, "verify_identity", {
    status: "identity_verified",
    identityVerifiedAt: new Date(),
    identityVerifiedBy: args.actor.label,
    identityNote: args.note,
  });
}

export function startRequest(db: Database, args: StepArgs) {
  return step(db, args, "start", { status: "in_progress", startedAt: new Date() });
}

export function rejectRequest(db: Database, args: StepArgs & { reason: string }) {
  return step(db, args, "reject", {
    status: "rejected",
    rejectedAt: new Date(),
    rejectedBy: args.actor.label,
    rejectionReason: args.reason,
  });
}

export { tenantRow };
