/**
 * `npm run ledger:verify [-- --tenant <slug>]`: recomputes every tenant's consent chain (or one),
 * checks every checkpoint's signature with the trusted keys, and prints OK or the first broken
 * sequence number and why. Exit code 0 when every chain verifies, 1 when one does not, 2 when it
 * could not run. Reads the same settings as the server (DATABASE_URL or DATA_DIR, the ledger keys).
 */
import { parseArgs } from "node:util";
import { type DbHandle, openDatabase, SYSTEM_CONTEXT, tenants, withRlsContext } from "@pc/db";
import { eq } from "drizzle-orm";
import { loadEnv } from "../env.js";
import { type LedgerVerificationReport, verifyAllLedgers, verifyTenantLedger } from "../ledger/ledger-verify.js";
import { ledgerKeysFrom } from "../ledger/trusted-keys.js";
import { runningServerPid } from "../server-pid.js";

function exit(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const number = new Intl.NumberFormat("en-GB");

export function formatReport(report: LedgerVerificationReport): string {
  const name = report.slug.padEnd(16);
  const time = `${(report.ms / 1000).toFixed(1)} s`;
  if (report.problem) {
    const { seq, reason, description } = report.problem;
    return `  ${name} BROKEN  at seq ${seq}: ${reason} (${description})`;
  }
  if (!report.head) return `  ${name} OK      no records yet`;
  const checkpoint = report.lastCheckpoint
    ? `, ${number.format(report.checkpoints)} checkpoints (last at seq ${report.lastCheckpoint.seq}, ${report.lastCheckpoint.signedAt.toISOString()})`
    : ", no checkpoint yet";
  const removed = report.linkOnly > 0 ? ` (${number.format(report.linkOnly)} removed by retention, verified by their links)` : "";
  return `  ${name} OK      ${number.format(report.records)} records${removed}, head seq ${report.head.seq}${checkpoint}  ${time}`;
}

async function main() {
  const { values } = parseArgs({ options: { tenant: { type: "string" } }, allowPositionals: false });
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    exit((error as Error).message, 2);
  }
  if (!env.DATABASE_URL) {
    const pid = runningServerPid(env.dataDir);
    if (pid !== null) {
      exit(
        `The console (pid ${pid}) has the embedded database in ${env.dataDir} open, and PGlite allows one process at a time: stop it first, or use "Verify ledger" in the dashboard.`,
        2,
      );
    }
  }
  const { trusted } = ledgerKeysFrom(env);
  let handle: DbHandle;
  try {
    handle = await openDatabase(
      env.DATABASE_URL
        ? { kind: "postgres", url: env.DATABASE_URL, maxConnections: 2 }
        : { kind: "pglite", dataDir: `${env.dataDir}/pglite` },
    );
  } catch (error) {
    exit(`Could not open the database: ${(error as Error).message}`, 2);
  }
  try {
    const reports = await withRlsContext(handle.db, SYSTEM_CONTEXT, async (tx) => {
      if (!values.tenant) return verifyAllLedgers(tx, trusted);
      const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, values.tenant));
      if (!tenant) exit(`No tenant named ${values.tenant}`, 2);
      return [await verifyTenantLedger(tx, tenant.id, trusted)];
    });
    process.stdout.write(`Consent ledger verification (${handle.kind}${handle.kind === "pglite" ? ` in ${env.dataDir}` : ""})\n`);
    for (const report of reports) process.stdout.write(`${formatReport(report)}\n`);
    const broken = reports.filter((report) => !report.ok).length;
    process.stdout.write(broken === 0 ? "OK: every chain verifies.\n" : `FAILED: ${broken} of ${reports.length} chains do not verify.\n`);
    process.exitCode = broken === 0 ? 0 : 1;
  } finally {
    await handle.close();
  }
}

await main();
