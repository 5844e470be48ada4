import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, type NewAuditEvent, verifyAuditChain } from "./audit-chain.js";
import type { Transaction } from "./client.js";
import { SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { auditEvents } from "./schema/index.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const event = (action: string, extra: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  tenantId: null,
  actorUserId: null,
  actorLabel: "tester@example.test",
  action,
  targetType: "thing",
  targetId: "1",
  before: { name: "old", at: new Date("2026-01-02T03:04:05.678Z") },
  after: { name: "new", nested: { b: 2, a: [1, "x", null] } },
  requestId: "req-1",
  ip: "192.0.2.1",
  ...extra,
});

const verify = () => withRlsContext(t.db, SYSTEM_CONTEXT, (tx) => verifyAuditChain(tx, 3));
const append = (e: NewAuditEvent) => withRlsContext(t.db, SYSTEM_CONTEXT, (tx) => appendAuditEvent(tx, e));

describe("audit hash chain", () => {
  it("verifies the seeded chain and every event appended after it, across pages", async () => {
    for (let i = 0; i < 7; i++) await append(event(`test.append_${i}`));
    const report = await verify();
    expect(report).toMatchObject({ ok: true });
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(report.checked).toBe(count?.n);
  });

  it("stays one chain when many transactions append at once", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(event(`test.concurrent_${i}`))));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("detects an event edited in place", async () => {
    const { id } = await append(event("test.to_edit"));
    await t.db.execute(sql`update audit_events set after = '{"name":"forged"}'::jsonb where id = ${id}`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, brokenAtId: id });
    if (!report.ok) expect(report.reason).toMatch(/altered/);
    await t.db.delete(auditEvents).where(sql`${auditEvents.id} >= ${id}`);
    await t.db.execute(
      sql`update audit_chain_head set last_event_id = (select max(id) from audit_events), last_hash = (select hash from audit_events order by id desc limit 1)`,
    );
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("detects an event removed from the middle", async () => {
    const first = await append(event("test.keep"));
    const middle = await append(event("test.remove"));
    const last = await append(event("test.after"));
    await t.db.delete(auditEvents).where(eq(auditEvents.id, middle.id));
    const report = await verify();
    expect(report).toMatchObject({ ok: false, brokenAtId: last.id });
    if (!report.ok) expect(report.reason).toMatch(/removed/);
    expect(first.id).toBeLessThan(middle.id);
  });

  it("detects the newest events cut off", async () => {
    const fresh = await createTestDatabase();
    try {
      const run = <T>(work: (tx: Transaction) => Promise<T>) => withRlsContext(fresh.db, SYSTEM_CONTEXT, work);
      await run((tx) => appendAuditEvent(tx, event("test.one")));
      const tail = await run((tx) => appendAuditEvent(tx, event("test.two")));
      expect(await run((tx) => verifyAuditChain(tx))).toMatchObject({ ok: true });
      await fresh.db.delete(auditEvents).where(eq(auditEvents.id, tail.id));
      const report = await run((tx) => verifyAuditChain(tx));
      expect(report).toMatchObject({ ok: false });
      if (!report.ok) expect(report.reason).toMatch(/missing/);
    } finally {
      await fresh.close();
    }
  });
});
