/**
 * The consent ledger against tampering, on whichever database the suite runs (PGlite, and real
 * PostgreSQL in `npm run test:db`): the database refuses changes to records, even from the owner,
 * and when someone with the owner's rights turns the rules off and edits, deletes, truncates or
 * reorders rows anyway, the verifier names the first broken sequence number and why.
 */
import { consentCheckpoints, consentLedgerHeads, consentRecords, type Database, queryRows, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { verifyTenantLedger } from "../src/ledger/ledger-verify.js";
import { TEST_SIGNER, TEST_TRUSTED_KEYS } from "./harness.js";
import { appendTestRecords } from "./ledger-fixtures.js";

let t: TestDatabase;
let tenantId: string;

beforeEach(async () => {
  t = await createTestDatabase();
  const [row] = await t.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "northwave"));
  tenantId = row?.id as string;
});
afterEach(async () => {
  await t.close();
});

const verify = () => verifyTenantLedger(t.db, tenantId, TEST_TRUSTED_KEYS);

/** Runs raw SQL as the owner with the ledger's triggers off: what an attacker with full rights could do. */
async function withRulesOff(work: (db: Database) => Promise<unknown>) {
  await t.db.execute(sql`alter table consent_records disable trigger user`);
  await t.db.execute(sql`alter table consent_ledger_heads disable trigger user`);
  await t.db.execute(sql`alter table consent_checkpoints disable trigger user`);
  try {
    await work(t.db);
  } finally {
    await t.db.execute(sql`alter table consent_records enable trigger user`);
    await t.db.execute(sql`alter table consent_ledger_heads enable trigger user`);
    await t.db.execute(sql`alter table consent_checkpoints enable trigger user`);
  }
}

