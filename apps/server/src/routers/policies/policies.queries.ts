/**
 * Reads of the operator's policy template versions that the policies service, the comparison and
 * the rendering service share (the last through policies.service.ts, which re-exports them): the
 * version in force at a time, a version by its number, what the next version would be numbered.
 * policy_versions has no row-level security (templates are the operator's, the same for every
 * tenant), so these work in any context.
 *
 * The version in force at a time t: published, effective from t or earlier, not retired by t; of
 * those the one with the greatest effective-from, then the greatest number.
 */
import { type Database, policyVersions } from "@pc/db";
import {
  comparePolicyVersions,
  formatPolicyVersion,
  nextPolicyVersion,
  type PolicyKind,
  type PolicyVersionNumber,
  parsePolicyVersion,
} from "@pc/shared";
import { and, asc, desc, eq, gt, isNull, lte, ne, or, type SQL } from "drizzle-orm";
import { CURRENT_TIME } from "../../services/versions.js";
import { isWithdrawn, type PolicyVersionRow } from "./policies.views.js";

const numberOf = (row: PolicyVersionRow): PolicyVersionNumber => ({ major: row.major ?? 0, minor: row.minor ?? 0 });

const publishedOf = (kind: PolicyKind) => and(eq(policyVersions.kind, kind), eq(policyVersions.status, "published"));
export const moment = (at: Date | undefined): Date | SQL => at ?? CURRENT_TIME;
/** Not retired by `at`. */
const standingAt = (at: Date | SQL) => or(isNull(policyVersions.retiredAt), gt(policyVersions.retiredAt, at));
const latestFirst = [desc(policyVersions.effectiveFrom), desc(policyVersions.major), desc(policyVersions.minor)];

/**
 * The version in force at `at` (now when left out): published, effective by then and not retired
 * by then; the greatest effective-from wins, then the greatest number.
 */
export async function findPolicyInForce(db: Database, kind: PolicyKind, at?: Date): Promise<PolicyVersionRow | null> {
  const t = moment(at);
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(and(publishedOf(kind), lte(policyVersions.effectiveFrom, t), standingAt(t)))
    .orderBy(...latestFirst)
    .limit(1);
  return row ?? null;
}

/** A published version by its number ("2.0"), retired ones included; null for an unknown or malformed number. */
export async function findPolicyVersion(db: Database, kind: PolicyKind, versionLabel: string): Promise<PolicyVersionRow | null> {
  const number = parsePolicyVersion(versionLabel);
  if (!number) return null;
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(and(publishedOf(kind), eq(policyVersions.major, number.major), eq(policyVersions.minor, number.minor)))
    .limit(1);
  return row ?? null;
}

/**
 * The material version the version in force at `at` builds on (itself, when it is material): the
 * newest material version numbered at or below it that took effect (a withdrawn one never did).
 * Consents given before its effective time are stale. Null when nothing is in force or no version
 * up to it is material (a first version published as editorial asks nobody to consent again).
 */
export async function latestMaterialInForce(
  db: Database,
  kind: PolicyKind,
  at?: Date,
  /** The version in force at `at` when the caller has just read it (findPolicyInForce): not read again. */
  knownInForce?: PolicyVersionRow | null,
): Promise<PolicyVersionRow | null> {
  const inForce = knownInForce !== undefined ? knownInForce : await findPolicyInForce(db, kind, at);
  if (!inForce) return null;
  if (inForce.material) return inForce;
  const candidates = await db
    .select()
    .from(policyVersions)
    .where(and(publishedOf(kind), eq(policyVersions.material, true), lte(policyVersions.effectiveFrom, moment(at))))
    .orderBy(desc(policyVersions.major), desc(policyVersions.minor));
  return candidates.find((row) => !isWithdrawn(row) && comparePolicyVersions(numberOf(row), numberOf(inForce)) <= 0) ?? null;
}

/** The open version of a kind: a draft, or one waiting for (or given) approval. */
export async function findOpenPolicyVersion(db: Database, kind: PolicyKind): Promise<PolicyVersionRow | null> {
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.kind, kind), ne(policyVersions.status, "published")))
    .limit(1);
  return row ?? null;
}

/** Every published version of a kind, highest number first. */
export function findPublished(db: Database, kind: PolicyKind): Promise<PolicyVersionRow[]> {
  return db.select().from(policyVersions).where(publishedOf(kind)).orderBy(desc(policyVersions.major), desc(policyVersions.minor));
}

/** Published versions that take effect after `after` and are not retired, soonest first. */
export function findScheduledAfter(db: Database, kind: PolicyKind, after: Date | SQL): Promise<PolicyVersionRow[]> {
  return db
    .select()
    .from(policyVersions)
    .where(and(publishedOf(kind), gt(policyVersions.effectiveFrom, after), isNull(policyVersions.retiredAt)))
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.major), asc(policyVersions.minor));
}

export interface NextVersions {
  material: PolicyVersionNumber;
  editorial: PolicyVersionNumber;
}

/**
 * The numbers the next version would get. Numbers are never reused, not even a withdrawn one's.
 * Material: the next major after the highest number. Editorial: the next minor of the newest
 * version that took effect or will (a withdrawn version is skipped: its major was never shown).
 */
export function nextVersionsOf(published: readonly PolicyVersionRow[]): NextVersions {
  const numbered = published.map((row) => ({ row, number: numberOf(row) }));
  const highest = (entries: typeof numbered) =>
    entries.reduce<(typeof numbered)[number] | null>(
      (best, entry) => (!best || comparePolicyVersions(entry.number, best.number) > 0 ? entry : best),
      null,
    );
  const top = highest(numbered);
  const material = nextPolicyVersion(top?.number ?? null, true);
  const base = highest(numbered.filter((entry) => !isWithdrawn(entry.row)));
  if (!base) return { material, editorial: material };
  const minor = Math.max(...numbered.filter((entry) => entry.number.major === base.number.major).map((entry) => entry.number.minor));
  return { material, editorial: nextPolicyVersion({ major: base.number.major, minor }, false) };
}

export const nextFor = (next: NextVersions, material: boolean) => formatPolicyVersion(material ? next.material : next.editorial);

/** "2.0": the number the kind's next material (or editorial) version would get. */
export async function nextVersionLabel(db: Database, kind: PolicyKind, material: boolean): Promise<string> {
  return nextFor(nextVersionsOf(await findPublished(db, kind)), material);
}

/** The version that would be in force at `at` if `row` were not: who takes over when it is retired. */
export async function findInForceOtherThan(db: Database, row: PolicyVersionRow, at: Date): Promise<PolicyVersionRow | null> {
  const [other] = await db
    .select()
    .from(policyVersions)
    .where(and(publishedOf(row.kind), lte(policyVersions.effectiveFrom, at), standingAt(at), ne(policyVersions.id, row.id)))
    .orderBy(...latestFirst)
    .limit(1);
  return other ?? null;
}
