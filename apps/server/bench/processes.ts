/**
 * The benchmark's child processes: the bare baseline server and the console itself (as production
 * runs it, `node apps/server/dist/main.js`, built here first; or from its sources through tsx), the
 * child's pid being the server's, started on a free port and stopped by that pid only; and their
 * memory, read from /proc while they run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const repoRoot = resolve(import.meta.dirname, "../../..");
const MAIN = resolve(repoRoot, "apps/server/src/main.ts");
const BARE = resolve(import.meta.dirname, "bare-server.ts");

/** How the console runs: the production bundle, or its TypeScript sources through tsx. */
export type ServerBuild = "bundle" | "tsx";

let built: Promise<string> | undefined;
/** Builds apps/server/dist/main.js once per process (about a second), from the sources as they are now. */
export function buildServerOnce(): Promise<string> {
  built ??= import("../scripts/build-server.js").then(({ buildServer }) => buildServer());
  return built;
}

/** node's arguments that run the console (the bundle is built first). */
export async function serverCommand(build: ServerBuild): Promise<string[]> {
  if (build === "tsx") return ["--import", "tsx", MAIN];
  await buildServerOnce();
  const { SERVER_BUNDLE } = await import("../scripts/build-server.js");
  return [SERVER_BUNDLE];
}

/** A port nobody listens on now (never 3000: the console's default, often in use). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((done, fail) => {
      const probe = createServer();
      probe.once("error", fail);
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        const found = typeof address === "object" && address ? address.port : 0;
        probe.close(() => done(found));
      });
    });
    if (port !== 3000 && port !== 0) return port;
  }
}

/** A port in [first, last] nobody listens on now (e.g. the range a machine's benchmarks are given). */
export async function freePortIn(first: number, last: number): Promise<number> {
  for (let port = first; port <= last; port++) {
    if (port === 3000) continue;
    const free = await new Promise<boolean>((done) => {
      const probe = createServer();
      probe.once("error", () => done(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${first} to ${last}`);
}

export interface Child {
  process: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** The last lines the child wrote to stderr (for error messages). */
  stderr(): string;
}

function track(child: ChildProcess, port: number): Child {
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-4000);
  });
  if (child.pid === undefined) throw new Error("The child process did not start");
  return { process: child, pid: child.pid, port, url: `http://127.0.0.1:${port}`, stderr: () => err };
}

async function waitFor(child: Child, ready: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${child.stderr()}`);
    }
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  await stopChild(child);
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${child.stderr()}`);
}

export async function startBareServer(): Promise<Child> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ["--import", "tsx", BARE, String(port)], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] }),
    port,
  );
  let ready = false;
  child.process.stdout?.on("data", (chunk: Buffer) => {
    if (chunk.toString("utf8").includes("ready")) ready = true;
  });
  await waitFor(child, async () => ready, "The bare node:http server", 30_000);
  return child;
}

export interface ConsoleServerOptions {
  /** PostgreSQL URL, or undefined for PGlite under `dataDir`/pglite. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Directory for a V8 CPU profile (`node --cpu-prof`), or undefined for none. */
  cpuProfileDir?: string;
  /** More node options for the server (e.g. --max-old-space-size=128), before the script. */
  nodeArgs?: readonly string[];
  /** The production bundle (default) or the sources through tsx. */
  build?: ServerBuild;
  /** The port to listen on (default: any free one). */
  port?: number;
  /** More environment for the server (e.g. DEMO_PAYMENT_DAYS=0, STRIPE_SIMULATOR_PORT=0). */
  env?: Readonly<Record<string, string>>;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<Child> {
  const { databaseUrl, dataDir, cpuProfileDir, nodeArgs = [], build = "bundle" } = options;
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATION_URL;
  delete env.PUBLIC_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = track(
    spawn(process.execPath, [...profile, ...nodeArgs, ...(await serverCommand(build))], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    }),
    port,
  );
  await waitFor(
    child,
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok,
    "The console server",
    120_000,
  );
  return child;
}

/** SIGTERM to this child's pid (the console drains its ledger queue and exits); SIGKILL after 20 s. */
export async function stopChild(child: Child): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((done) => proc.once("exit", () => done()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A field of /proc/<pid>/status in kB (VmRSS: now, VmHWM: the peak since start), or null once gone. */
export function procStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples a process's resident memory while a phase runs; `stop()` answers the peak in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number } {
  let peakKb = procStatusKb(pid, "VmRSS") ?? 0;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, procStatusKb(pid, "VmRSS") ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peakKb = Math.max(peakKb, procStatusKb(pid, "VmRSS") ?? 0);
      return peakKb / 1024;
    },
  };
}
