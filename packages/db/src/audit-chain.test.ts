import { auditEntryHash } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, type NewAuditEvent, verifyAuditChain } from "./audit-chain.js";
import type { Transaction } from "./client.js";
import { queryRows, SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { auditEvents } from "./schema/index.js";
import { createTestDatabase, refusalOf, type TestDatabase } from "./testing/index.js";

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

  it("hashes in the database exactly as the shared chain does, whatever the text", async () => {
    const awkward = {
      emoji: "👩🏽‍💻 ✓",
      combining: "e\u0301 vs \u00e9",
      separators: "line\u2028para\u2029",
      quotes: 'a "quoted" \\ backslash',
      controls: "tab\tnew\nline\u0001",
      numbers: [0, -1, 1.5, 1e21, 1e-7, 2 ** 53],
      keys: { z: 1, a: 2, é: 3, "\u{1F600}": 4, 10: 5 },
    };
    const { id, hash } = await append(event("test.awkward_text", { before: awkward, after: null, actorLabel: "Zoë Ø'Brien" }));
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, id));
    if (!row) throw new Error("the event was not stored");
    const { id: _id, prevHash, hash: stored, createdAt, ...fields } = row;
    expect(stored).toBe(hash);
    expect(auditEntryHash(prevHash, { ...fields, createdAt: createdAt.toISOString() })).toBe(hash);
    expect(row.after).toBeNull();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("hashes a field left undefined as the null the database stores, so the chain still verifies", async () => {
    // Types say string | null; a request without a known address once passed undefined (an export's audit event).
    const loose = { ...event("test.undefined_ip"), ip: undefined, requestId: undefined } as unknown as NewAuditEvent;
    const { id } = await append(loose);
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(row).toMatchObject({ ip: null, requestId: null });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("forks nowhere when many transactions append at once: each event links to a different one", async () => {
    const before = await verify();
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => append(event(`test.race_${i}`, { targetId: String(i) }))));
    expect(new Set(appended.map((entry) => entry.id)).size).toBe(40);
    const rows = await t.db.select({ id: auditEvents.id, prevHash: auditEvents.prevHash, hash: auditEvents.hash }).from(auditEvents);
    expect(new Set(rows.map((row) => row.prevHash)).size).toBe(rows.length);
    const report = await verify();
    expect(report).toMatchObject({ ok: true });
    if (report.ok && before.ok) expect(report.checked).toBe(before.checked + 40);
  });

  it("still applies row-level security: an event of a tenant the context cannot write is refused", async () => {
    const [tenant] = await queryRows<{ id: string }>(t.db, sql`select id from tenants limit 1`);
    const nobody = { tenantId: null, userId: null, allTenants: false };
    const refused = withRlsContext(t.db, nobody, (tx) => appendAuditEvent(tx, event("test.foreign", { tenantId: tenant?.id ?? null })));
    expect(await refusalOf(refused)).toMatch(/row-level security/);
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
