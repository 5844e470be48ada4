/**
 * Carrying out a retention purge of one tenant, in bounded batches (each its own short
 * transaction, audited): before anything goes, the stretch of the chain it touches is verified up
 * to a signed checkpoint (a purge never washes away a tampered record, nor signs a forged hash).
 * Each batch selects with the preview's predicate (purgeCandidate), signs an anchor checkpoint
 * over the record before every run of removed records that has none (what keeps the records
 * before it bound to a signature, see verifyLedgerChain), erases the records' personal data,
 * writes their tombstones (seq, id, received_at, prev_hash, hash) and deletes them. The database's
 * rules (0023) refuse any removal that is not exactly that.
 */
import {
  type CheckpointSigner,
  consentRetentionPurges,
  type Database,
  insertCheckpoint,
  queryRows,
  SYSTEM_CONTEXT,
  withRlsContext,
} from "@pc/db";
import { and, eq, sql } from "drizzle-orm";
import type { TrustedKeys } from "../../ledger/ledger-verify.js";
import { verifyLedgerSegment } from "../../ledger/ledger-verify.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { coveredThrough, previewTenant, purgeCandidate } from "./retention.preview.js";
import { cutoffFor, databaseNow, lockTenantRetention, tenantPeriod } from "./retention.settings.js";

export const DEFAULT_PURGE_BATCH = 1000;

export interface PurgeServices {
  /** The root database handle: every batch is a transaction of its own. */
  db: Database;
  /** Signs the anchor checkpoints. */
  signer: CheckpointSigner;
  /** The keys checkpoints are verified with before anything goes. */
  trusted: TrustedKeys;
  batchSize?: number;
}

type PurgeRow = typeof consentRetentionPurges.$inferSelect;

/**
 * One transaction in operator scope, as the checkpoint job runs: a purge signs checkpoints, and the
 * signing key table takes rows only in that scope. Every statement of a purge names its tenant.
 */
function inOperatorScope<T>(services: PurgeServices, work: (tx: Database) => Promise<T>): Promise<T> {
  return withRlsContext(services.db, SYSTEM_CONTEXT, (tx) => work(tx as Database));
}

interface CandidateRow {
  seq: string | number;
  personal_data_digest: string;
}

interface BatchResult {
  removed: number;
  firstSeq: number | null;
  lastSeq: number | null;
  anchors: number;
}

/** Signs a checkpoint over each entry before a run of removed records that has none (nor a tombstone). */
async function signAnchors(tx: Database, signer: CheckpointSigner, tenantId: string, seqs: readonly number[]): Promise<number> {
  const inBatch = new Set(seqs);
  const before = [...new Set(seqs.map((seq) => seq - 1).filter((seq) => seq >= 1 && !inBatch.has(seq)))];
  if (before.length === 0) return 0;
  const p = sql.param;
  const needed = await queryRows<{ seq: string | number; hash: string | null; purged: boolean; pinned: boolean }>(
    tx,
    sql`select v.seq, r.hash,
          exists (select 1 from consent_purged_records t where t.tenant_id = ${tenantId} and t.seq = v.seq) as purged,
          exists (select 1 from consent_checkpoints c where c.tenant_id = ${tenantId} and c.seq = v.seq) as pinned
        from unnest(${p(before)}::bigint[]) as v(seq)
        left join consent_records r on r.tenant_id = ${tenantId} and r.seq = v.seq`,
  );
  let signed = 0;
  for (const row of needed) {
    if (row.purged || row.pinned) continue;
    if (row.hash === null) throw new Error(`Seq ${row.seq} of the chain is missing: the purge stops`);
    await insertCheckpoint(tx, signer, { tenantId, seq: Number(row.seq), hash: row.hash, signedAt: new Date() });
    signed += 1;
  }
  return signed;
}

/**
 * Statistics keep no subject past retention: a subject whose latest choice (consent_stats_subjects)
 * was one of the purged records leaves re-consent coverage, and its row (which holds its digest)
 * goes. The batch holds the tenant's chain head (purgeBatch locks it first, as appendToLedger does
 * before it moves a subject's latest choice), so an append for the same subject waits instead of
 * racing the delete.
 */
