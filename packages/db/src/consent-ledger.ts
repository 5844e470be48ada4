/**
 * Appending to the consent ledger inside a transaction: lock the chain heads of the tenants
 * involved (creating any missing one; FOR UPDATE, so another transaction or process appends after
 * this one, never beside it), number and chain the entries in order, insert records and personal
 * data with one array INSERT each, and move the heads. Used by the server's group-commit writer and
 * by the demo seed, so both chain exactly alike.
 */
import { createHash } from "node:crypto";
import { GENESIS_HASH, type LedgerRecord, ledgerCheckpointMessage, ledgerRecordCanonical, type StoredLedgerRecord } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { ConsentStatsBatch } from "./consent-stats-ingest.js";
import { queryNamed } from "./context.js";
import { consentCheckpoints, consentRecords, consentSigningKeys } from "./schema/index.js";

/** An entry ready to be numbered and chained: the record without its place, and its personal data. */
export interface PendingLedgerEntry {
  record: Omit<LedgerRecord, "seq">;
  personal: { digest: string; ip: string | null; userAgent: string | null; salt: string };
}

/** Where a record sits in its chain: what a storefront is told once the record is committed. */
export interface LedgerAck {
  recordId: string;
  seq: number;
  hash: string;
  receivedAt: string;
}

/** ledgerEntryHash of @pc/shared with node's native sha256: the same bytes, several times faster. */
function entryHash(prevHash: string, record: LedgerRecord): string {
  return createHash("sha256")
    .update(`${prevHash}\n${ledgerRecordCanonical(record)}`)
    .digest("hex");
}

const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

interface HeadRow {
  tenant_id: string;
  seq: string | number;
  hash: string;
}

/**
 * Creates a missing head and locks each head row (ON CONFLICT DO UPDATE takes the row lock and
 * answers the latest committed values, like SELECT … FOR UPDATE), in tenant order.
 */
const LOCK_HEADS = `insert into consent_ledger_heads as h (tenant_id, seq, hash)
  select id, 0, $2 from unnest($1::uuid[]) as t(id) order by id
  on conflict (tenant_id) do update set seq = h.seq
  returning tenant_id, seq, hash`;

/**
 * Personal data, records, their statistics and heads in one statement. Data-modifying CTEs always
 * run in full; `stats` (a function call) runs because the update's one-time filter reads it, once,
 * before any head moves. $1 (tenants) and $2 (personal-data digests) serve both inserts.
 */
const APPEND = `with personal as (
    insert into consent_personal_data (tenant_id, digest, ip, user_agent, salt)
    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
  ), records as (
    insert into consent_records (tenant_id, seq, id, received_at, occurred_at, subject_digest, consent_id,
      policy_kind, policy_version, policy_sha256, banner_version, action, purposes, language, path, gpc, country,
      jurisdiction, personal_data_digest, prev_hash, hash)
    select t, s, i, r, o, sd, ci, pk, pv, ps, bv, a, pu::jsonb, l, pa, g, co, j, pd, ph, h
    from unnest($1::uuid[], $6::bigint[], $7::uuid[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[],
      $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::boolean[],
      $21::text[], $22::text[], $2::text[], $23::text[], $24::text[])
      as v(t, s, i, r, o, sd, ci, pk, pv, ps, bv, a, pu, l, pa, g, co, j, pd, ph, h)
  ), stats as (
    select ${ConsentStatsBatch.callText(28)}
  )
  update consent_ledger_heads h set seq = v.seq, hash = v.hash, updated_at = now()
  from unnest($25::uuid[], $26::bigint[], $27::text[]) as v(tenant_id, seq, hash)
  where h.tenant_id = v.tenant_id and (select count(*) from stats) = 1`;

/**
 * Appends the entries in order (each tenant's chain in the order given); answers each one's place.
 * Two statements, each prepared once per connection (queryNamed): it runs for every group commit.
 */
