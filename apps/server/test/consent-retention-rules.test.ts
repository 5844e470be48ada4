/**
 * The database's retention rules (0023), on whichever database the suite runs (PGlite, and real
 * PostgreSQL in `npm run test:db`): a consent record leaves consent_records only in a purge's shape
 * (tombstone with the same chain fields, personal data erased, past its period, under no hold), for
 * the app role and the owner alike; tombstones never change; legal holds are only released, once;
 * purge runs and the settings are never removed.
 */
import { consentLegalHolds, consentPurgedRecords, consentRecords, consentRetentionPurges, type Database, queryRows, tenants } from "@pc/db";
import { createTestDatabase, refusalOf, type TestDatabase } from "@pc/db/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppendedRecord, appendConsent, digestOf } from "./consent-audit-fixtures.js";

let t: TestDatabase;
let tenantId: string;
let purgeId: string;
let records: AppendedRecord[];
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await t.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "beatlab"));
  tenantId = row?.id as string;
  const old = new Date(Date.now() - 2000 * DAY);
  records = await appendConsent(t.db, tenantId, [
    { subjectId: "dev_rules_a", receivedAt: old },
    { subjectId: "dev_rules_b", receivedAt: old },
    { subjectId: "dev_rules_c", receivedAt: old },
    { subjectId: "dev_rules_held", receivedAt: old },
    { subjectId: "dev_rules_new", receivedAt: new Date() },
  ]);
  const [purge] = await t.db
    .insert(consentRetentionPurges)
    .values({ tenantId, trigger: "manual", requestedByLabel: "test", retentionDays: 30, cutoff: new Date(), status: "running" })
    .returning();
  purgeId = purge?.id as string;
  await t.db.insert(consentLegalHolds).values({
    tenantId,
    scope: "subject",
    subjectDigest: await digestOf(t.db, tenantId, "dev_rules_held"),
    subjectHint: "de…ld",
    reason: "Litigation",
    placedByLabel: "test",
  });
});
afterAll(() => t.close());

const seqOf = (subject: string) => (records.find((record) => record.subjectId === subject) as AppendedRecord).seq;

/** Runs the statements as the app role with operator scope, in one transaction. */
function asApp(work: (tx: Database) => Promise<unknown>) {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`set local role console_app`);
    await tx.execute(sql`select set_config('app.all_tenants', 'on', true)`);
    await work(tx as unknown as Database);
  });
}

/** As the owner (a superuser on PGlite and in the test cluster), in one transaction. */
function asOwner(work: (tx: Database) => Promise<unknown>) {
  return t.db.transaction(async (tx) => {
    await work(tx as unknown as Database);
  });
}

const eraseSql = (seq: number) =>
  sql`update consent_personal_data d set ip = null, user_agent = null, salt = null, erased_at = now()
    from consent_records r where r.tenant_id = ${tenantId} and r.seq = ${seq} and d.tenant_id = r.tenant_id
      and d.digest = r.personal_data_digest and d.erased_at is null`;
const tombstoneSql = (seq: number, hash = sql`hash`) =>
  sql`insert into consent_purged_records (tenant_id, seq, id, received_at, prev_hash, hash, purge_id)
    select tenant_id, seq, id, received_at, prev_hash, ${hash}, ${purgeId} from consent_records where tenant_id = ${tenantId} and seq = ${seq}`;
const deleteSql = (seq: number) => sql`delete from consent_records where tenant_id = ${tenantId} and seq = ${seq}`;

async function recordExists(seq: number): Promise<boolean> {
  const rows = await t.db
    .select({ seq: consentRecords.seq })
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.seq, seq)));
  return rows.length === 1;
}

