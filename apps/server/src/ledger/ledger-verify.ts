/**
 * Verifies a tenant's consent ledger as stored: every checkpoint's Ed25519 signature with a trusted
 * key, then the whole chain page by page (verifyLedgerChain of @pc/shared, each signed checkpoint
 * pinned where it falls), then the chain head row. Records a retention purge removed are verified by
 * their links (readLedgerChain reads them from their tombstones; every signed checkpoint anchors the
 * runs of removed records after it). Answers the first broken sequence number and why, or the head
 * reached. Used by `npm run ledger:verify`, the dashboard (ledger.verify) and, over the stretch it
 * is about to purge, the retention purge (verifyLedgerSegment).
 */
import {
  checkpointsWithKeys,
  consentCheckpoints,
  consentLedgerHeads,
  consentPurgedRecords,
  type Database,
  readLedgerChain,
  tenants,
  verifySignature,
} from "@pc/db";
import {
  GENESIS_HASH,
  isPurgedLedgerEntry,
  LEDGER_BREAK_DESCRIPTIONS,
  type LedgerBreakReason,
  type LedgerHead,
  ledgerCheckpointMessage,
  verifyLedgerChain,
} from "@pc/shared";
import { and, asc, eq } from "drizzle-orm";

/** Entries read per query. */
const PAGE = 5000;

export interface LedgerVerificationReport {
  tenantId: string;
  slug: string;
  name: string;
  ok: boolean;
  /** Entries verified: records recomputed, and records removed by retention accepted by their links. */
  records: number;
  /** Of those, the ones removed by retention: verified by their links only. */
  linkOnly: number;
  /** The last sequence number known good: the head when ok, else the one before the break. */
  verifiedThrough: number;
  head: LedgerHead | null;
  checkpoints: number;
  lastCheckpoint: { seq: number; signedAt: Date } | null;
  /** The first break: its sequence number, why, and in words. */
  problem: { seq: number; reason: LedgerBreakReason; description: string } | null;
  ms: number;
}

/** keyId → raw public key (base64) of every key whose checkpoints are trusted. */
export type TrustedKeys = ReadonlyMap<string, string>;

type LedgerProblem = NonNullable<LedgerVerificationReport["problem"]>;

const broken = (seq: number, reason: LedgerBreakReason): LedgerProblem => ({ seq, reason, description: LEDGER_BREAK_DESCRIPTIONS[reason] });

interface SignedCheckpoint {
  seq: number;
  hash: string;
  signedAt: Date;
}

/** The tenant's checkpoints in seq order, or the first whose signature a trusted key does not verify. */
async function signedCheckpoints(
  db: Database,
  tenantId: string,
  trusted: TrustedKeys,
): Promise<{ checkpoints: SignedCheckpoint[]; bad: SignedCheckpoint | null }> {
  const rows = await checkpointsWithKeys(db).where(eq(consentCheckpoints.tenantId, tenantId)).orderBy(asc(consentCheckpoints.seq));
  for (const checkpoint of rows) {
    // The key must be one this server trusts (a key row anyone could add proves nothing), and match.
    const trustedKey = trusted.get(checkpoint.keyId);
    const message = ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
    if (trustedKey === undefined || trustedKey !== checkpoint.publicKey || !verifySignature(trustedKey, message, checkpoint.signature)) {
      return { checkpoints: rows, bad: checkpoint };
    }
  }
  return { checkpoints: rows, bad: null };
}

interface WalkStart {
  /** The first seq to read. */
  seq: number;
  /** The hash the entry at `seq` must follow. */
  prevHash: string;
  /** Whether the entry before `seq` was removed by retention. */
  previousPurged: boolean;
}

interface WalkResult {
  count: number;
  linkOnly: number;
  /** The next seq after the last one verified, and that one's hash. */
  next: number;
  prevHash: string;
  /** The index (into the checkpoints given) of the first checkpoint not reached: each one reached is pinned where it falls. */
  pending: number;
  problem: LedgerProblem | null;
}

/**
 * Reads and verifies the chain page by page from `start`, pinning each of the tenant's signed
 * `checkpoints` (in seq order) at or after start.seq where it falls, until the chain ends or past
 * `stopAfter`. Every checkpoint anchors the removed runs after it.
 */
async function walkChain(
  db: Database,
  tenantId: string,
  start: WalkStart,
  checkpoints: readonly SignedCheckpoint[],
  options: { stopAfter?: number } = {},
): Promise<WalkResult> {
  const pinned = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint.hash]));
  let next = start.seq;
  let prevHash = start.prevHash;
  let previousPurged = start.previousPurged;
  let pending = checkpoints.findIndex((checkpoint) => checkpoint.seq >= start.seq);
  if (pending < 0) pending = checkpoints.length;
  let count = 0;
  let linkOnly = 0;
  const result = (problem: LedgerProblem | null): WalkResult => ({ count, linkOnly, next, prevHash, pending, problem });
  while (options.stopAfter === undefined || next <= options.stopAfter) {
    const toSeq = options.stopAfter === undefined ? undefined : Math.min(options.stopAfter, next + PAGE - 1);
    const entries = await readLedgerChain(db, tenantId, { fromSeq: next, toSeq, limit: PAGE });
    if (entries.length === 0) break;
    let from = 0;
    while (from < entries.length) {
      // Verify up to the next checkpoint's place (by position: a gap shows as "missing" there), pinned to it.
      const checkpoint = checkpoints[pending];
      const reach = checkpoint ? checkpoint.seq - next + 1 : Number.POSITIVE_INFINITY;
      const pinnedHere = checkpoint !== undefined && reach <= entries.length - from;
      const end = pinnedHere ? from + reach : entries.length;
      const slice = entries.slice(from, end);
      const verdict = verifyLedgerChain(slice, {
        expectedFirstSeq: next,
        expectedFirstPrevHash: prevHash,
        checkpoint: pinnedHere ? { seq: checkpoint.seq, hash: checkpoint.hash } : undefined,
        pinned,
        previousPurged,
      });
      if (!verdict.ok) return result(broken(verdict.seq, verdict.reason));
      count += verdict.count;
      linkOnly += verdict.linkOnly;
      next = verdict.head.seq + 1;
      prevHash = verdict.head.hash;
      const last = slice.at(-1);
      if (last) previousPurged = isPurgedLedgerEntry(last);
      if (pinnedHere) pending += 1;
      from = end;
    }
    if (entries.length < PAGE && toSeq === undefined) break;
  }
  return result(null);
}

