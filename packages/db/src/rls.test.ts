/**
 * The row-level-security layer on its own: queries with no tenant filter at all, run as the app
 * role with one tenant set, must not see or write another tenant's rows.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "./client.js";
import { APP_ROLE, queryRows, withRlsContext } from "./context.js";
import { createTestDatabase, refusalOf, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
let northwave: string;
let fjordsound: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await queryRows<{ id: string; slug: string }>(t.db, sql`select id, slug from tenants`);
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  northwave = bySlug.get("northwave") as string;
  fjordsound = bySlug.get("fjordsound") as string;
  expect(northwave).toBeDefined();
  expect(fjordsound).toBeDefined();
});
afterAll(() => t.close());

/** Drizzle wraps the driver's error; the database's own message is on the cause. */
async function expectDatabaseError(work: Promise<unknown>, pattern: RegExp): Promise<void> {
  expect(await refusalOf(work)).toMatch(pattern);
}

const tenantTables = ["tenant_memberships", "invitations", "audit_events"] as const;

async function tenantIdsIn(tx: Transaction, table: string): Promise<string[]> {
  const rows = await queryRows<{ tenant_id: string | null }>(tx, sql.raw(`select distinct tenant_id from ${table}`));
  return rows.map((r) => r.tenant_id).filter((id): id is string => id !== null);
}

