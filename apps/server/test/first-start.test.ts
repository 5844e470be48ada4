/**
 * The first start outside production, as a process (`npm start` runs the same after its build): on
 * a new data directory it loads the demo data, then prints the URL and the demo accounts. The demo
 * sales' simulated webhooks are not logged as requests (there are thousands of them).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, repoRoot } from "../bench/processes.js";

const MAIN = resolve(repoRoot, "apps/server/src/main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "pc-first-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts main.ts on a new data directory and answers what it printed up to its banner. */
async function firstStart(): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      STRIPE_SIMULATOR_PORT: "0",
      DEMO_CONSENT_EVENTS: "200",
      DEMO_PAYMENT_DAYS: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  try {
    return await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no banner within 90 s:\n${stdout}\n${stderr}`)), 90_000);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (stdout.includes("Demo accounts")) {
          clearTimeout(timer);
          done(stdout);
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`main.ts exited (${code}) before its banner:\n${stdout}\n${stderr}`));
      });
    });
  } finally {
    child.kill("SIGKILL");
  }
}

describe("the first start with demo data", () => {
  it("loads the demo sales without logging their webhooks, then prints the banner", async () => {
    const output = await firstStart();
    expect(output).toMatch(/Loaded 200 demo consent events in/);
    expect(output).toMatch(/Loaded \d+ demo sales \(\d+ refunded\) in/);
    expect(output).toMatch(/Partner Console is running at http:\/\/localhost:\d+/);
    expect(output).toContain("compliance@masterchannel.test");
    expect(output).not.toContain("/api/stripe/webhook");
    expect(output).not.toContain("/api/stripe/connect-webhook");
  }, 120_000);
});