async function forgetPurgedLatestChoices(tx: Database, tenantId: string, seqs: readonly number[]): Promise<void> {
  const p = sql.param;
  await tx.execute(sql`with gone as (
      delete from consent_stats_subjects s where s.tenant_id = ${tenantId} and s.seq = any(${p(seqs)}::bigint[])
      returning s.policy_kind, s.policy_version, date_trunc('month', s.received_at at time zone 'UTC')::date as month
    ), cells as (
      select policy_kind, policy_version, month, count(*)::int as n from gone group by 1, 2, 3
    )
    update consent_stats_coverage c set subjects = c.subjects - cells.n
    from cells
    where c.tenant_id = ${tenantId} and c.policy_kind = cells.policy_kind
      and c.policy_version = cells.policy_version and c.month = cells.month`);
}

/** One batch, in one transaction: the next records past `afterSeq` that the predicate selects. */
async function purgeBatch(
  tx: Database,
  services: PurgeServices,
  purge: PurgeRow,
  args: { afterSeq: number; covered: number; batch: number; actor: AuditActor },
): Promise<BatchResult> {
  const { tenantId } = purge;
  await lockTenantRetention(tx, tenantId);
  await tx.execute(sql`select 1 from consent_ledger_heads where tenant_id = ${tenantId} for update`);
  const candidates = await queryRows<CandidateRow>(
    tx,
    sql`select r.seq, r.personal_data_digest from consent_records r
        where ${purgeCandidate({ tenantId, cutoff: purge.cutoff, coveredThrough: args.covered })} and r.seq > ${args.afterSeq}
        order by r.seq limit ${services.batchSize ?? DEFAULT_PURGE_BATCH}`,
  );
  if (candidates.length === 0) return { removed: 0, firstSeq: null, lastSeq: null, anchors: 0 };
  const seqs = candidates.map((row) => Number(row.seq));
  const digests = candidates.map((row) => row.personal_data_digest);
  const p = sql.param;
  const anchors = await signAnchors(tx, services.signer, tenantId, seqs);
  await tx.execute(sql`update consent_personal_data set ip = null, user_agent = null, salt = null, erased_at = now()
    where tenant_id = ${tenantId} and digest = any(${p(digests)}::text[]) and erased_at is null`);
  await tx.execute(sql`insert into consent_purged_records (tenant_id, seq, id, received_at, prev_hash, hash, purge_id)
    select tenant_id, seq, id, received_at, prev_hash, hash, ${purge.id} from consent_records
    where tenant_id = ${tenantId} and seq = any(${p(seqs)}::bigint[])`);
  const deleted = await queryRows<{ seq: string | number }>(
    tx,
    sql`delete from consent_records where tenant_id = ${tenantId} and seq = any(${p(seqs)}::bigint[]) returning seq`,
  );
  if (deleted.length !== seqs.length) throw new Error(`Removed ${deleted.length} of ${seqs.length} records: the batch is rolled back`);
  await forgetPurgedLatestChoices(tx, tenantId, seqs);
  const firstSeq = seqs[0] as number;
  const lastSeq = seqs.at(-1) as number;
  await tx
    .update(consentRetentionPurges)
    .set({
      purgedRecords: sql`${consentRetentionPurges.purgedRecords} + ${seqs.length}`,
      firstSeq: sql`coalesce(${consentRetentionPurges.firstSeq}, ${firstSeq})`,
      lastSeq,
      batches: sql`${consentRetentionPurges.batches} + 1`,
      anchors: sql`${consentRetentionPurges.anchors} + ${anchors}`,
      heartbeatAt: new Date(),
    })
    .where(and(eq(consentRetentionPurges.tenantId, tenantId), eq(consentRetentionPurges.id, purge.id)));
  await recordAudit(tx, args.actor, {
    tenantId,
    action: "consent.retention_purge",
    targetType: "consent_retention_purge",
    targetId: purge.id,
    after: {
      cutoff: purge.cutoff,
      retentionDays: purge.retentionDays,
      batch: args.batch,
      records: seqs.length,
      firstSeq,
      lastSeq,
      anchorsSigned: anchors,
      trigger: purge.trigger,
      requestedBy: purge.requestedByLabel,
    },
  });
  return { removed: seqs.length, firstSeq, lastSeq, anchors };
}