describe("removing a consent record", () => {
  for (const [who, run] of [
    ["the app role", asApp],
    ["the owner", asOwner],
  ] as const) {
    it(`is refused to ${who} without a tombstone, with a tombstone that differs, before erasure, within the period or under a hold`, async () => {
      const seq = seqOf("dev_rules_a");
      expect(await refusalOf(run((tx) => tx.execute(deleteSql(seq))))).toMatch(/only a retention purge removes a record/);
      expect(await refusalOf(run((tx) => tx.execute(tombstoneSql(seq, sql`${"f".repeat(64)}`))))).toMatch(
        /tombstone copies the chain fields/,
      );
      expect(
        await refusalOf(
          run(async (tx) => {
            await tx.execute(tombstoneSql(seq));
            await tx.execute(deleteSql(seq));
          }),
        ),
      ).toMatch(/after its personal data was erased/);
      const recent = seqOf("dev_rules_new");
      expect(
        await refusalOf(
          run(async (tx) => {
            await tx.execute(eraseSql(recent));
            await tx.execute(tombstoneSql(recent));
            await tx.execute(deleteSql(recent));
          }),
        ),
      ).toMatch(/only after its retention period/);
      const held = seqOf("dev_rules_held");
      expect(
        await refusalOf(
          run(async (tx) => {
            await tx.execute(eraseSql(held));
            await tx.execute(tombstoneSql(held));
            await tx.execute(deleteSql(held));
          }),
        ),
      ).toMatch(/under a legal hold is never removed/);
      for (const target of [seq, recent, held]) expect(await recordExists(target)).toBe(true);
      expect(await t.db.select().from(consentPurgedRecords)).toEqual([]);
    });
  }

  it("refuses any UPDATE of a record: no grant to the app role, the rule to the owner", async () => {
    const seq = seqOf("dev_rules_a");
    const update = sql`update consent_records set action = 'reject_all' where tenant_id = ${tenantId} and seq = ${seq}`;
    expect(await refusalOf(asApp((tx) => tx.execute(update)))).toMatch(/permission denied/);
    expect(await refusalOf(asOwner((tx) => tx.execute(update)))).toMatch(/never changed or removed \(UPDATE refused\)/);
  });

  it("lets the app role remove a record in the purge's shape, and the tombstone never changes after", async () => {
    const seq = seqOf("dev_rules_b");
    await asApp(async (tx) => {
      await tx.execute(eraseSql(seq));
      await tx.execute(tombstoneSql(seq));
      await tx.execute(deleteSql(seq));
    });
    expect(await recordExists(seq)).toBe(false);
    const [tombstone] = await t.db.select().from(consentPurgedRecords).where(eq(consentPurgedRecords.seq, seq));
    expect(tombstone).toMatchObject({ tenantId, seq, purgeId });
    const change = sql`update consent_purged_records set hash = ${"0".repeat(64)} where seq = ${seq}`;
    const remove = sql`delete from consent_purged_records where seq = ${seq}`;
    expect(await refusalOf(asApp((tx) => tx.execute(change)))).toMatch(/permission denied/);
    expect(await refusalOf(asApp((tx) => tx.execute(remove)))).toMatch(/permission denied/);
    expect(await refusalOf(asOwner((tx) => tx.execute(change)))).toMatch(/never changed or removed/);
    expect(await refusalOf(asOwner((tx) => tx.execute(remove)))).toMatch(/never changed or removed/);
    expect(await refusalOf(asOwner((tx) => tx.execute(sql`truncate consent_purged_records`)))).toMatch(/never changed or removed/);
  });
});

describe("legal holds, purge runs and the settings", () => {
  it("releases a hold once, with a reason, and changes or removes it never", async () => {
    const [hold] = await t.db.select().from(consentLegalHolds).where(eq(consentLegalHolds.tenantId, tenantId));
    const id = hold?.id as string;
    const where = sql`tenant_id = ${tenantId} and id = ${id}`;
    expect(await refusalOf(asApp((tx) => tx.execute(sql`update consent_legal_holds set reason = 'nothing' where ${where}`)))).toMatch(
      /only ever released/,
    );
    expect(await refusalOf(asApp((tx) => tx.execute(sql`delete from consent_legal_holds where ${where}`)))).toMatch(/permission denied/);
    expect(await refusalOf(asOwner((tx) => tx.execute(sql`delete from consent_legal_holds where ${where}`)))).toMatch(/only ever released/);
    // Released without a reason: the check refuses it.
    expect(
      await refusalOf(
        asApp((tx) => tx.execute(sql`update consent_legal_holds set released_at = now(), released_by_label = 'x' where ${where}`)),
      ),
    ).toMatch(/consent_legal_holds_release/);
    const release = sql`update consent_legal_holds set released_at = now(), released_by_label = 'test', release_reason = 'Settled' where ${where}`;
    await asApp((tx) => tx.execute(release));
    expect(await refusalOf(asApp((tx) => tx.execute(release)))).toMatch(/only ever released/);
  });

  it("keeps purge runs (final once finished) and the settings row", async () => {
    const where = sql`tenant_id = ${tenantId} and id = ${purgeId}`;
    expect(await refusalOf(asApp((tx) => tx.execute(sql`delete from consent_retention_purges where ${where}`)))).toMatch(
      /permission denied/,
    );
    expect(await refusalOf(asOwner((tx) => tx.execute(sql`delete from consent_retention_purges where ${where}`)))).toMatch(
      /only records its progress/,
    );
    expect(await refusalOf(asApp((tx) => tx.execute(sql`update consent_retention_purges set cutoff = now() where ${where}`)))).toMatch(
      /only records its progress/,
    );
    await asApp((tx) => tx.execute(sql`update consent_retention_purges set status = 'completed', finished_at = now() where ${where}`));
    expect(await refusalOf(asApp((tx) => tx.execute(sql`update consent_retention_purges set purged_records = 7 where ${where}`)))).toMatch(
      /only records its progress/,
    );
    expect(await refusalOf(asOwner((tx) => tx.execute(sql`delete from consent_retention_settings`)))).toMatch(/never changed or removed/);
    const [settings] = await queryRows<{ n: string | number }>(t.db, sql`select count(*) as n from consent_retention_settings`);
    expect(Number(settings?.n)).toBe(1);
  });
});
