/**
 * Verifies a tenant's consent ledger as stored: every checkpoint's Ed25519 signature with a trusted
 * key, then the whole chain page by page (verifyLedgerChain of @pc/shared, each signed checkpoint
 * pinned where it falls), then the chain head row. Answers the first broken sequence number and why,
 * or the head reached. Used by `npm run ledger:verify` and by the dashboard (ledger.verify).
 */
import {
  checkpointsWithKeys,
  consentCheckpoints,
  consentLedgerHeads,
  consentRecords,
  type Database,
  storedLedgerRecordOf,
  tenants,
  verifySignature,
} from "@pc/db";
import {
  GENESIS_HASH,
  LEDGER_BREAK_DESCRIPTIONS,
  type LedgerBreakReason,
  type LedgerHead,
  ledgerCheckpointMessage,
  verifyLedgerChain,
} from "@pc/shared";
import { and, asc, eq, gte } from "drizzle-orm";

/** Records read per query. */
const PAGE = 5000;

export interface LedgerVerificationReport {
  tenantId: string;
  slug: string;
  name: string;
  ok: boolean;
  /** Records verified. */
  records: number;
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

const broken = (seq: number, reason: LedgerBreakReason) => ({ seq, reason, description: LEDGER_BREAK_DESCRIPTIONS[reason] });

/** `db` reads every row of the tenant (operator scope, or narrowed to that tenant). */
export async function verifyTenantLedger(db: Database, tenantId: string, trusted: TrustedKeys): Promise<LedgerVerificationReport> {
  const started = performance.now();
  const [tenant] = await db.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  const checkpoints = await checkpointsWithKeys(db).where(eq(consentCheckpoints.tenantId, tenantId)).orderBy(asc(consentCheckpoints.seq));
  const last = checkpoints.at(-1);
  const report = (
    records: number,
    head: LedgerHead | null,
    problem: LedgerVerificationReport["problem"],
    verifiedThrough = problem ? problem.seq - 1 : (head?.seq ?? 0),
  ): LedgerVerificationReport => ({
    tenantId,
    slug: tenant?.slug ?? "",
    name: tenant?.name ?? "",
    ok: problem === null,
    records,
    verifiedThrough,
    head,
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { seq: last.seq, signedAt: last.signedAt } : null,
    problem,
    ms: Math.round(performance.now() - started),
  });

  for (const checkpoint of checkpoints) {
    // The key must be one this server trusts (a key row anyone could add proves nothing), and match.
    const trustedKey = trusted.get(checkpoint.keyId);
    const message = ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
    if (trustedKey === undefined || trustedKey !== checkpoint.publicKey || !verifySignature(trustedKey, message, checkpoint.signature)) {
      // Nothing was read yet: no record is known good.
      return report(0, null, broken(checkpoint.seq, "bad-checkpoint"), 0);
    }
  }

  let next = 1;
  let prevHash = GENESIS_HASH;
  let pending = 0; // index into checkpoints: the next one to reach
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.tenantId, tenantId), gte(consentRecords.seq, next)))
      .orderBy(asc(consentRecords.seq))
      .limit(PAGE);
    if (rows.length === 0) break;
    const records = rows.map(storedLedgerRecordOf);
    let start = 0;
    while (start < records.length) {
      // Verify up to the next checkpoint's place (by position: a gap shows as "missing" there), pinned to it.
      const checkpoint = checkpoints[pending];
      const reach = checkpoint ? checkpoint.seq - next + 1 : Number.POSITIVE_INFINITY;
      const pinned = checkpoint !== undefined && reach <= records.length - start;
      const end = pinned ? start + reach : records.length;
      const result = verifyLedgerChain(records.slice(start, end), {
        expectedFirstSeq: next,
        expectedFirstPrevHash: prevHash,
        checkpoint: pinned ? { seq: checkpoint.seq, hash: checkpoint.hash } : undefined,
      });
      if (!result.ok) return report(count, null, broken(result.seq, result.reason));
      count += result.count;
      next = result.head.seq + 1;
      prevHash = result.head.hash;
      if (pinned) pending += 1;
      start = end;
    }
    if (rows.length < PAGE) break;
  }
  const head: LedgerHead | null = count > 0 ? { seq: next - 1, hash: prevHash } : null;

  // A checkpoint beyond the chain's end: records after it were removed.
  if (pending < checkpoints.length) return report(count, head, broken(next, "truncated"));
  // The head row says how far appends reached: records past the end removed (or rows added beside the writer).
  const [headRow] = await db.select().from(consentLedgerHeads).where(eq(consentLedgerHeads.tenantId, tenantId));
  if (headRow && headRow.seq > 0) {
    if (headRow.seq > next - 1) return report(count, head, broken(next, "truncated"));
    if (headRow.seq < next - 1) return report(count, head, broken(headRow.seq + 1, "bad-link"));
    if (headRow.hash !== prevHash) return report(count, head, broken(headRow.seq, "edited"));
  } else if (count > 0) {
    return report(count, head, broken(1, "bad-link"));
  }
  return report(count, head, null);
}

/** Every tenant's ledger, by slug. */
export async function verifyAllLedgers(db: Database, trusted: TrustedKeys): Promise<LedgerVerificationReport[]> {
  const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.slug));
  const reports: LedgerVerificationReport[] = [];
  for (const row of rows) reports.push(await verifyTenantLedger(db, row.id, trusted));
  return reports;
}
