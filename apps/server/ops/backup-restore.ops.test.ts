/**
 * docs/operations.md "Backup and restore", carried out: a populated database (demo data, consent
 * events with checkpoints, events ingested by a running server) is dumped with pg_dump as a backup
 * role (BYPASSRLS + pg_read_all_data, as documented), restored with pg_restore into a fresh
 * database, and a console started on the copy serves the tenants, continues the chain at the next
 * seq, and `npm run ledger:verify` passes on it.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { demoPublishableKey } from "@pc/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLedgerVerify, signalConsole, startConsole, stopAllConsoles } from "./console-process.js";
import { acksOf, ConsentEvents, type Outcome, postConsent, tally } from "./ingestion-load.js";
import { chainShape, gapFree, storedAcks, tenantIdOf } from "./ledger-checks.js";
import { asAdmin, createOpsDatabase, type OpsDatabase } from "./ops-database.js";

const run = promisify(execFile);
const TENANT = "northwave";
const KEY = demoPublishableKey(TENANT);

/** Every table's row count, schema-qualified: what a restore must bring back unchanged. */
async function rowCounts(database: OpsDatabase): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname in ('public', 'drizzle') order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.query<{ n: number }>(`select count(*)::int as n from ${name}`);
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

describe("backup and restore with pg_dump and pg_restore", () => {
  let source: OpsDatabase;
  let target: OpsDatabase;
  const backupRole = `pc_ops_backup_${randomBytes(4).toString("hex")}`;
  const workDir = mkdtempSync(join(tmpdir(), "pc-ops-backup-"));

  beforeAll(async () => {
    source = await createOpsDatabase();
    target = await createOpsDatabase();
    // The backup role of the docs (roles are cluster-wide: a name of this run's own, dropped after).
    await asAdmin(`create role ${backupRole} login bypassrls`);
    await asAdmin(`grant pg_read_all_data to ${backupRole}`);
  });
  afterAll(async () => {
    await stopAllConsoles();
    await source?.drop();
    await target?.drop();
    await asAdmin(`drop role if exists ${backupRole}`);
    rmSync(workDir, { recursive: true, force: true });
  });

  it("dumps a populated database, restores it into a fresh one, and the console carries on there", async () => {
    // Populate: demo data with a few hundred consent events (checkpointed by the seed), events
    // ingested through the server, and a checkpoint over the new head (every 5 s here).
    const first = await startConsole(source.url, { DEMO_CONSENT_EVENTS: "300", LEDGER_CHECKPOINT_SECONDS: "5" });
    const tenantId = await tenantIdOf(source, TENANT);
    const events = new ConsentEvents("backup");
    const outcomes: Outcome[] = [];
    for (const size of [0, 0, 0, 50, 0, 0]) outcomes.push(await postConsent(first.url, KEY, events, size));
    expect(tally(outcomes)).toEqual({ "201": outcomes.length });
    const head = await chainShape(source, tenantId);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [checkpoint] = await source.query<{ seq: string | null }>(
        "select max(seq)::text as seq from consent_checkpoints where tenant_id = $1",
        [tenantId],
      );
      if (Number(checkpoint?.seq) === head.headSeq) break;
      if (Date.now() > deadline) throw new Error(`No checkpoint over seq ${head.headSeq} within 30 s`);
      await sleep(250);
    }
    expect(await signalConsole(first, "SIGTERM")).toMatchObject({ code: 0, signal: null });
    const before = await rowCounts(source);
    expect(before["drizzle.__drizzle_migrations"]).toBeGreaterThan(0);

    // The documented commands: pg_dump as the backup role, pg_restore as a superuser.
    const dump = join(workDir, "console.dump");
    const backupUrl = new URL(source.url);
    backupUrl.username = backupRole;
    await run("pg_dump", ["--format=custom", `--file=${dump}`, `--dbname=${backupUrl}`]);
    await run("pg_restore", ["--exit-on-error", "--single-transaction", `--dbname=${target.url}`, dump]);
    expect(await rowCounts(target)).toEqual(before);
    expect(await chainShape(target, tenantId)).toEqual(gapFree(head.records));

    // A console on the copy: ready (every migration found applied), serves the tenants, and
    // appends after the restored head.
    const restored = await startConsole(target.url);
    const ready = await fetch(`${restored.url}/readyz`);
    expect(ready.status).toBe(200);
    const config = await fetch(`${restored.url}/api/public/tenants/${TENANT}/config`);
    expect(config.status).toBe(200);
    expect(((await config.json()) as { tenant: { slug: string } }).tenant.slug).toBe(TENANT);
    const next = await postConsent(restored.url, KEY, events, 0);
    expect(next.status).toBe(201);
    expect(acksOf([next]).map((ack) => ack.seq)).toEqual([head.records + 1]);
    expect(await storedAcks(target, tenantId, acksOf([next]))).toBe(1);

    const verify = await runLedgerVerify(target.url);
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toContain("OK: every chain verifies.");
    expect(verify.stdout).toMatch(new RegExp(`${TENANT}\\s+OK\\s+[\\d,]+ records, head seq ${head.records + 1}, \\d+ checkpoints`));
    expect(verify.code).toBe(0);
    expect(await signalConsole(restored, "SIGTERM")).toMatchObject({ code: 0, signal: null });
  });
});
