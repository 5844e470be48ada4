/**
 * `npm run ledger:verify` as an operator runs it: OK and exit 0 for intact chains, the first broken
 * sequence number and why with exit 1 once a record is edited, one tenant with --tenant, and a
 * clear refusal (exit 2) for an unknown tenant. On the suite's database kind: a PGlite data
 * directory of its own, or a fresh copy of the PostgreSQL template.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type DbHandle, openDatabase, parseSigningKey, seedDemoData, signingKeyFrom, tenants } from "@pc/db";
import { createTestDatabase } from "@pc/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { appendTestRecords } from "./ledger-fixtures.js";

const run = promisify(execFile);
const serverDir = resolve(import.meta.dirname, "..");
const SEED = "b1c2d3e4f5a60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00";
const signer = signingKeyFrom(parseSigningKey(SEED));

let handle: DbHandle;
let env: Record<string, string>;
let dataDir: string | null = null;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  if (t.url) {
    handle = t;
    env = { DATABASE_URL: t.url };
    closeDb = () => t.close();
  } else {
    await t.close();
    dataDir = mkdtempSync(join(tmpdir(), "pc-verify-cli-"));
    handle = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await handle.migrate();
    await seedDemoData(handle.db);
    env = { DATA_DIR: dataDir };
    closeDb = () => handle.close();
  }
  for (const slug of ["northwave", "beatlab"]) {
    const [tenant] = await handle.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
    await appendTestRecords(handle.db, tenant?.id as string, 12);
  }
  await signDueCheckpoints(handle.db, signer);
}, 120_000);
afterAll(async () => {
  await closeDb();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the command with the database closed (PGlite allows one process at a time). */
async function verifyCli(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  if (dataDir) await handle.close();
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/ledger-verify.ts", ...args], {
      cwd: serverDir,
      env: { ...process.env, ...env, LEDGER_SIGNING_KEY: SEED },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  } finally {
    if (dataDir) handle = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
  }
}

describe("npm run ledger:verify", () => {
  it("prints OK for every tenant and exits 0 when every chain verifies", async () => {
    const result = await verifyCli();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/northwave\s+OK\s+12 records, head seq 12, 1 checkpoints \(last at seq 12/);
    expect(result.stdout).toMatch(/fjordsound\s+OK\s+no records yet/);
    expect(result.stdout).toContain("OK: every chain verifies.");
  }, 60_000);

  it("prints the first broken sequence number and why, and exits 1, after a record is edited", async () => {
    await handle.db.execute(sql`alter table consent_records disable trigger user`);
    await handle.db.execute(
      sql`update consent_records set action = 'reject_all' where seq = 5 and tenant_id = (select id from tenants where slug = 'beatlab')`,
    );
    await handle.db.execute(sql`alter table consent_records enable trigger user`);
    const all = await verifyCli();
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/beatlab\s+BROKEN\s+at seq 5: edited \(the record was changed after it was written\)/);
    expect(all.stdout).toMatch(/northwave\s+OK/);
    expect(all.stdout).toContain("FAILED: 1 of 3 chains do not verify.");

    const one = await verifyCli(["--tenant", "northwave"]);
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain("beatlab");
  }, 60_000);

  it("refuses an unknown tenant with exit 2", async () => {
    const result = await verifyCli(["--tenant", "nobody"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No tenant named nobody");
  }, 60_000);
});
