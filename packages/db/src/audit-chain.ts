/**
 * Appends to and checks the admin audit trail's hash chain (see packages/shared/src/audit/chain.ts
 * for what each hash covers). Appending must run inside the transaction of the change it records.
 */
import { AUDIT_CHAIN_GENESIS, type AuditChainEntry, auditEntryHash, toStoredJson } from "@pc/shared";
import { asc, eq, gt, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { queryRows } from "./context.js";
import { auditChainHead, auditEvents } from "./schema/index.js";

export type NewAuditEvent = Omit<AuditChainEntry, "createdAt">;

export async function appendAuditEvent(db: Database | Transaction, event: NewAuditEvent): Promise<{ id: number; hash: string }> {
  // The head's row lock orders concurrent appends: each one links to the one committed before it.
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for("update");
  if (!head) throw new Error("audit_chain_head is missing: the migrations were not applied");
  const entry: AuditChainEntry = {
    ...event,
    before: toStoredJson(event.before),
    after: toStoredJson(event.after),
    createdAt: new Date().toISOString(),
  };
  const hash = auditEntryHash(head.lastHash, entry);
  // The id is drawn first, not read back with RETURNING: that would need the new row to pass the
  // SELECT policy, and an event without a tenant is not readable by the partner whose action wrote it.
  const [next] = await queryRows<{ id: string }>(db, sql`select nextval(pg_get_serial_sequence('audit_events', 'id')) as id`);
  const id = Number(next?.id);
  await db.insert(auditEvents).values({ id, ...entry, createdAt: new Date(entry.createdAt), prevHash: head.lastHash, hash });
  await db.update(auditChainHead).set({ lastEventId: id, lastHash: hash }).where(eq(auditChainHead.id, 1));
  return { id, hash };
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
