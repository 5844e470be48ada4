/**
 * Reading a tenant's chain as it stands after retention purges: the records still in
 * consent_records and what purges left of the others (consent_purged_records), merged in seq order.
 * The verifier, record detail and evidence packs read the chain through here.
 */
import type { LedgerChainEntry, PurgedLedgerEntry } from "@pc/shared";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { storedLedgerRecordOf } from "./consent-ledger.js";
import { consentRecords } from "./schema/consent.js";
import { consentPurgedRecords } from "./schema/consent-retention.js";

/** A consent_purged_records row in the shape verifyLedgerChain of @pc/shared accepts. */
export function purgedLedgerEntryOf(row: typeof consentPurgedRecords.$inferSelect): PurgedLedgerEntry {
  return {
    tenantId: row.tenantId,
    seq: row.seq,
    recordId: row.id,
    receivedAt: row.receivedAt,
    purgedAt: row.purgedAt,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/**
 * Up to `limit` entries of the tenant's chain from `fromSeq` (and up to `toSeq`), in seq order:
 * records and tombstones alike. Two index range reads merged; a seq present in both tables (which
 * the rules never allow) comes back twice, for the verifier to report.
 */
export async function readLedgerChain(
  db: Database | Transaction,
  tenantId: string,
  range: { fromSeq: number; toSeq?: number; limit: number },
): Promise<LedgerChainEntry[]> {
  const recordRange = and(
    eq(consentRecords.tenantId, tenantId),
    gte(consentRecords.seq, range.fromSeq),
    range.toSeq === undefined ? undefined : lte(consentRecords.seq, range.toSeq),
  );
  const purgedRange = and(
    eq(consentPurgedRecords.tenantId, tenantId),
    gte(consentPurgedRecords.seq, range.fromSeq),
    range.toSeq === undefined ? undefined : lte(consentPurgedRecords.seq, range.toSeq),
  );
  const [records, purged] = [
    await db.select().from(consentRecords).where(recordRange).orderBy(asc(consentRecords.seq)).limit(range.limit),
    await db.select().from(consentPurgedRecords).where(purgedRange).orderBy(asc(consentPurgedRecords.seq)).limit(range.limit),
  ];
  const merged: LedgerChainEntry[] = [];
  let r = 0;
  let p = 0;
  while (merged.length < range.limit && (r < records.length || p < purged.length)) {
    const record = records[r];
    const tombstone = purged[p];
    if (record && (!tombstone || record.seq <= tombstone.seq)) {
      merged.push(storedLedgerRecordOf(record));
      r += 1;
    } else if (tombstone) {
      merged.push(purgedLedgerEntryOf(tombstone));
      p += 1;
    }
  }
  return merged;
}
