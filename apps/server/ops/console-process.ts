/**
 * Console server processes for the ops tests, started with the benchmark's launcher
 * (bench/processes.ts: `node --import tsx apps/server/src/main.ts`, so the child's pid is the
 * server's) in development mode against a PostgreSQL database: no demo consent events or payments
 * unless asked, the Stripe simulator on any free port, warnings only, a data directory of its own
 * under the temp dir. Every process of one test file shares one ledger signing key and session
 * secret (as every process of one deployment must). Also runs `npm run ledger:verify`.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Child, repoRoot, startConsoleServer } from "../bench/processes.js";

export type { Child };

/** What every process of a deployment shares: checkpoints of one must verify with the others' key. */
export const SHARED_SETTINGS = {
  LEDGER_SIGNING_KEY: randomBytes(32).toString("hex"),
  SESSION_SECRET: randomBytes(32).toString("base64"),
} as const;

const running = new Set<Child>();
const dataDirs: string[] = [];

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-ops-"));
  dataDirs.push(dir);
  return dir;
}

/** Starts a console on `databaseUrl` and waits until /healthz answers (the first start migrates and seeds). */
export async function startConsole(databaseUrl: string, env: Readonly<Record<string, string>> = {}): Promise<Child> {
  const child = await startConsoleServer({
    databaseUrl,
    dataDir: newDataDir(),
    env: {
      DEMO_CONSENT_EVENTS: "0",
      DEMO_PAYMENT_DAYS: "0",
      STRIPE_SIMULATOR_PORT: "0",
      LOG_LEVEL: "warn",
      ...SHARED_SETTINGS,
      ...env,
    },
  });
  running.add(child);
  child.process.once("exit", () => running.delete(child));
  return child;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
}

/** Sends `signal` to the server's pid and waits for it to exit (SIGKILL after `killAfterMs`, reported as such). */
export async function signalConsole(child: Child, signal: NodeJS.Signals, killAfterMs = 30_000): Promise<Exit> {
  const proc = child.process;
  const started = performance.now();
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return { code: proc.exitCode, signal: proc.signalCode, ms: 0 };
  }
  const exited = new Promise<Exit>((done) =>
    proc.once("exit", (code, exitSignal) => done({ code, signal: exitSignal, ms: performance.now() - started })),
  );
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill("SIGKILL"), killAfterMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops every console this file started and still running (SIGTERM), and removes their data directories. */
export async function stopAllConsoles(): Promise<void> {
  await Promise.all([...running].map((child) => signalConsole(child, "SIGTERM", 20_000)));
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run ledger:verify [-- --tenant <slug>]` against `databaseUrl`, with the deployment's signing key. */
export function runLedgerVerify(databaseUrl: string, tenant?: string): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    DATA_DIR: newDataDir(),
    ...SHARED_SETTINGS,
  };
  delete env.DATABASE_MIGRATION_URL;
  const args = ["run", "--silent", "ledger:verify", ...(tenant ? ["--", "--tenant", tenant] : [])];
  return new Promise((done) => {
    execFile("npm", args, { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