/** `db` reads every row of the tenant (operator scope, or narrowed to that tenant). */
export async function verifyTenantLedger(db: Database, tenantId: string, trusted: TrustedKeys): Promise<LedgerVerificationReport> {
  const started = performance.now();
  const [tenant] = await db.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  const { checkpoints, bad } = await signedCheckpoints(db, tenantId, trusted);
  const last = checkpoints.at(-1);
  const report = (
    walked: Pick<WalkResult, "count" | "linkOnly">,
    head: LedgerHead | null,
    problem: LedgerProblem | null,
    verifiedThrough = problem ? problem.seq - 1 : (head?.seq ?? 0),
  ): LedgerVerificationReport => ({
    tenantId,
    slug: tenant?.slug ?? "",
    name: tenant?.name ?? "",
    ok: problem === null,
    records: walked.count,
    linkOnly: walked.linkOnly,
    verifiedThrough,
    head,
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { seq: last.seq, signedAt: last.signedAt } : null,
    problem,
    ms: Math.round(performance.now() - started),
  });

  // Nothing was read yet: no record is known good.
  if (bad) return report({ count: 0, linkOnly: 0 }, null, broken(bad.seq, "bad-checkpoint"), 0);

  const walked = await walkChain(db, tenantId, { seq: 1, prevHash: GENESIS_HASH, previousPurged: false }, checkpoints);
  if (walked.problem) return report(walked, null, walked.problem);
  const { next, prevHash } = walked;
  const head: LedgerHead | null = walked.count > 0 ? { seq: next - 1, hash: prevHash } : null;

  // A checkpoint beyond the chain's end: records after it were removed.
  if (walked.pending < checkpoints.length) return report(walked, head, broken(next, "truncated"));
  // The head row says how far appends reached: records past the end removed (or rows added beside the writer).
  const [headRow] = await db.select().from(consentLedgerHeads).where(eq(consentLedgerHeads.tenantId, tenantId));
  if (headRow && headRow.seq > 0) {
    if (headRow.seq > next - 1) return report(walked, head, broken(next, "truncated"));
    if (headRow.seq < next - 1) return report(walked, head, broken(headRow.seq + 1, "bad-link"));
    if (headRow.hash !== prevHash) return report(walked, head, broken(headRow.seq, "edited"));
  } else if (walked.count > 0) {
    return report(walked, head, broken(1, "bad-link"));
  }
  return report(walked, head, null);
}

/** Every tenant's ledger, by slug. */
export async function verifyAllLedgers(db: Database, trusted: TrustedKeys): Promise<LedgerVerificationReport[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.slug));
  const reports: LedgerVerificationReport[] = [];
  for (const row of rows) reports.push(await verifyTenantLedger(db, row.id, trusted));
  return reports;
}

export type LedgerSegmentVerification =
  | { ok: true; fromSeq: number; throughSeq: number; entries: number }
  | { ok: false; problem: LedgerProblem }
  | { ok: false; problem: null; uncovered: true };

/**
 * Verifies the stretch of a tenant's chain that holds seqs `fromSeq`…`throughSeq`, from the last
 * signed checkpoint before it to the first one at or after its end, so every hash in it is proven
 * by a signature. What a purge checks before it removes records or signs anchors over their
 * neighbours: it never washes away a tampered record, nor signs a forged hash.
 */
export async function verifyLedgerSegment(
  db: Database,
  tenantId: string,
  trusted: TrustedKeys,
  range: { fromSeq: number; throughSeq: number },
): Promise<LedgerSegmentVerification> {
  const { checkpoints, bad } = await signedCheckpoints(db, tenantId, trusted);
  if (bad) return { ok: false, problem: broken(bad.seq, "bad-checkpoint") };
  const end = checkpoints.find((checkpoint) => checkpoint.seq >= range.throughSeq);
  if (!end) return { ok: false, problem: null, uncovered: true };
  const before = checkpoints.filter((checkpoint) => checkpoint.seq < range.fromSeq).at(-1);
  let start: WalkStart = { seq: 1, prevHash: GENESIS_HASH, previousPurged: false };
  if (before) {
    const [tombstone] = await db
      .select({ seq: consentPurgedRecords.seq })
      .from(consentPurgedRecords)
      .where(and(eq(consentPurgedRecords.tenantId, tenantId), eq(consentPurgedRecords.seq, before.seq)));
    start = { seq: before.seq + 1, prevHash: before.hash, previousPurged: tombstone !== undefined };
  }
  const walked = await walkChain(db, tenantId, start, checkpoints, { stopAfter: end.seq });
  if (walked.problem) return { ok: false, problem: walked.problem };
  if (walked.pending <= checkpoints.indexOf(end)) return { ok: false, problem: broken(walked.next, "truncated") };
  return { ok: true, fromSeq: start.seq, throughSeq: end.seq, entries: walked.count };
}
