/**
 * The one change a published version allows: withdrawing a scheduled version before it takes
 * effect. The triggers refuse everything else, for price books and branding alike, even to a
 * session that bypasses the API.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, withRlsContext } from "./context.js";
import { createTestDatabase, refusalOf, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await queryRows<{ id: string }>(t.db, sql`select id from tenants where slug = 'beatlab'`);
  tenantId = row?.id as string;
  expect(tenantId).toBeDefined();
});
afterAll(() => t.close());

function asTenant<T>(work: Parameters<typeof withRlsContext<T>>[2]) {
  return withRlsContext(t.db, { tenantId, userId: null, allTenants: false }, work);
}

/** Inserts a published SEK price version effective at `offset` from now and answers its id. */
async function publishedPrice(version: number, offset: string): Promise<string> {
  return asTenant(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into price_book_versions (tenant_id, currency, status, version, effective_from, per_track_amount, tax_behavior, revenue_share_bps)
        values (${tenantId}, 'SEK', 'published', ${version}, now() + ${offset}::interval, 9900, 'inclusive', 2000) returning id`,
    );
    return row?.id as string;
  });
}

const cancel = (id: string) =>
  asTenant((tx) =>
    queryRows<{ status: string }>(
      tx,
      sql`update price_book_versions set status = 'cancelled', cancelled_at = now() where id = ${id} returning status`,
    ),
  );

describe("cancelling a scheduled version", () => {
  it("withdraws a version whose effective time is still ahead, and freezes it after", async () => {
    const id = await publishedPrice(101, "10 days");
    expect(await cancel(id)).toEqual([{ status: "cancelled" }]);
    const revive = asTenant((tx) => tx.execute(sql`update price_book_versions set status = 'published' where id = ${id}`));
    expect(await refusalOf(revive)).toMatch(/published price versions never change/);
    const remove = asTenant((tx) => tx.execute(sql`delete from price_book_versions where id = ${id}`));
    expect(await refusalOf(remove)).toMatch(/published price versions never change/);
  });

  it("refuses to cancel a version already in effect", async () => {
    const id = await publishedPrice(102, "-1 hour");
    expect(await refusalOf(cancel(id))).toMatch(/published price versions never change/);
  });

  it("refuses a cancellation that also changes the version's values", async () => {
    const id = await publishedPrice(103, "10 days");
    const sneaky = asTenant((tx) =>
      tx.execute(sql`update price_book_versions set status = 'cancelled', per_track_amount = 1 where id = ${id}`),
    );
    expect(await refusalOf(sneaky)).toMatch(/published price versions never change/);
    const [row] = await queryRows<{ status: string; per_track_amount: number }>(
      t.db,
      sql`select status, per_track_amount from price_book_versions where id = ${id}`,
    );
    expect(row).toEqual({ status: "published", per_track_amount: 9900 });
  });

  it("holds for branding versions too", async () => {
    const colors = JSON.stringify({
      light: { primary: "#1f6feb", accent: "#0969da", background: "#ffffff", text: "#1f2328" },
      dark: { primary: "#58a6ff", accent: "#79c0ff", background: "#0d1117", text: "#e6edf3" },
    });
    const [row] = await asTenant((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`insert into branding_versions (tenant_id, status, version, effective_from, display_name, legal_name, legal_address, support_email, colors)
          values (${tenantId}, 'published', 101, now() + interval '3 days', 'Beatlab', 'Beatlab AS', 'Oslo', 'help@beatlab.test', ${colors}::jsonb)
          returning id`,
      ),
    );
    const id = row?.id as string;
    const sneaky = asTenant((tx) =>
      tx.execute(sql`update branding_versions set status = 'cancelled', display_name = 'Evil' where id = ${id}`),
    );
    expect(await refusalOf(sneaky)).toMatch(/published branding versions never change/);
    const cancelled = await asTenant((tx) =>
      queryRows<{ status: string }>(tx, sql`update branding_versions set status = 'cancelled' where id = ${id} returning status`),
    );
    expect(cancelled).toEqual([{ status: "cancelled" }]);
  });
});