export async function appendToLedger(tx: Transaction, entries: readonly PendingLedgerEntry[]): Promise<LedgerAck[]> {
  if (entries.length === 0) return [];
  const tenantIds = [...new Set(entries.map((entry) => entry.record.tenantId))].sort();
  const heads = await queryNamed<HeadRow>(tx, "pc_consent_ledger_lock_heads", LOCK_HEADS, [tenantIds, GENESIS_HASH]);
  const head = new Map(heads.map((row) => [row.tenant_id, { seq: Number(row.seq), hash: row.hash }]));

  const c = {
    tenantId: [] as string[],
    seq: [] as number[],
    id: [] as string[],
    receivedAt: [] as string[],
    occurredAt: [] as string[],
    subjectDigest: [] as string[],
    consentId: [] as string[],
    policyKind: [] as string[],
    policyVersion: [] as string[],
    policySha256: [] as (string | null)[],
    bannerVersion: [] as string[],
    action: [] as string[],
    purposes: [] as string[],
    language: [] as string[],
    path: [] as string[],
    gpc: [] as boolean[],
    country: [] as (string | null)[],
    jurisdiction: [] as string[],
    personalDataDigest: [] as string[],
    prevHash: [] as string[],
    hash: [] as string[],
  };
  const personal = { ip: [] as (string | null)[], userAgent: [] as (string | null)[], salt: [] as string[] };
  const acks: LedgerAck[] = [];
  const stats = new ConsentStatsBatch();

  for (const { record, personal: data } of entries) {
    const current = head.get(record.tenantId);
    if (!current) throw new Error(`No chain head for tenant ${record.tenantId}`);
    const seq = current.seq + 1;
    const hash = entryHash(current.hash, { ...record, seq });
    const receivedAt = iso(record.receivedAt);
    c.tenantId.push(record.tenantId);
    c.seq.push(seq);
    c.id.push(record.recordId);
    c.receivedAt.push(receivedAt);
    c.occurredAt.push(iso(record.occurredAt));
    c.subjectDigest.push(record.subjectDigest);
    c.consentId.push(record.consentId);
    c.policyKind.push(record.policy.kind);
    c.policyVersion.push(record.policy.version);
    c.policySha256.push(record.policy.sha256 ?? null);
    c.bannerVersion.push(record.bannerVersion);
    c.action.push(record.action);
    c.purposes.push(JSON.stringify(record.purposes));
    c.language.push(record.language);
    c.path.push(record.path);
    c.gpc.push(record.gpc);
    c.country.push(record.country ?? null);
    c.jurisdiction.push(record.jurisdiction);
    c.personalDataDigest.push(record.personalDataDigest);
    c.prevHash.push(current.hash);
    c.hash.push(hash);
    personal.ip.push(data.ip);
    personal.userAgent.push(data.userAgent);
    personal.salt.push(data.salt);
    head.set(record.tenantId, { seq, hash });
    stats.add(record, seq, receivedAt);
    acks.push({ recordId: record.recordId, seq, hash, receivedAt });
  }

  const moved = [...head.entries()];
  await queryNamed(tx, "pc_consent_ledger_append", APPEND, [
    c.tenantId,
    c.personalDataDigest,
    personal.ip,
    personal.userAgent,
    personal.salt,
    c.seq,
    c.id,
    c.receivedAt,
    c.occurredAt,
    c.subjectDigest,
    c.consentId,
    c.policyKind,
    c.policyVersion,
    c.policySha256,
    c.bannerVersion,
    c.action,
    c.purposes,
    c.language,
    c.path,
    c.gpc,
    c.country,
    c.jurisdiction,
    c.prevHash,
    c.hash,
    moved.map(([id]) => id),
    moved.map(([, next]) => next.seq),
    moved.map(([, next]) => next.hash),
    ...stats.callValues(),
  ]);
  return acks;
}

/** Signs checkpoints: Ed25519 with the key the server was given (ledger-signing-key.ts). */
export interface CheckpointSigner {
  /** The first 16 hex digits of sha256 over the raw public key. */
  keyId: string;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  /** The signature of the UTF-8 message, base64. */
  sign(message: string): string;
}

/** Signs and stores a checkpoint over a chain head (once per head: a second one for the same seq is skipped). */
export async function insertCheckpoint(
  tx: Transaction | Database,
  signer: CheckpointSigner,
  checkpoint: { tenantId: string; seq: number; hash: string; signedAt: Date },
): Promise<void> {
  await tx.execute(
    sql`insert into consent_signing_keys (id, public_key) values (${signer.keyId}, ${signer.publicKey}) on conflict (id) do nothing`,
  );
  const signature = signer.sign(ledgerCheckpointMessage(checkpoint));
  await tx.execute(sql`insert into consent_checkpoints (tenant_id, seq, hash, signed_at, key_id, signature)
    values (${checkpoint.tenantId}, ${checkpoint.seq}, ${checkpoint.hash}, ${checkpoint.signedAt.toISOString()}, ${signer.keyId}, ${signature})
    on conflict (tenant_id, seq) do nothing`);
}

/** A consent_records row (as Drizzle selects it) in the shape the chain functions of @pc/shared verify. */
export function storedLedgerRecordOf(row: typeof consentRecords.$inferSelect): StoredLedgerRecord {
  return {
    tenantId: row.tenantId,
    seq: row.seq,
    recordId: row.id,
    receivedAt: row.receivedAt,
    occurredAt: row.occurredAt,
    subjectDigest: row.subjectDigest,
    consentId: row.consentId,
    policy: { kind: row.policyKind, version: row.policyVersion, sha256: row.policySha256 },
    bannerVersion: row.bannerVersion,
    action: row.action,
    purposes: row.purposes,
    language: row.language,
    path: row.path,
    gpc: row.gpc,
    country: row.country,
    jurisdiction: row.jurisdiction,
    personalDataDigest: row.personalDataDigest,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** A tenant's signed checkpoints, each with the public key that signed it (add where / order / limit). */
export function checkpointsWithKeys(db: Database | Transaction) {
  return db
    .select({
      seq: consentCheckpoints.seq,
      hash: consentCheckpoints.hash,
      signedAt: consentCheckpoints.signedAt,
      keyId: consentCheckpoints.keyId,
      signature: consentCheckpoints.signature,
      publicKey: consentSigningKeys.publicKey,
    })
    .from(consentCheckpoints)
    .innerJoin(consentSigningKeys, eq(consentSigningKeys.id, consentCheckpoints.keyId))
    .$dynamic();
}

/** A record's fields anyone auditing may see: never the subject digest or the personal-data digest. */
export const consentRecordViewColumns = {
  recordId: consentRecords.id,
  seq: consentRecords.seq,
  receivedAt: consentRecords.receivedAt,
  occurredAt: consentRecords.occurredAt,
  consentId: consentRecords.consentId,
  policyKind: consentRecords.policyKind,
  policyVersion: consentRecords.policyVersion,
  action: consentRecords.action,
  purposes: consentRecords.purposes,
  language: consentRecords.language,
  path: consentRecords.path,
  gpc: consentRecords.gpc,
  country: consentRecords.country,
  jurisdiction: consentRecords.jurisdiction,
};
