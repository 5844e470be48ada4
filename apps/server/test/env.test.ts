/**
 * loadEnv: outside production nothing is required; in production every missing or malformed
 * setting is reported, one line each, not only the first; STRIPE_MODE's conflicts are named.
 */
import { describe, expect, it } from "vitest";
import { loadEnv, SettingsError } from "../src/env.js";

const SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://console_login:secret@db:5432/console",
  SESSION_SECRET: "a".repeat(32),
  LEDGER_SIGNING_KEY: SEED,
  PUBLIC_URL: "https://console.example.com",
  STRIPE_MODE: "simulator",
};
const STRIPE_KEYS = {
  STRIPE_SECRET_KEY: "sk_live_abc123",
  STRIPE_WEBHOOK_SECRET: "whsec_platform",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_connect",
};

/** The lines loadEnv reports (it must throw a SettingsError). */
function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as Error).message).toBe((error as SettingsError).problems.join("\n"));
    return (error as SettingsError).problems;
  }
  throw new Error("loadEnv accepted the settings");
}

describe("outside production", () => {
  it("needs no setting at all (npm install && npm start)", () => {
    const env = loadEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.stripeMode).toBe("simulator");
    expect(loadEnv({ NODE_ENV: "test" }).stripeMode).toBe("simulator");
  });

  it("still checks a setting that is given", () => {
    expect(problemsOf({ SESSION_SECRET: "short" })).toEqual([
      "Invalid setting SESSION_SECRET: SESSION_SECRET must be at least 32 characters (make one with: openssl rand -base64 48)",
    ]);
    expect(problemsOf({ STRIPE_MODE: "live" })).toEqual(["Invalid setting STRIPE_MODE: STRIPE_MODE must be stripe or simulator"]);
  });
});

describe("in production", () => {
  it("reports every missing setting, one line each", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(5);
    expect(problems).toEqual([
      "STRIPE_SECRET_KEY is required in production (with STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET), or STRIPE_MODE=simulator to run the built-in Stripe simulator instead",
      "DATABASE_URL is required in production: the app's login role (a member of console_app, not the schema owner), e.g. postgres://console_login:…@db:5432/console",
      "SESSION_SECRET is required in production: at least 32 random characters that sign session and invitation tokens (make one with: openssl rand -base64 48)",
      expect.stringMatching(/^LEDGER_SIGNING_KEY is required in production \(no key is generated there\): /),
      "PUBLIC_URL is required in production: the console's https address, e.g. https://console.example.com",
    ]);
  });

  it("starts with every setting given, Stripe or the simulator", () => {
    const simulator = loadEnv(PRODUCTION);
    expect(simulator.stripeMode).toBe("simulator");
    expect(simulator.publicUrl).toBe("https://console.example.com");
    const { STRIPE_MODE: _mode, ...withoutMode } = PRODUCTION;
    expect(loadEnv({ ...withoutMode, ...STRIPE_KEYS }).stripeMode).toBe("stripe");
    expect(loadEnv({ ...PRODUCTION, ...STRIPE_KEYS, STRIPE_MODE: "stripe" }).stripeMode).toBe("stripe");
  });

  it("names every malformed setting, with the missing ones, not only the first", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      DATABASE_URL: "mysql://db/console",
      SESSION_SECRET: "too-short",
      LEDGER_SIGNING_KEY: "not-a-key",
      PUBLIC_URL: "http://console.example.com",
      METRICS_TOKEN: "short",
      PORT: "eighty",
    });
    expect(problems).toEqual([
      "Invalid setting PORT: Invalid input: expected number, received NaN",
      "Invalid setting DATABASE_URL: DATABASE_URL must start with postgres:// or postgresql://",
      "Invalid setting SESSION_SECRET: SESSION_SECRET must be at least 32 characters (make one with: openssl rand -base64 48)",
      "Invalid setting METRICS_TOKEN: METRICS_TOKEN must be at least 24 characters without spaces (e.g. openssl rand -hex 24)",
      "Invalid setting LEDGER_SIGNING_KEY: LEDGER_SIGNING_KEY must be an Ed25519 private key: a PKCS#8 PEM, or its 32-byte seed in base64 or hex",
      expect.stringMatching(/^STRIPE_SECRET_KEY is required in production/),
      "Invalid setting PUBLIC_URL: in production it must be an https:// address, e.g. https://console.example.com",
    ]);
  });

  it("reports a PUBLIC_URL that is no URL once, as malformed", () => {
    expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: "console" })).toEqual([
      "Invalid setting PUBLIC_URL: PUBLIC_URL must be a URL such as https://console.example.com",
    ]);
  });
});

describe("STRIPE_MODE", () => {
  it("simulator with any Stripe key set is a conflict naming the keys", () => {
    expect(problemsOf({ ...PRODUCTION, ...STRIPE_KEYS })).toEqual([
      "Invalid setting STRIPE_MODE: STRIPE_MODE=simulator conflicts with STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_CONNECT_WEBHOOK_SECRET: unset them to run the simulator, or set STRIPE_MODE=stripe to use Stripe",
    ]);
    expect(problemsOf({ STRIPE_MODE: "simulator", STRIPE_WEBHOOK_SECRET: "whsec_a" })).toEqual([
      "Invalid setting STRIPE_MODE: STRIPE_MODE=simulator conflicts with STRIPE_WEBHOOK_SECRET: unset it to run the simulator, or set STRIPE_MODE=stripe to use Stripe",
    ]);
  });

  it("stripe without a key is an error, in production or not", () => {
    const line =
      "STRIPE_SECRET_KEY is required with STRIPE_MODE=stripe: Stripe's secret key (sk_live_…), with STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET";
    expect(problemsOf({ STRIPE_MODE: "stripe" })).toEqual([line]);
    expect(problemsOf({ ...PRODUCTION, STRIPE_MODE: "stripe" })).toEqual([line]);
  });

  it("stripe with a key still needs both webhook secrets", () => {
    expect(problemsOf({ ...PRODUCTION, STRIPE_MODE: "stripe", STRIPE_SECRET_KEY: "sk_live_abc123" })).toEqual([
      expect.stringMatching(
        /^Invalid setting STRIPE_WEBHOOK_SECRET: with STRIPE_SECRET_KEY set, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET/,
      ),
    ]);
  });
});