async function finish(services: PurgeServices, purge: PurgeRow, status: "completed" | "interrupted" | "failed", error?: string) {
  return inOperatorScope(services, async (tx) => {
    const [row] = await tx
      .update(consentRetentionPurges)
      .set({ status, error: error ?? null, finishedAt: new Date(), heartbeatAt: new Date() })
      .where(and(eq(consentRetentionPurges.tenantId, purge.tenantId), eq(consentRetentionPurges.id, purge.id)))
      .returning();
    if (status !== "completed") {
      await recordAudit(tx, systemActor(purge.jobRunId), {
        tenantId: purge.tenantId,
        action: "consent.retention_purge_stopped",
        targetType: "consent_retention_purge",
        targetId: purge.id,
        after: { status, error: error ?? null, purgedRecords: row?.purgedRecords ?? purge.purgedRecords },
      });
    }
    return row ?? purge;
  });
}

export function systemActor(runId: string | null): AuditActor {
  return { userId: null, label: "system", requestId: runId, ip: null };
}

/**
 * Carries out a purge already marked running: checks the tenant's period still allows its cutoff,
 * verifies the stretch of chain it touches, then removes batch after batch until nothing is left
 * (or `signal` asks it to stop between batches). Answers the purge as it ended.
 */
export async function carryOutPurge(services: PurgeServices, purge: PurgeRow, signal?: AbortSignal): Promise<PurgeRow> {
  const actor = systemActor(purge.jobRunId);
  const checked = await inOperatorScope(services, async (tx) => {
    const period = await tenantPeriod(tx, purge.tenantId);
    if (purge.cutoff.getTime() > cutoffFor(await databaseNow(tx), period.days).getTime()) {
      return { error: `The tenant's retention period is now ${period.days} days, which keeps records this purge would remove` };
    }
    const preview = await previewTenant(tx, purge.tenantId, purge.cutoff);
    if (preview.records === 0 || preview.firstSeq === null || preview.lastSeq === null) return { error: null, nothing: true };
    const segment = await verifyLedgerSegment(tx, purge.tenantId, services.trusted, {
      fromSeq: Math.max(1, preview.firstSeq - 1),
      throughSeq: preview.lastSeq,
    });
    if (!segment.ok) {
      const why = segment.problem
        ? `the chain does not verify at seq ${segment.problem.seq} (${segment.problem.reason}: ${segment.problem.description})`
        : "no signed checkpoint covers the records yet";
      return { error: `Nothing was purged: ${why}` };
    }
    return { error: null, nothing: false, covered: await coveredThrough(tx, purge.tenantId) };
  });
  if (checked.error) return finish(services, purge, "failed", checked.error);
  if (checked.nothing || checked.covered === undefined) return finish(services, purge, "completed");

  let afterSeq = 0;
  let batch = 0;
  for (;;) {
    if (signal?.aborted) return finish(services, purge, "interrupted", "The server stopped between batches; the next purge goes on");
    batch += 1;
    let result: BatchResult;
    try {
      result = await inOperatorScope(services, (tx) =>
        purgeBatch(tx, services, purge, { afterSeq, covered: checked.covered as number, batch, actor }),
      );
    } catch (error) {
      return finish(services, purge, "failed", `Batch ${batch} failed and was rolled back: ${(error as Error).message}`.slice(0, 2000));
    }
    if (result.removed === 0 || result.lastSeq === null) break;
    afterSeq = result.lastSeq;
  }
  return finish(services, purge, "completed");
}
