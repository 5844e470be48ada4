/**
 * The transaction openers of context.ts: the context they set, the role they read and the narrowing
 * they do for a signed-in person, commit and rollback; and on PostgreSQL, that BEGIN, the context
 * and the membership travel in one round trip.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Transaction } from "./client.js";
import {
  APP_ROLE,
  type MemberContext,
  narrowToVisibleTenant,
  queryRows,
  SYSTEM_CONTEXT,
  withMemberContext,
  withRlsContext,
} from "./context.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
let northwave: string;
let fjordsound: string;
let partner: string;
let staff: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const ids = await queryRows<{ slug: string; id: string }>(t.db, sql`select slug, id from tenants`);
  const users = await queryRows<{ email: string; id: string }>(t.db, sql`select email, id from users`);
  const tenant = (slug: string) => ids.find((row) => row.slug === slug)?.id as string;
  const user = (email: string) => users.find((row) => row.email === email)?.id as string;
  northwave = tenant("northwave");
  fjordsound = tenant("fjordsound");
  partner = user("admin@northwave.test");
  staff = user("compliance@masterchannel.test");
  for (const id of [northwave, fjordsound, partner, staff]) expect(id).toBeTruthy();
});
afterAll(() => t.close());

interface Seen {
  tenantId: string;
  allTenants: string;
  userId: string;
  role: string;
  tenants: string[];
}

async function seen(tx: Transaction): Promise<Seen> {
  const [settings] = await queryRows<Omit<Seen, "tenants">>(
    tx,
    sql`select current_setting('app.tenant_id', true) as "tenantId", current_setting('app.all_tenants', true) as "allTenants",
      current_setting('app.user_id', true) as "userId", current_user as role`,
  );
  const tenants = await queryRows<{ id: string }>(tx, sql`select id from tenants order by id`);
  return { ...(settings as Omit<Seen, "tenants">), tenants: tenants.map((row) => row.id) };
}

const member = (userId: string, operator: boolean, activeTenantId: string | null): MemberContext => ({ userId, operator, activeTenantId });

async function setStatus(tenantId: string, status: "active" | "suspended") {
  await withRlsContext(t.db, SYSTEM_CONTEXT, (tx) => tx.execute(sql`update tenants set status = ${status} where id = ${tenantId}`));
}

describe("withMemberContext", () => {
  it("gives a partner their role and narrows them to their active tenant", async () => {
    const result = await withMemberContext(t.db, member(partner, false, northwave), async (tx, role) => ({ role, seen: await seen(tx) }));
    expect(result.role).toBe("partner_admin");
    expect(result.seen).toMatchObject({ tenantId: northwave, allTenants: "off", userId: partner, role: APP_ROLE, tenants: [northwave] });
  });

  it("neither narrows nor gives a role on a tenant the partner does not belong to", async () => {
    const result = await withMemberContext(t.db, member(partner, false, fjordsound), async (tx, role) => ({ role, seen: await seen(tx) }));
    expect(result.role).toBeNull();
    // Only the tenants of their own memberships, through the membership branch of the policy.
    expect(result.seen).toMatchObject({ tenantId: "", allTenants: "off", tenants: [northwave] });
  });

  it("gives no role on a suspended tenant, and does not narrow to it", async () => {
    await setStatus(northwave, "suspended");
    try {
      const result = await withMemberContext(t.db, member(partner, false, northwave), async (tx, role) => ({ role, seen: await seen(tx) }));
      expect(result.role).toBeNull();
      expect(result.seen.tenantId).toBe("");
    } finally {
      await setStatus(northwave, "active");
    }
  });

  it("keeps operator staff on every tenant, whatever their active tenant", async () => {
    const all = await withRlsContext(t.db, SYSTEM_CONTEXT, async (tx) => (await seen(tx)).tenants);
    const result = await withMemberContext(t.db, member(staff, true, northwave), async (tx, role) => ({ role, seen: await seen(tx) }));
    expect(result.role).toBeNull();
    expect(result.seen).toMatchObject({ tenantId: "", allTenants: "on", userId: staff, role: APP_ROLE });
    expect(result.seen.tenants).toEqual(all);
    expect(all.length).toBeGreaterThan(1);
  });

  it("sets the context without a membership look-up when the session has no active tenant", async () => {
    const result = await withMemberContext(t.db, member(partner, false, null), async (tx, role) => ({ role, seen: await seen(tx) }));
    expect(result.role).toBeNull();
    expect(result.seen).toMatchObject({ tenantId: "", allTenants: "off", userId: partner, tenants: [northwave] });
  });

  it("commits the work, and rolls it back when the work throws", async () => {
    const label = `context-test-${Date.now()}`;
    const count = async () =>
      (
        await withRlsContext(t.db, SYSTEM_CONTEXT, (tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*)::int as n from tenants where name = ${label}`),
        )
      )[0]?.n;
    const rename = (tx: Transaction) => tx.execute(sql`update tenants set name = ${label} where id = ${northwave}`);
    const original = (await queryRows<{ name: string }>(t.db, sql`select name from tenants where id = ${northwave}`))[0]?.name as string;
    await expect(
      withMemberContext(t.db, member(staff, true, null), async (tx) => {
        await rename(tx);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await count()).toBe(0);
    await withMemberContext(t.db, member(staff, true, null), rename);
    expect(await count()).toBe(1);
    await withRlsContext(t.db, SYSTEM_CONTEXT, (tx) => tx.execute(sql`update tenants set name = ${original} where id = ${northwave}`));
  });

  it("leaves nothing of the context on the connection after the transaction", async () => {
    await withMemberContext(t.db, member(partner, false, northwave), async () => {});
    const [after] = await queryRows<{ tenantId: string | null; role: string }>(
      t.db,
      sql`select coalesce(current_setting('app.tenant_id', true), '') as "tenantId", current_user as role`,
    );
    expect(after?.tenantId).toBe("");
    expect(after?.role).not.toBe(APP_ROLE);
  });
});

describe("narrowToVisibleTenant", () => {
  it("narrows staff to a tenant that exists, and answers false for one that does not", async () => {
    await withMemberContext(t.db, member(staff, true, null), async (tx) => {
      expect(await narrowToVisibleTenant(tx, "00000000-0000-4000-8000-000000000000")).toBe(false);
      expect((await seen(tx)).allTenants).toBe("on");
      expect(await narrowToVisibleTenant(tx, fjordsound)).toBe(true);
      expect(await seen(tx)).toMatchObject({ tenantId: fjordsound, allTenants: "off", tenants: [fjordsound] });
    });
  });

  it("does not narrow a partner to a tenant they cannot see", async () => {
    await withMemberContext(t.db, member(partner, false, null), async (tx) => {
      expect(await narrowToVisibleTenant(tx, fjordsound)).toBe(false);
      expect((await seen(tx)).tenants).toEqual([northwave]);
    });
  });
});

describe("on PostgreSQL: round trips and connection settings", () => {
  it("opens a signed-in person's transaction, context and membership included, in one round trip", async () => {
    if (t.kind !== "postgres") {
      // PGlite runs in process: the statements run one by one (the cases above cover what they do).
      expect(t.kind).toBe("pglite");
      return;
    }
    const texts: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      texts.push(typeof first === "string" ? first : (first.text ?? ""));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await withMemberContext(t.db, member(partner, false, northwave), async (tx) => {
        await tx.execute(sql`select 1`);
      });
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^begin;\nselect set_config\('app\.tenant_id'.*;\nselect m\.role/s);
    expect(texts[2]).toBe("commit");
  });

  it("opens the app's connections with JIT off, unless the URL's own options say otherwise", async () => {
    if (t.kind !== "postgres" || !t.url) {
      expect(t.kind).toBe("pglite"); // PGlite has no JIT
      return;
    }
    const jitOf = async (db: TestDatabase["db"]) => (await queryRows<{ jit: string }>(db, sql`show jit`))[0]?.jit;
    expect(await jitOf(t.db)).toBe("off");
    const url = new URL(t.url);
    url.searchParams.set("options", "-c jit=on -c application_name=context-test");
    const own = await openDatabase({ kind: "postgres", url: url.toString(), maxConnections: 1 });
    try {
      expect(await jitOf(own.db)).toBe("on");
      const [name] = await queryRows<{ application_name: string }>(own.db, sql`show application_name`);
      expect(name?.application_name).toBe("context-test");
    } finally {
      await own.close();
    }
  });
});
