/**
 * Signs a checkpoint over every tenant's chain head that moved since its last checkpoint, at a
 * fixed interval (LEDGER_CHECKPOINT_SECONDS, 5 minutes by default). A checkpoint pins how far the
 * chain reached: removing or rewriting records up to it is then detected as "truncated" by the
 * verifier, even by someone who can rewrite every hash after it. One transaction per run.
 */
import { type CheckpointSigner, type Database, insertCheckpoint, queryRows, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { sql } from "drizzle-orm";
import type { JobDefinition } from "./runner.js";

export const LEDGER_CHECKPOINT_JOB = "ledger-checkpoint";
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

interface DueHead {
  tenant_id: string;
  seq: string | number;
  hash: string;
}

/** Signs the heads that moved; answers how many checkpoints it wrote. */
export async function signDueCheckpoints(db: Database, signer: CheckpointSigner, now = () => new Date()): Promise<{ signed: number }> {
  return withRlsContext(db, SYSTEM_CONTEXT, async (tx) => {
    const due = await queryRows<DueHead>(
      tx,
      sql`select h.tenant_id, h.seq, h.hash from consent_ledger_heads h
        where h.seq > coalesce((select max(c.seq) from consent_checkpoints c where c.tenant_id = h.tenant_id), 0)`,
    );
    for (const head of due) {
      await insertCheckpoint(tx, signer, { tenantId: head.tenant_id, seq: Number(head.seq), hash: head.hash, signedAt: now() });
    }
    return { signed: due.length };
  });
}

export function ledgerCheckpointJob(options: { db: Database; signer: CheckpointSigner; intervalMs?: number }): JobDefinition {
  return {
    name: LEDGER_CHECKPOINT_JOB,
    intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
    run: () => signDueCheckpoints(options.db, options.signer),
  };
}
