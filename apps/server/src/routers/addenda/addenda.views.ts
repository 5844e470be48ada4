/**
 * How addendum versions are shown: to the dashboard (with the people involved by name and email,
 * and where each published version stands today) and to the audit trail (snapshots).
 */
import { type Database, type policyAddendumVersions, users } from "@pc/db";
import { addendumContentSha256 } from "@pc/shared";
import { inArray } from "drizzle-orm";

export type AddendumRow = typeof policyAddendumVersions.$inferSelect;

export interface Person {
  name: string;
  email: string;
}

/** Where a published version stands now; null for a draft or one waiting for approval. */
export type AddendumState = "in_force" | "scheduled" | "superseded" | "retired" | "withdrawn";

/** The people a set of rows names, by id (users carry no tenant, so any context reads them). */
export async function loadPeople(db: Database, rows: readonly AddendumRow[]): Promise<Map<string, Person>> {
  const ids = [
    ...new Set(
      rows.flatMap((row) => [row.createdBy, row.updatedBy, row.approvalRequestedBy, row.approvedBy, row.publishedBy, row.retiredBy]),
    ),
  ].filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((person) => [person.id, { name: person.name, email: person.email }]));
}

function stateOf(row: AddendumRow, inForceId: string | null, now: Date): AddendumState | null {
  if (row.status !== "published" || !row.effectiveFrom) return null;
  if (row.retiredAt && row.retiredAt.getTime() <= row.effectiveFrom.getTime()) return "withdrawn";
  if (row.id === inForceId) return "in_force";
  if (row.retiredAt && row.retiredAt.getTime() <= now.getTime()) return "retired";
  if (row.effectiveFrom.getTime() > now.getTime()) return "scheduled";
  return "superseded";
}

export function addendumView(row: AddendumRow, people: Map<string, Person>, inForceId: string | null = null, now = new Date()) {
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    state: stateOf(row, inForceId, now),
    version: row.version,
    revision: row.revision,
    markdown: row.markdown,
    changeSummary: row.changeSummary,
    sha256: row.sha256,
    effectiveFrom: row.effectiveFrom,
    createdBy: person(row.createdBy),
    updatedBy: person(row.updatedBy),
    approvalRequestedBy: person(row.approvalRequestedBy),
    approvalRequestedAt: row.approvalRequestedAt,
    approvedBy: person(row.approvedBy),
    approvedAt: row.approvedAt,
    publishedBy: person(row.publishedBy),
    publishedAt: row.publishedAt,
    retiredAt: row.retiredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type AddendumVersionView = ReturnType<typeof addendumView>;

/**
 * What the audit trail keeps of a version: its state, who acted, and the sha256 of its text (the
 * text itself is kept by the version, for ever once published), as the template versions' trail does.
 */
export function snapshot(row: AddendumRow | null) {
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    version: row.version,
    revision: row.revision,
    changeSummary: row.changeSummary,
    markdownSha256: addendumContentSha256(row.markdown),
    sha256: row.sha256,
    effectiveFrom: row.effectiveFrom,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    approvalRequestedBy: row.approvalRequestedBy,
    approvalRequestedAt: row.approvalRequestedAt,
    approvedBy: row.approvedBy,
    publishedBy: row.publishedBy,
    retiredAt: row.retiredAt,
  };
}
