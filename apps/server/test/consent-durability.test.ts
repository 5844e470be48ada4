/**
 * An event is acknowledged only after it is committed: the server process is killed (SIGKILL)
 * in the middle of an ingestion load, started again on the same database, and every event it
 * acknowledged is there, in a chain that verifies. Runs on the suite's database kind: PGlite in a
 * data directory of its own, or a fresh copy of the real PostgreSQL template.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { consentRecords, type DbHandle, openDatabase, parseSigningKey, signingKeyFrom, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/processes.js";
import { verifyTenantLedger } from "../src/ledger/ledger-verify.js";
import { consentEvent } from "./ledger-fixtures.js";

const serverDir = resolve(import.meta.dirname, "..");
const SIGNING_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

interface Running {
  child: ChildProcess;
  url: string;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      DEMO_CONSENT_EVENTS: "0",
      LEDGER_SIGNING_KEY: SIGNING_SEED,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not start: ${stderr}`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once("exit", () => done()));
}

let t: TestDatabase | null = null;
let dataDir: string | null = null;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  if (t.url) {
    env = { DATABASE_URL: t.url };
  } else {
    // PGlite: the server opens a data directory of its own (seeded on its first start).
    await t.close();
    t = null;
    dataDir = mkdtempSync(join(tmpdir(), "pc-durability-"));
    env = { DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("durability", () => {
  it("keeps every acknowledged event when the server is killed during a load", async () => {
    const first = await startServer(env);
    const acknowledged = new Set<string>();
    let refused = 0;
    let stop = false;
    async function client(index: number) {
      while (!stop) {
        const batch = index % 2 === 0;
        const body = batch ? { events: Array.from({ length: 10 }, () => consentEvent()) } : consentEvent();
        try {
          const response = await fetch(`${first.url}/api/public/consent${batch ? "/batch" : ""}`, {
            method: "POST",
            headers: { authorization: "Bearer pk_demo_northwave", "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          if (response.status !== 201) {
            refused += 1;
            continue;
          }
          const answer = (await response.json()) as { recordId?: string; records?: { recordId: string }[] };
          for (const record of answer.records ?? [answer as { recordId: string }]) acknowledged.add(record.recordId);
        } catch {
          // The connection died with the server: not acknowledged.
        }
      }
    }
    const clients = Array.from({ length: 8 }, (_, index) => client(index));
    // Kill once a good number of events are acknowledged, with requests surely in flight.
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < 300 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    first.child.kill("SIGKILL");
    await exited(first.child);
    stop = true;
    await Promise.all(clients);
    expect(refused).toBe(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);

    // Started again on the same database, it answers; then every acknowledged event is there.
    const second = await startServer(env);
    const again = await fetch(`${second.url}/api/public/consent`, {
      method: "POST",
      headers: { authorization: "Bearer pk_demo_northwave", "content-type": "application/json" },
      body: JSON.stringify(consentEvent()),
    });
    expect(again.status).toBe(201);
    let handle: DbHandle | null = null;
    try {
      if (dataDir) {
        // PGlite allows one process: stop the server before reading its directory.
        second.child.kill("SIGTERM");
        await exited(second.child);
        handle = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
      }
      const db = handle?.db ?? (t as TestDatabase).db;
      const [northwave] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "northwave"));
      const ids = [...acknowledged];
      const found = new Set<string>();
      for (let start = 0; start < ids.length; start += 1000) {
        const rows = await db
          .select({ id: consentRecords.id })
          .from(consentRecords)
          .where(inArray(consentRecords.id, ids.slice(start, start + 1000)));
        for (const row of rows) found.add(row.id);
      }
      expect(ids.filter((id) => !found.has(id))).toEqual([]);
      const signer = signingKeyFrom(parseSigningKey(SIGNING_SEED));
      const report = await verifyTenantLedger(db, northwave?.id as string, new Map([[signer.keyId, signer.publicKey]]));
      expect(report.problem).toBeNull();
      expect(report.records).toBeGreaterThanOrEqual(acknowledged.size + 1);
    } finally {
      if (second.child.exitCode === null && second.child.signalCode === null) {
        second.child.kill("SIGTERM");
        await exited(second.child);
      }
      await handle?.close();
    }
  }, 180_000);
});
