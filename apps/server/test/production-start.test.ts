/**
 * `NODE_ENV=production` start-up, as a process: with settings missing or malformed the server prints
 * one line per setting and exits 1 before it touches anything (no database, no DATA_DIR). What
 * happens next, against a real database, is in apps/server/ops/production-start.ops.test.ts.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../../..");
const MAIN = resolve(repoRoot, "apps/server/src/main.ts");
const SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const base = mkdtempSync(join(tmpdir(), "helperA-prod-start-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let runs = 0;

/** Runs main.ts with exactly these settings (nothing inherited but PATH); answers its exit and output. */
function start(settings: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string; dataDir: string }> {
  const dataDir = join(base, `data-${++runs}`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", PORT: "4510", DATA_DIR: dataDir, ...settings },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`main.ts did not exit within 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout, dataDir });
    });
  });
}

const linesOf = (text: string) => text.split("\n").filter((line) => line.length > 0);

describe("production start-up with settings missing or malformed", () => {
  it("prints one line per missing setting and exits 1 before touching anything", async () => {
    const run = await start({ NODE_ENV: "production" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = linesOf(run.stderr);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^STRIPE_SECRET_KEY is required in production .* or STRIPE_MODE=simulator/);
    expect(lines[1]).toMatch(/^DATABASE_URL is required in production: the app's login role/);
    expect(lines[2]).toMatch(/^SESSION_SECRET is required in production: .*openssl rand -base64 48/);
    expect(lines[3]).toMatch(/^LEDGER_SIGNING_KEY is required in production \(no key is generated there\)/);
    expect(lines[4]).toBe("PUBLIC_URL is required in production: the console's https address, e.g. https://console.example.com");
    // Nothing was generated: no session secret, no ledger key, no embedded database.
    expect(existsSync(run.dataDir)).toBe(false);
  });

  it("names each malformed setting, with the missing ones", async () => {
    const run = await start({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://console@db/console",
      SESSION_SECRET: "short",
      LEDGER_SIGNING_KEY: "0123",
      PUBLIC_URL: "http://console.example.com",
      STRIPE_MODE: "simulator",
    });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      "Invalid setting DATABASE_URL: DATABASE_URL must start with postgres:// or postgresql://",
      "Invalid setting SESSION_SECRET: SESSION_SECRET must be at least 32 characters (make one with: openssl rand -base64 48)",
      "Invalid setting LEDGER_SIGNING_KEY: LEDGER_SIGNING_KEY must be an Ed25519 private key: a PKCS#8 PEM, or its 32-byte seed in base64 or hex",
      "Invalid setting PUBLIC_URL: in production it must be an https:// address, e.g. https://console.example.com",
    ]);
    expect(existsSync(run.dataDir)).toBe(false);
  });

  it("refuses STRIPE_MODE=simulator with Stripe keys, and STRIPE_MODE=stripe without them", async () => {
    const settings = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://console_login@127.0.0.1:1/console",
      SESSION_SECRET: "s".repeat(48),
      LEDGER_SIGNING_KEY: SEED,
      PUBLIC_URL: "https://console.example.com",
    };
    const conflict = await start({ ...settings, STRIPE_MODE: "simulator", STRIPE_SECRET_KEY: "sk_live_abc123" });
    expect(conflict.code).toBe(1);
    expect(linesOf(conflict.stderr)).toEqual([
      "Invalid setting STRIPE_MODE: STRIPE_MODE=simulator conflicts with STRIPE_SECRET_KEY: unset it to run the simulator, or set STRIPE_MODE=stripe to use Stripe",
    ]);

    const keyless = await start({ ...settings, STRIPE_MODE: "stripe" });
    expect(keyless.code).toBe(1);
    expect(linesOf(keyless.stderr)).toEqual([
      "STRIPE_SECRET_KEY is required with STRIPE_MODE=stripe: Stripe's secret key (sk_live_…), with STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET",
    ]);
    expect(existsSync(keyless.dataDir)).toBe(false);
  });

  it("with every setting right, goes on to the database (and says so when it cannot reach it)", async () => {
    // Port 1: nothing listens there, so the start stops at the database with one line.
    const run = await start({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://console_login@127.0.0.1:1/console",
      SESSION_SECRET: "s".repeat(48),
      LEDGER_SIGNING_KEY: SEED,
      PUBLIC_URL: "https://console.example.com",
      STRIPE_MODE: "simulator",
    });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^Could not prepare the database: .*ECONNREFUSED/)]);
    expect(existsSync(join(run.dataDir, "session-secret"))).toBe(false);
    expect(existsSync(join(run.dataDir, "ledger-signing-key.pem"))).toBe(false);
  });
});
