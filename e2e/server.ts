/**
 * Starts the real console server for an end-to-end run, the way a person would after `npm run build`:
 * `node apps/server/dist/main.js` from the repository root, on a free port of its own,
 * with a fresh data directory (so it migrates and loads the demo data into its own PGlite).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..");

/** A first start migrates and seeds (consent events and demo sales); test files start servers side by side on 2 cores. */
const STARTUP_LIMIT_MS = 150_000;
const STOP_GRACE_MS = 10_000;
const KEEP_OUTPUT_CHARS = 20_000;

/** Settings a developer's shell may carry that would change what the server does; the run sets its own. */
const CLEARED_ENV = [
  "NODE_ENV",
  "HOST",
  "PORT",
  "DATA_DIR",
  "DATABASE_URL",
  "DATABASE_MIGRATION_URL",
  "PUBLIC_URL",
  "TRUST_PROXY",
  "LOG_LEVEL",
  "WEB_DIST_DIR",
  "DEMO_CONSENT_EVENTS",
  "DEMO_PAYMENT_DAYS",
  "LEDGER_SIGNING_KEY",
  "LEDGER_TRUSTED_PUBLIC_KEYS",
  "LEDGER_CHECKPOINT_SECONDS",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_CONNECT_WEBHOOK_SECRET",
  "STRIPE_SIMULATOR_PORT",
];

/** Enough consent events for the pages to show data; the full demo's 200,000 would cost every test file ~40 s. */
const E2E_CONSENT_EVENTS = "2000";
const E2E_PAYMENT_DAYS = "90";

export interface RunningServer {
  /** The address a person would open, as the server prints it. */
  url: string;
  port: number;
  dataDir: string;
  /** What the server wrote to stdout and stderr so far (the last part of it). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("could not find a free port"));
        return;
      }
      probe.close(() => resolvePort(address.port));
    });
  });
}

function childEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED_ENV) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  env.PORT = String(port);
  env.DATA_DIR = dataDir;
  env.LOG_LEVEL = "warn";
  env.DEMO_CONSENT_EVENTS = E2E_CONSENT_EVENTS;
  // Three months of demo sales still hold the failed payout, the past-due requirement and the hold the tests read.
  env.DEMO_PAYMENT_DAYS = E2E_PAYMENT_DAYS;
  // Each run's Stripe simulator on a port of its own (test files run side by side).
  env.STRIPE_SIMULATOR_PORT = "0";
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolveExit(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolveExit(true);
    };
    child.once("exit", onExit);
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function startServer(): Promise<RunningServer> {
  const indexHtml = join(repoRoot, "apps/web/dist/index.html");
  if (!existsSync(indexHtml)) {
    throw new Error(`${indexHtml} is missing: run npm run build first (the server serves the built web app).`);
  }
  const serverBundle = join(repoRoot, "apps/server/dist/main.js");
  if (!existsSync(serverBundle)) {
    throw new Error(`${serverBundle} is missing: run npm run build first (the tests run the server as production does).`);
  }

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "pc-e2e-"));
  let output = "";
  let stderr = "";
  const keep = (text: string, chunk: Buffer) => (text + chunk.toString("utf8")).slice(-KEEP_OUTPUT_CHARS);

  const child = spawn(process.execPath, [serverBundle], {
    cwd: repoRoot,
    env: childEnv(port, dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output = keep(output, chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = keep(output, chunk);
    stderr = keep(stderr, chunk);
  });
  // If the test run itself dies, do not leave the server behind.
  const killOnExit = () => {
    if (!exited(child)) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (!exited(child)) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const health = `http://127.0.0.1:${port}/healthz`;
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let lastProblem = "no answer yet";
  try {
    for (;;) {
      if (exited(child)) {
        throw new Error(
          `The server exited (code ${child.exitCode ?? child.signalCode}) before answering ${health}.\nstderr:\n${stderr || "(empty)"}\noutput:\n${output}`,
        );
      }
      try {
        const response = await fetch(health, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) break;
        lastProblem = `status ${response.status}`;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The server did not answer ${health} with 200 within ${STARTUP_LIMIT_MS / 1000} s (${lastProblem}).\noutput:\n${output}`,
        );
      }
      await sleep(250);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `http://localhost:${port}`, port, dataDir, output: () => output, stop };
}