/** The error a statement fails with (its message and the driver's cause), or null. */
async function failureOf(statement: Promise<unknown>): Promise<string | null> {
  try {
    await statement;
    return null;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} ${cause?.message ?? ""}`;
  }
}

describe("the database refuses changes", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of records and checkpoints even to the owner", async () => {
    await appendTestRecords(t.db, tenantId, 3);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    expect(await failureOf(t.db.update(consentRecords).set({ action: "reject_all" }).where(eq(consentRecords.seq, 2)))).toMatch(
      /never changed or removed/,
    );
    expect(await failureOf(t.db.delete(consentRecords).where(eq(consentRecords.seq, 2)))).toMatch(/never changed or removed/);
    expect(await failureOf(t.db.execute(sql`truncate consent_records cascade`))).toMatch(/never changed or removed/);
    expect(await failureOf(t.db.delete(consentCheckpoints))).toMatch(/never changed or removed/);
    expect(await failureOf(t.db.update(consentLedgerHeads).set({ seq: 1 }))).toMatch(/only moves forward/);
    expect(await failureOf(t.db.execute(sql`delete from consent_personal_data`))).toMatch(/can only be erased/);
    expect((await verify()).ok).toBe(true);
  });

  it("gives the app role no UPDATE or TRUNCATE right on records, and a DELETE only a retention purge can use", async () => {
    await appendTestRecords(t.db, tenantId, 2);
    const asApp = (statement: string) =>
      failureOf(
        t.db.transaction(async (tx) => {
          await tx.execute(sql`set local role console_app`);
          await tx.execute(sql`select set_config('app.all_tenants', 'on', true)`);
          await tx.execute(sql.raw(statement));
        }),
      );
    for (const statement of [
      "update consent_records set action = 'reject_all'",
      "truncate consent_records",
      "delete from consent_checkpoints",
    ]) {
      expect(await asApp(statement), statement).toMatch(/permission denied/);
    }
    // DELETE is granted for retention purges (0023), and the rules refuse any other (consent-retention-rules.test.ts).
    expect(await asApp("delete from consent_records")).toMatch(/only a retention purge removes a record/);
    const privileges = await queryRows<{ privilege_type: string }>(
      t.db,
      sql`select privilege_type from information_schema.role_table_grants where grantee = 'console_app' and table_name = 'consent_records' order by privilege_type`,
    );
    expect(privileges.map((row) => row.privilege_type)).toEqual(["DELETE", "INSERT", "SELECT"]);
  });
});

describe("the verifier names what was done", () => {
  it("passes an untouched chain with its checkpoints", async () => {
    await appendTestRecords(t.db, tenantId, 8);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    await appendTestRecords(t.db, tenantId, 4);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    expect(await verify()).toMatchObject({ ok: true, records: 12, checkpoints: 2, head: { seq: 12 }, problem: null });
  });

  it("an edited decision: edited, at that record", async () => {
    await appendTestRecords(t.db, tenantId, 10);
    await withRulesOff((db) =>
      db.execute(
        sql`update consent_records set purposes = jsonb_set(purposes, '{tidio}', '"denied"') where tenant_id = ${tenantId} and seq = 6`,
      ),
    );
    expect(await verify()).toMatchObject({ problem: { seq: 6, reason: "edited" }, verifiedThrough: 5 });
  });

  it("a deleted middle record: missing, at its sequence number", async () => {
    await appendTestRecords(t.db, tenantId, 10);
    await withRulesOff((db) => db.delete(consentRecords).where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.seq, 4))));
    expect((await verify()).problem).toMatchObject({ seq: 4, reason: "missing" });
  });

  it("the newest records deleted after a checkpoint, the head rewritten to match: truncated, at the first one gone", async () => {
    await appendTestRecords(t.db, tenantId, 10);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    await withRulesOff(async (db) => {
      await db.delete(consentRecords).where(and(eq(consentRecords.tenantId, tenantId), sql`${consentRecords.seq} > 7`));
      const [last] = await db
        .select()
        .from(consentRecords)
        .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.seq, 7)));
      await db
        .update(consentLedgerHeads)
        .set({ seq: 7, hash: last?.hash ?? "" })
        .where(eq(consentLedgerHeads.tenantId, tenantId));
    });
    expect((await verify()).problem).toMatchObject({ seq: 8, reason: "truncated" });
  });

  it("the newest records deleted after the last checkpoint: truncated, by the chain head", async () => {
    await appendTestRecords(t.db, tenantId, 5);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    await appendTestRecords(t.db, tenantId, 3);
    await withRulesOff((db) => db.delete(consentRecords).where(and(eq(consentRecords.tenantId, tenantId), sql`${consentRecords.seq} > 6`)));
    expect((await verify()).problem).toMatchObject({ seq: 7, reason: "truncated" });
  });

  it("two records swapped by rewriting their sequence numbers: reordered, at the first", async () => {
    await appendTestRecords(t.db, tenantId, 10);
    await withRulesOff(async (db) => {
      await db.execute(sql`update consent_records set seq = 1000003 where tenant_id = ${tenantId} and seq = 3`);
      await db.execute(sql`update consent_records set seq = 3 where tenant_id = ${tenantId} and seq = 7`);
      await db.execute(sql`update consent_records set seq = 7 where tenant_id = ${tenantId} and seq = 1000003`);
    });
    expect((await verify()).problem).toMatchObject({ seq: 3, reason: "reordered" });
  });

  it("a checkpoint whose signature does not verify, or signed by an untrusted key: bad-checkpoint", async () => {
    await appendTestRecords(t.db, tenantId, 4);
    await signDueCheckpoints(t.db, TEST_SIGNER);
    expect(await verifyTenantLedger(t.db, tenantId, new Map())).toMatchObject({
      problem: { seq: 4, reason: "bad-checkpoint" },
      verifiedThrough: 0,
    });
    await withRulesOff((db) =>
      db
        .update(consentCheckpoints)
        .set({ signedAt: new Date("2020-01-01T00:00:00Z") })
        .where(eq(consentCheckpoints.tenantId, tenantId)),
    );
    expect((await verify()).problem).toMatchObject({ seq: 4, reason: "bad-checkpoint" });
  });
});
