/**
 * How the operator's policy template versions are shown: to the dashboard (summaries, a published
 * version in full, the open draft) and to the audit trail (snapshots). People are shown by name and
 * email, looked up once per answer.
 */
import { type Database, type policyVersions, users } from "@pc/db";
import { formatPolicyVersion, type PolicyKind, type PolicyPurpose, policyContentSha256 } from "@pc/shared";
import { inArray } from "drizzle-orm";

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

export interface Person {
  name: string;
  email: string;
}
export type People = Map<string, Person>;

/** The people a set of versions names (authors, editors, requesters, approvers, publishers, retirers). */
export async function loadPeople(db: Database, rows: readonly (PolicyVersionRow | null | undefined)[]): Promise<People> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (!row) continue;
    for (const id of [row.createdBy, row.updatedBy, row.approvalRequestedBy, row.approvedBy, row.publishedBy, row.retiredBy]) {
      if (id) ids.add(id);
    }
  }
  if (ids.size === 0) return new Map();
  const found = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(found.map((person) => [person.id, { name: person.name, email: person.email }]));
}

const personOf = (people: People, id: string | null): Person | null => (id ? (people.get(id) ?? null) : null);

/** "2.0" of a published row (null for the open version, which has no number yet). */
export function versionLabel(row: PolicyVersionRow): string | null {
  return row.major === null || row.minor === null ? null : formatPolicyVersion({ major: row.major, minor: row.minor });
}

/** Retired before it took effect: a scheduled version withdrawn, never shown to anyone. */
export function isWithdrawn(row: Pick<PolicyVersionRow, "retiredAt" | "effectiveFrom">): boolean {
  return row.retiredAt !== null && row.effectiveFrom !== null && row.retiredAt.getTime() <= row.effectiveFrom.getTime();
}

export type PublishedStatus = "scheduled" | "in_force" | "superseded" | "retired";

/** A published version's state at `now`, given which version is in force then. */
export function publishedStatus(row: PolicyVersionRow, inForceId: string | null, now: Date): PublishedStatus {
  if (row.retiredAt && row.retiredAt.getTime() <= now.getTime()) return "retired";
  if (row.id === inForceId) return "in_force";
  if (row.effectiveFrom && row.effectiveFrom.getTime() > now.getTime()) return "scheduled";
  return "superseded";
}

/** A published version without its text: lists, the documents overview. */
export function publishedSummary(row: PolicyVersionRow, people: People, status: PublishedStatus) {
  return {
    id: row.id,
    kind: row.kind as PolicyKind,
    version: versionLabel(row) as string,
    material: row.material,
    title: row.title,
    changeSummary: row.changeSummary,
    sha256: row.sha256 as string,
    effectiveFrom: row.effectiveFrom as Date,
    publishedAt: row.publishedAt,
    retiredAt: row.retiredAt,
    /** Retired before its effective time: it never was in force. */
    withdrawn: isWithdrawn(row),
    status,
    author: personOf(people, row.createdBy),
    approver: personOf(people, row.approvedBy),
    approvedAt: row.approvedAt,
    publishedBy: personOf(people, row.publishedBy),
    retiredBy: personOf(people, row.retiredBy),
  };
}
export type PolicyVersionSummary = ReturnType<typeof publishedSummary>;

/** A published version in full: its template text and purposes. */
export function publishedView(row: PolicyVersionRow, people: People, status: PublishedStatus) {
  return { ...publishedSummary(row, people, status), markdown: row.markdown, purposes: row.purposes as PolicyPurpose[] };
}
export type PolicyVersionView = ReturnType<typeof publishedView>;

export type OpenStatus = "draft" | "pending_approval" | "approved";

/** Where the open version stands: a draft, waiting for approval, or approved (ready to publish). */
export function openStatus(row: PolicyVersionRow): OpenStatus {
  if (row.status === "draft") return "draft";
  return row.approvedBy ? "approved" : "pending_approval";
}

/** The open version (draft, awaiting approval or approved) without its text. */
export function openSummary(row: PolicyVersionRow, people: People, nextVersion: string) {
  return {
    id: row.id,
    kind: row.kind as PolicyKind,
    status: openStatus(row),
    revision: row.revision,
    material: row.material,
    title: row.title,
    changeSummary: row.changeSummary,
    /** The number publishing it would give, by its material flag. */
    nextVersion,
    author: personOf(people, row.createdBy),
    lastEditor: personOf(people, row.updatedBy),
    approvalRequestedBy: personOf(people, row.approvalRequestedBy),
    approvalRequestedAt: row.approvalRequestedAt,
    approver: personOf(people, row.approvedBy),
    approvedAt: row.approvedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The open version in full, for its editor and approver. */
export function openView(row: PolicyVersionRow, people: People, nextVersion: string) {
  return {
    ...openSummary(row, people, nextVersion),
    markdown: row.markdown,
    purposes: row.purposes as PolicyPurpose[],
    /** The hash publishing would record, so an approver can tell what they approved. */
    contentSha256: contentSha256(row),
  };
}
export type OpenPolicyVersionView = ReturnType<typeof openView>;

export function contentSha256(row: Pick<PolicyVersionRow, "title" | "markdown" | "purposes">): string {
  return policyContentSha256({ title: row.title, markdown: row.markdown, purposes: row.purposes as PolicyPurpose[] });
}

/**
 * What the audit trail keeps of a version: its state and the hash of its content (the text itself
 * is kept by the version, for ever once published), so the trail proves which text was approved
 * and which was published.
 */
export function snapshot(row: PolicyVersionRow | null | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    revision: row.revision,
    version: versionLabel(row),
    material: row.material,
    title: row.title,
    changeSummary: row.changeSummary,
    purposeKeys: (row.purposes as PolicyPurpose[]).map((purpose) => purpose.key),
    markdownLength: row.markdown.length,
    contentSha256: contentSha256(row),
    approvalRequestedBy: row.approvalRequestedBy,
    approvedBy: row.approvedBy,
    effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  };
}
