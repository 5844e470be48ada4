/**
 * A consent record's place in the chain when its neighbours, or the record itself, may have been
 * removed by retention: its neighbours read from records and tombstones alike, the signed
 * checkpoint covering it, and the detail of a removed record ("removed by retention on …") with
 * its links checked as the verifier checks them.
 */
import {
  checkpointsWithKeys,
  consentCheckpoints,
  consentPurgedRecords,
  consentRecords,
  type Database,
  tenants,
  verifySignature,
} from "@pc/db";
import { GENESIS_HASH, ledgerCheckpointMessage } from "@pc/shared";
import { and, desc, eq, gte, inArray, type SQL } from "drizzle-orm";
import type { TrustedKeys } from "../../ledger/ledger-verify.js";

export interface ChainNeighbour {
  seq: number;
  prevHash: string;
  hash: string;
  /** Removed by retention: only its place in the chain is left. */
  purged: boolean;
}

/** The entries just before and after `seq` in the tenant's chain, removed ones included. */
export async function chainNeighbours(db: Database, tenantId: string, seq: number) {
  const seqs = [seq - 1, seq + 1];
  const columns = (table: typeof consentRecords | typeof consentPurgedRecords) => ({
    seq: table.seq,
    prevHash: table.prevHash,
    hash: table.hash,
  });
  const live = await db
    .select(columns(consentRecords))
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), inArray(consentRecords.seq, seqs)));
  const removed = await db
    .select(columns(consentPurgedRecords))
    .from(consentPurgedRecords)
    .where(and(eq(consentPurgedRecords.tenantId, tenantId), inArray(consentPurgedRecords.seq, seqs)));
  const entries: ChainNeighbour[] = [
    ...live.map((row) => ({ ...row, purged: false })),
    ...removed.map((row) => ({ ...row, purged: true })),
  ];
  return {
    previous: entries.find((entry) => entry.seq === seq - 1) ?? null,
    next: entries.find((entry) => entry.seq === seq + 1) ?? null,
  };
}

/** The signed checkpoint covering `seq` (the latest at or after it), with whether a trusted key verifies it. */
export async function coveringCheckpoint(db: Database, tenantId: string, seq: number, trusted: TrustedKeys) {
  const [checkpoint] = await checkpointsWithKeys(db)
    .where(and(eq(consentCheckpoints.tenantId, tenantId), gte(consentCheckpoints.seq, seq)))
    .orderBy(desc(consentCheckpoints.seq))
    .limit(1);
  return checkpoint ? checkpointView(tenantId, checkpoint, trusted) : null;
}

interface CheckpointRow {
  seq: number;
  hash: string;
  signedAt: Date;
  keyId: string;
  signature: string;
  publicKey: string;
}

function checkpointView(tenantId: string, checkpoint: CheckpointRow, trusted: TrustedKeys) {
  const trustedKey = trusted.get(checkpoint.keyId);
  const message = ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
  const signatureValid =
    trustedKey !== undefined && trustedKey === checkpoint.publicKey && verifySignature(trustedKey, message, checkpoint.signature);
  return { seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, signatureValid };
}

/**
 * A record removed by retention, as the record page shows it: when it came in and when it was
 * removed, and its place in the chain checked by its links (it follows the entry before it, the
 * next one follows it, and the run it belongs to starts after an entry a signed checkpoint pins).
 * Null when no record of that id was removed (in the caller's scope).
 */
export async function purgedRecordDetail(db: Database, args: { scopeTenantId: string | null; recordId: string; trusted: TrustedKeys }) {
  const where: (SQL | undefined)[] = [eq(consentPurgedRecords.id, args.recordId)];
  if (args.scopeTenantId) where.push(eq(consentPurgedRecords.tenantId, args.scopeTenantId));
  const [row] = await db
    .select({ entry: consentPurgedRecords, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
    .from(consentPurgedRecords)
    .innerJoin(tenants, eq(tenants.id, consentPurgedRecords.tenantId))
    .where(and(...where))
    .limit(1);
  if (!row) return null;
  const { entry, tenant } = row;
  const { previous, next } = await chainNeighbours(db, entry.tenantId, entry.seq);
  const linkMatches = entry.seq === 1 ? entry.prevHash === GENESIS_HASH : previous !== null && previous.hash === entry.prevHash;
  const nextLinks = next === null || next.prevHash === entry.hash;
  let anchored = entry.seq === 1 || previous?.purged === true;
  if (!anchored) {
    const [pin] = await checkpointsWithKeys(db)
      .where(and(eq(consentCheckpoints.tenantId, entry.tenantId), eq(consentCheckpoints.seq, entry.seq - 1)))
      .limit(1);
    anchored = pin !== undefined && pin.hash === entry.prevHash && checkpointView(entry.tenantId, pin, args.trusted).signatureValid;
  }
  return {
    tenant,
    purged: { purgedAt: entry.purgedAt, purgeId: entry.purgeId },
    record: { recordId: entry.id, seq: entry.seq, receivedAt: entry.receivedAt },
    chain: {
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
      previousSeq: previous?.seq ?? null,
      nextSeq: next?.seq ?? null,
      linkMatches,
      nextLinks,
      anchored,
      verifies: linkMatches && nextLinks && anchored,
      checkpoint: await coveringCheckpoint(db, entry.tenantId, entry.seq, args.trusted),
    },
  };
}
