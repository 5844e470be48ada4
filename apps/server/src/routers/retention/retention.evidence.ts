/**
 * What evidence packs need from retention: a clear refusal for a record that was removed (its
 * content is gone), and the anchors of a chain that crosses removed records: the signed
 * checkpoint over the entry before each run of them, which a verifier needs to accept the run.
 */
import { checkpointsWithKeys, consentCheckpoints, consentPurgedRecords, type Database } from "@pc/db";
import { isPurgedLedgerEntry, type LedgerChainEntry } from "@pc/shared";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";

export function removedRecordMessage(purgedAt: Date): string {
  return `This record was removed by retention on ${purgedAt.toISOString().slice(0, 10)}: its content is gone, so there is nothing to pack. Its place in the chain is kept and still verifies.`;
}

/** When the record was removed by retention (in the caller's scope), or null. */
export async function removedRecordAt(db: Database, scopeTenantId: string | null, recordId: string): Promise<Date | null> {
  const where: (SQL | undefined)[] = [eq(consentPurgedRecords.id, recordId)];
  if (scopeTenantId) where.push(eq(consentPurgedRecords.tenantId, scopeTenantId));
  const [row] = await db
    .select({ purgedAt: consentPurgedRecords.purgedAt })
    .from(consentPurgedRecords)
    .where(and(...where))
    .limit(1);
  return row?.purgedAt ?? null;
}

/** The checkpoints over the entry before each run of removed entries in `chain` (seq order). */
export async function anchorsOf(db: Database, tenantId: string, chain: readonly LedgerChainEntry[]) {
  const seqs: number[] = [];
  for (const [index, entry] of chain.entries()) {
    const previous = chain[index - 1];
    if (isPurgedLedgerEntry(entry) && previous && !isPurgedLedgerEntry(previous)) seqs.push(previous.seq);
  }
  if (seqs.length === 0) return [];
  return checkpointsWithKeys(db)
    .where(and(eq(consentCheckpoints.tenantId, tenantId), inArray(consentCheckpoints.seq, seqs)))
    .orderBy(asc(consentCheckpoints.seq));
}