describe("row-level security as the app role (SET LOCAL ROLE)", () => {
  it("shows one tenant's rows and none of another's, with no filter in the query", async () => {
    await withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      const tenants = await queryRows<{ id: string }>(tx, sql`select id from tenants`);
      expect(tenants.map((r) => r.id)).toEqual([northwave]);
      for (const table of tenantTables) {
        const ids = await tenantIdsIn(tx, table);
        expect(ids, table).not.toContain(fjordsound);
      }
      expect(await tenantIdsIn(tx, "tenant_memberships")).toEqual([northwave]);
    });
  });

  it("shows no tenant rows when no tenant is set", async () => {
    await withRlsContext(t.db, { tenantId: null, userId: null, allTenants: false }, async (tx) => {
      for (const table of ["tenants", ...tenantTables]) {
        const result = await queryRows<{ n: number }>(
          tx,
          sql.raw(`select count(*)::int as n from ${table} where ${table === "audit_events" ? "tenant_id is not null" : "true"}`),
        );
        expect(result[0]?.n, table).toBe(0);
      }
    });
  });

  it("refuses to write a row into another tenant", async () => {
    const attempt = withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      await tx.execute(sql`insert into invitations (tenant_id, email, role, token_hash, expires_at)
        values (${fjordsound}, 'x@example.test', 'partner_admin', 'deadbeef', now() + interval '1 day')`);
    });
    await expectDatabaseError(attempt, /row-level security/);
  });

  it("cannot move a row to another tenant or touch one it cannot see", async () => {
    await withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      const moved = await queryRows(
        tx,
        sql`update tenant_memberships set role = 'partner_viewer' where tenant_id = ${fjordsound} returning 1`,
      );
      expect(moved).toHaveLength(0);
    });
    const crossing = withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      await tx.execute(sql`update tenant_memberships set tenant_id = ${fjordsound} where tenant_id = ${northwave}`);
    });
    await expectDatabaseError(crossing, /row-level security/);
  });

  it("keeps price book versions within their tenant, and published ones unchanged", async () => {
    const foreign = withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      await tx.execute(sql`insert into price_book_versions (tenant_id, currency, per_track_amount, tax_behavior, revenue_share_bps)
        values (${fjordsound}, 'NOK', 9900, 'inclusive', 2000)`);
    });
    await expectDatabaseError(foreign, /row-level security/);
    await withRlsContext(t.db, { tenantId: fjordsound, userId: null, allTenants: false }, async (tx) => {
      await tx.execute(sql`insert into price_book_versions (tenant_id, currency, status, version, effective_from, per_track_amount, tax_behavior, revenue_share_bps)
        values (${fjordsound}, 'SEK', 'published', 1, now(), 9900, 'inclusive', 2000)`);
    });
    await withRlsContext(t.db, { tenantId: northwave, userId: null, allTenants: false }, async (tx) => {
      // Northwave's own seeded books are visible; Fjordsound's SEK row is not.
      expect(await tenantIdsIn(tx, "price_book_versions")).toEqual([northwave]);
    });
    const rewrite = withRlsContext(t.db, { tenantId: fjordsound, userId: null, allTenants: false }, async (tx) => {
      await tx.execute(sql`update price_book_versions set per_track_amount = 1 where currency = 'SEK'`);
    });
    await expectDatabaseError(rewrite, /published price versions never change/);
  });

  it("keeps the audit trail append-only for the app role", async () => {
    const update = withRlsContext(t.db, { tenantId: null, userId: null, allTenants: true }, async (tx) => {
      await tx.execute(sql`update audit_events set action = 'tampered'`);
    });
    await expectDatabaseError(update, /permission denied/);
    const remove = withRlsContext(t.db, { tenantId: null, userId: null, allTenants: true }, async (tx) => {
      await tx.execute(sql`delete from audit_events`);
    });
    await expectDatabaseError(remove, /permission denied/);
  });

  it("forces the policies on the table owner too", async () => {
    const result = await queryRows<{ relname: string; relforcerowsecurity: boolean }>(
      t.db,
      sql`select relname, relforcerowsecurity from pg_class where relname in ('tenants', 'tenant_memberships', 'invitations', 'audit_events', 'price_book_versions') order by relname`,
    );
    expect(result).toEqual([
      { relname: "audit_events", relforcerowsecurity: true },
      { relname: "invitations", relforcerowsecurity: true },
      { relname: "price_book_versions", relforcerowsecurity: true },
      { relname: "tenant_memberships", relforcerowsecurity: true },
      { relname: "tenants", relforcerowsecurity: true },
    ]);
  });

  it("lets every tenant read the operator's policy templates and only operator scope write them", async () => {
    const tenantScope = { tenantId: northwave, userId: null, allTenants: false };
    await withRlsContext(t.db, tenantScope, async (tx) => {
      const rows = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from policy_versions where status = 'published'`);
      expect(rows[0]?.n).toBeGreaterThan(0);
      const touched = await queryRows(tx, sql`update policy_versions set title = title where status <> 'published' returning 1`);
      expect(touched).toHaveLength(0);
    });
    const insert = withRlsContext(t.db, tenantScope, (tx) =>
      tx.execute(sql`insert into policy_versions (kind, title, markdown) values ('terms', 'Forged', 'Forged terms')`),
    );
    await expectDatabaseError(insert, /row-level security/);
    await withRlsContext(t.db, { tenantId: null, userId: null, allTenants: true }, async (tx) => {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`insert into policy_versions (kind, title, markdown) values ('terms', 'Draft', 'Draft terms') returning id`,
      );
      expect(rows).toHaveLength(1);
      await tx.execute(sql`delete from policy_versions where id = ${rows[0]?.id}`);
    });
  });
});

// A login role that is neither superuser nor owner: the hard boundary on real PostgreSQL.
// PGlite has one superuser session only, so this part runs where TEST_DATABASE_URL is set (CI does).
if (process.env.TEST_DATABASE_URL) {
  describe("row-level security for a non-owner login role (real PostgreSQL)", () => {
    const login = "pc_rls_probe";
    let client: pg.Client;

    beforeAll(async () => {
      await t.db.execute(
        sql.raw(`do $$ begin
          if not exists (select 1 from pg_roles where rolname = '${login}') then create role ${login} login in role ${APP_ROLE}; end if;
        exception when duplicate_object or unique_violation then null; end $$`),
      );
      const url = new URL(t.url as string);
      url.username = login;
      url.password = "";
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
    });
    afterAll(() => client.end());

    it("logs in as a role that owns nothing and is not superuser", async () => {
      const who = await client.query<{ super: boolean; owns: number }>(
        `select rolsuper as super, (select count(*)::int from pg_tables where tableowner = current_user) as owns from pg_roles where rolname = current_user`,
      );
      expect(who.rows[0]).toEqual({ super: false, owns: 0 });
    });

    it("sees only the tenant it set, with no filter in the query", async () => {
      await client.query("begin");
      await client.query("select set_config('app.tenant_id', $1, true)", [northwave]);
      const tenants = await client.query<{ id: string }>("select id from tenants");
      const memberships = await client.query<{ tenant_id: string }>("select distinct tenant_id from tenant_memberships");
      const audit = await client.query<{ tenant_id: string }>("select distinct tenant_id from audit_events where tenant_id is not null");
      await client.query("rollback");
      expect(tenants.rows.map((r) => r.id)).toEqual([northwave]);
      expect(memberships.rows.map((r) => r.tenant_id)).toEqual([northwave]);
      expect(audit.rows.map((r) => r.tenant_id)).toEqual([northwave]);
    });

    it("sees nothing without a tenant, and cannot switch the policies off", async () => {
      const none = await client.query<{ n: number }>("select count(*)::int as n from tenant_memberships");
      expect(none.rows[0]?.n).toBe(0);
      await expect(client.query("set row_security = off; select count(*) from tenant_memberships")).rejects.toThrow(/row-level security/);
      await expect(client.query("alter table tenants disable row level security")).rejects.toThrow(/must be owner/);
    });
  });
}
