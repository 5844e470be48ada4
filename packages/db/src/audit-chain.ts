/**
 * Appends to and checks the admin audit trail's hash chain (see packages/shared/src/audit/chain.ts
 * for what each hash covers). Appending must run inside the transaction of the change it records.
 */
import { AUDIT_CHAIN_GENESIS, type AuditChainEntry, auditChainHash, auditEntryCanonical, auditEntryHash, toStoredJson } from "@pc/shared";
import { asc, eq, gt, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { queryRows } from "./context.js";
import { auditChainHead, auditEvents } from "./schema/index.js";

export type NewAuditEvent = Omit<AuditChainEntry, "createdAt">;

/**
 * One statement (audit_append, migration 0028): under the chain head's row lock, which orders
 * concurrent appends so each links to the one committed before it, the database draws the id,
 * hashes the canonical JSON computed here with the previous hash, inserts the event and moves the
 * head. The hash it answers is checked against this side's own computation.
 */
export async function appendAuditEvent(db: Database | Transaction, event: NewAuditEvent): Promise<{ id: number; hash: string }> {
  // A field left undefined (whatever the types say) is stored as NULL and read back as null: hashed
  // as null too, or the verifier would not recompute the same hash.
  const entry: AuditChainEntry = {
    tenantId: event.tenantId ?? null,
    actorUserId: event.actorUserId ?? null,
    actorLabel: event.actorLabel ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    before: toStoredJson(event.before),
    after: toStoredJson(event.after),
    requestId: event.requestId ?? null,
    ip: event.ip ?? null,
    createdAt: new Date().toISOString(),
  };
  const canonical = auditEntryCanonical(entry);
  // JSON null is stored as SQL NULL, as an insert of the value null does.
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const [row] = await queryRows<{ event_id: string | number | bigint; linked_hash: string; event_hash: string }>(
    db,
    sql`select event_id, linked_hash, event_hash from audit_append(${entry.tenantId}::uuid, ${entry.actorUserId}::uuid,
      ${entry.actorLabel}, ${entry.action}, ${entry.targetType}, ${entry.targetId}, ${json(entry.before)}::jsonb,
      ${json(entry.after)}::jsonb, ${entry.requestId}, ${entry.ip}, ${entry.createdAt}::timestamptz, ${canonical})`,
  );
  if (!row) throw new Error("audit_append answered no row: migration 0028 is not applied");
  const hash = auditChainHash(row.linked_hash, canonical);
  if (row.event_hash !== hash) {
    // Never expected (the database's text is UTF-8): refused rather than written as a chain that would not verify.
    throw new Error(`audit_append hashed event ${row.event_id} as ${row.event_hash}, expected ${hash}`);
  }
  return { id: Number(row.event_id), hash };
}

export type AuditChainReport =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: number | null; reason: string };

/** Walks the whole chain in id order. Needs a context that sees every event (operator scope). */
export async function verifyAuditChain(db: Database | Transaction, pageSize = 1000): Promise<AuditChainReport> {
  let prevHash = AUDIT_CHAIN_GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(pageSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenAtId: row.id,
          reason: `event ${row.id} does not link to the event before it (one was removed or reordered)`,
        };
      }
      const { id: _id, prevHash: _prev, hash, createdAt, ...fields } = row;
      const expected = auditEntryHash(prevHash, { ...fields, createdAt: createdAt.toISOString() });
      if (hash !== expected) return { ok: false, checked, brokenAtId: row.id, reason: `event ${row.id} was altered after it was written` };
      prevHash = hash;
      lastId = row.id;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head || head.lastHash !== prevHash || (head.lastEventId ?? 0) !== lastId) {
    return {
      ok: false,
      checked,
      brokenAtId: head?.lastEventId ?? null,
      reason: "the newest events are missing: the chain ends before its recorded head",
    };
  }
  return { ok: true, checked, lastHash: prevHash };
}
