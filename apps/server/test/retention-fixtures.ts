/** Helpers for the retention tests: the purge services, a job context, and what a purge left. */
import { consentPurgedRecords, consentRecords, type Database } from "@pc/db";
import { and, asc, eq } from "drizzle-orm";
import type { JobContext } from "../src/jobs/runner.js";
import type { PurgeServices } from "../src/routers/retention/retention.purge.js";
import { TEST_SIGNER, TEST_TRUSTED_KEYS } from "./harness.js";

export const DAY_MS = 86_400_000;

export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** What the job runner gives a purge: the test signer and trust, small batches so a purge takes several. */
export function purgeServices(db: Database, batchSize = 3): PurgeServices {
  return { db, signer: TEST_SIGNER, trusted: TEST_TRUSTED_KEYS, batchSize };
}

export function jobContext(runId: string, signal = new AbortController().signal): JobContext {
  return { runId, startedAt: new Date(), signal };
}

/** The seqs a purge left tombstones for, in order. */
export async function tombstoneSeqs(db: Database, tenantId: string, purgeId?: string): Promise<number[]> {
  const rows = await db
    .select({ seq: consentPurgedRecords.seq })
    .from(consentPurgedRecords)
    .where(and(eq(consentPurgedRecords.tenantId, tenantId), purgeId ? eq(consentPurgedRecords.purgeId, purgeId) : undefined))
    .orderBy(asc(consentPurgedRecords.seq));
  return rows.map((row) => row.seq);
}

/** The seqs still in consent_records, in order. */
export async function liveSeqs(db: Database, tenantId: string): Promise<number[]> {
  const rows = await db
    .select({ seq: consentRecords.seq })
    .from(consentRecords)
    .where(eq(consentRecords.tenantId, tenantId))
    .orderBy(asc(consentRecords.seq));
  return rows.map((row) => row.seq);
}
