/**
 * What the ops tests check in the database after a run: every acknowledged record stored where its
 * answer said (seq and hash), and one tenant's chain numbered 1..N without a gap and its head at N.
 */
import type { Ack } from "./ingestion-load.js";
import type { OpsDatabase } from "./ops-database.js";

export async function tenantIdOf(database: OpsDatabase, slug: string): Promise<string> {
  const [row] = await database.query<{ id: string }>("select id from tenants where slug = $1", [slug]);
  if (!row) throw new Error(`No tenant ${slug} in ${database.name}`);
  return row.id;
}

/** How many of `acks` are stored with the record id, seq and hash they were acknowledged with. */
export async function storedAcks(database: OpsDatabase, tenantId: string, acks: readonly Ack[]): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `select count(*)::int as n
     from unnest($2::uuid[], $3::bigint[], $4::text[]) as a(id, seq, hash)
     join consent_records r on r.tenant_id = $1 and r.id = a.id and r.seq = a.seq and r.hash = a.hash`,
    [tenantId, acks.map((ack) => ack.recordId), acks.map((ack) => ack.seq), acks.map((ack) => ack.hash)],
  );
  return row?.n ?? 0;
}

export interface ChainShape {
  records: number;
  minSeq: number;
  maxSeq: number;
  headSeq: number;
  /** Records whose prev_hash is not the hash of the record before them. */
  brokenLinks: number;
}

/** The tenant's chain as stored: gap-free when records = maxSeq = headSeq and minSeq is 1 (seq is unique per tenant). */
export async function chainShape(database: OpsDatabase, tenantId: string): Promise<ChainShape> {
  const [row] = await database.query<{ records: number; min_seq: string | null; max_seq: string | null; broken: number }>(
    `select count(*)::int as records, min(seq)::text as min_seq, max(seq)::text as max_seq,
       count(*) filter (where prev_hash <> coalesce(previous, prev_hash))::int as broken
     from (select seq, prev_hash, lag(hash) over (order by seq) as previous from consent_records where tenant_id = $1) r`,
    [tenantId],
  );
  const [head] = await database.query<{ seq: string }>("select seq::text from consent_ledger_heads where tenant_id = $1", [tenantId]);
  return {
    records: row?.records ?? 0,
    minSeq: Number(row?.min_seq ?? 0),
    maxSeq: Number(row?.max_seq ?? 0),
    headSeq: Number(head?.seq ?? 0),
    brokenLinks: row?.broken ?? 0,
  };
}

/** The shape a gap-free chain of `records` records has. */
export function gapFree(records: number): ChainShape {
  return { records, minSeq: records > 0 ? 1 : 0, maxSeq: records, headSeq: records, brokenLinks: 0 };
}

/** Which of `consentIds` the tenant's ledger holds (a batch's are all there or none). */
export async function storedConsentIds(database: OpsDatabase, tenantId: string, consentIds: readonly string[]): Promise<Set<string>> {
  const rows = await database.query<{ consent_id: string }>(
    "select consent_id from consent_records where tenant_id = $1 and consent_id = any($2::text[])",
    [tenantId, consentIds],
  );
  return new Set(rows.map((row) => row.consent_id));
}
