/**
 * Migration 0021's backfill: records written before the statistics existed (a database migrated up
 * to 0019) are counted once the remaining migrations run, exactly as a recomputation from the
 * ledger says, and appending afterwards keeps counting from there.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbHandle, migrationsFolder, openDatabase } from "./client.js";
import { appendToLedger } from "./consent-ledger.js";
import { randomLedgerEntries } from "./consent-stats.fixtures.js";
import { readConsentStats, recomputeConsentStats } from "./consent-stats-rebuild.js";
import { SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { consentLedgerHeads, consentRecords, tenants } from "./schema/index.js";
import { mulberry32 } from "./seed-consent-traffic.js";
import { databaseUrl } from "./testing/index.js";

const BEFORE_STATS = "0019_subject_requests_rules";

let handle: DbHandle;
let olderFolder: string;
let dropDatabase = async () => {};

/** A copy of the migrations whose journal ends before the statistics. */
function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "pc-migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  olderFolder = migrationsUpTo(BEFORE_STATS);
  const config = inject("testDb");
  if (config.kind === "pglite") {
    handle = await openDatabase({ kind: "pglite" });
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: olderFolder });
  } else {
    const name = `pc_backfill_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: config.adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    handle = await openDatabase({ kind: "postgres", url: databaseUrl(config.adminUrl, name), maxConnections: 2 });
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder: olderFolder });
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: config.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  }
});

afterAll(async () => {
  await handle?.close();
  await dropDatabase();
  rmSync(olderFolder, { recursive: true, force: true });
});

describe("the consent statistics backfill", () => {
  it("counts the records a ledger held before the statistics existed, then keeps counting", async () => {
    const tenantIds = ["b1000000-0000-4000-8000-000000000001", "b1000000-0000-4000-8000-000000000002"];
    const entries = randomLedgerEntries(mulberry32(7), tenantIds, 400);
    await withRlsContext(handle.db, SYSTEM_CONTEXT, async (tx) => {
      await tx.insert(tenants).values(tenantIds.map((id, index) => ({ id, slug: `backfill-${index}`, name: `Backfill ${index}` })));
      // The old schema's appends: records numbered per tenant (the chain itself does not matter here).
      const seqs = new Map<string, number>();
      const rows = entries.map(({ record }) => {
        const seq = (seqs.get(record.tenantId) ?? 0) + 1;
        seqs.set(record.tenantId, seq);
        const { policy, recordId, ...rest } = record;
        return {
          ...rest,
          id: recordId,
          seq,
          receivedAt: new Date(record.receivedAt),
          occurredAt: new Date(record.occurredAt),
          policyKind: policy.kind,
          policyVersion: policy.version,
          prevHash: "0".repeat(64),
          hash: "1".repeat(64),
        };
      });
      await tx.insert(consentRecords).values(rows);
      await tx.insert(consentLedgerHeads).values([...seqs].map(([tenantId, seq]) => ({ tenantId, seq, hash: "1".repeat(64) })));
    });

    await handle.migrate();
    const backfilled = await readConsentStats(handle.db);
    expect(backfilled.actions.reduce((sum, row) => sum + Number(row.n), 0)).toBe(entries.length);
    expect(backfilled.subjects.length).toBeGreaterThan(40);
    expect(backfilled).toEqual(await recomputeConsentStats(handle.db));

    await withRlsContext(handle.db, SYSTEM_CONTEXT, (tx) => appendToLedger(tx, randomLedgerEntries(mulberry32(8), tenantIds, 150)));
    const after = await readConsentStats(handle.db);
    expect(after.actions.reduce((sum, row) => sum + Number(row.n), 0)).toBe(entries.length + 150);
    expect(after).toEqual(await recomputeConsentStats(handle.db));
  });
});
