/** The only reader of process.env: every setting validated once, at start-up. */
import { resolve } from "node:path";
import { parseSigningKey } from "@pc/db";
import { z } from "zod";
import { defaultMailFrom, type Mailbox, parseMailbox } from "./email/mailbox.js";

const repoRoot = resolve(import.meta.dirname, "../../..");

const ZBool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_MIGRATION_URL must start with postgres:// or postgresql://")
    .optional(),
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be a URL such as https://console.example.com" }).optional(),
  TRUST_PROXY: ZBool,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST_DIR: z.string().optional(),
  /** Ed25519 private key for ledger checkpoints (PKCS#8 PEM, or its 32-byte seed in base64/hex); generated into DATA_DIR without it. */
  LEDGER_SIGNING_KEY: z.string().min(1).optional(),
  /** Earlier signing keys' raw public keys (base64, comma-separated) whose checkpoints stay trusted after a rotation. */
  LEDGER_TRUSTED_PUBLIC_KEYS: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9+/]{43}=\s*)*$/,
      "LEDGER_TRUSTED_PUBLIC_KEYS must list raw Ed25519 public keys in base64 (44 characters each), separated by commas",
    )
    .optional(),
  /** Days of demo sales and payouts the seed makes through the Stripe simulator on first start (0: none). */
  DEMO_PAYMENT_DAYS: z.coerce.number().int().min(0).max(730).default(182),
  /** Consent events the demo seed loads on first start (outside production). */
  DEMO_CONSENT_EVENTS: z.coerce.number().int().min(0).max(10_000_000).default(200_000),
  /**
   * Signs session and invitation tokens (stored as HMAC-SHA256 under it); required in production,
   * generated into DATA_DIR otherwise. Changing it logs everyone out and voids pending invitations.
   */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters (make one with: openssl rand -base64 48)").optional(),
  /** `stripe` (needs the key and both webhook secrets) or `simulator`; unset, the key's presence decides (production needs one of them). */
  STRIPE_MODE: z.enum(["stripe", "simulator"], { message: "STRIPE_MODE must be stripe or simulator" }).optional(),
  /** Stripe: with a secret key the console talks to Stripe (and then needs both webhook secrets); without one it runs its simulator. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, sk_live_…)")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, "STRIPE_WEBHOOK_SECRET must start with whsec_")
    .optional(),
  STRIPE_CONNECT_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, "STRIPE_CONNECT_WEBHOOK_SECRET must start with whsec_")
    .optional(),
  /** The simulator's port (browsers open its onboarding and checkout pages). */
  STRIPE_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
  /** How often checkpoints are signed. */
  LEDGER_CHECKPOINT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** GET /metrics answers only with this token (Authorization: Bearer …); without it there is no /metrics. */
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{24,}$/, "METRICS_TOKEN must be at least 24 characters without spaces (e.g. openssl rand -hex 24)")
    .optional(),
  /**
   * Where mail is delivered: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
   * Without it nothing is sent: mail waits in the outbox, which the dashboard shows.
   */
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, "SMTP_URL must be an smtp:// or smtps:// address with a host, e.g. smtps://user:password@smtp.example.com:465")
    .optional(),
  /** The sender: "Name <address>" or an address; "Partner Console <no-reply@PUBLIC_URL's host>" without it. */
  MAIL_FROM: z
    .string()
    .refine((value) => parseMailbox(value) !== null, 'MAIL_FROM must be one address, e.g. "Partner Console <no-reply@example.com>"')
    .optional(),
});

/** Checked without echoing the value (it may hold a password). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof ZEnv> & {
  dataDir: string;
  webDistDir: string;
  publicUrl: string;
  /** Whether the console talks to Stripe or runs its own simulator. */
  stripeMode: "stripe" | "simulator";
  /** MAIL_FROM, parsed (or its default). */
  mailFrom: Mailbox;
};

/** Every problem with the settings, one line each (main prints them all and stops). */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "SettingsError";
  }
}

const STRIPE_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_CONNECT_WEBHOOK_SECRET"] as const;

/**
 * Settings that are only shaped right together, and what production requires: checked on the raw
 * values so that a malformed setting (already reported) does not hide a missing one.
 */
function crossChecks(source: NodeJS.ProcessEnv, malformed: Set<string>): string[] {
  const problems: string[] = [];
  const isSet = (name: string) => source[name] !== undefined;
  const missing = (name: string) => !isSet(name);
  const production = source.NODE_ENV === "production";
  const mode = malformed.has("STRIPE_MODE") ? undefined : source.STRIPE_MODE;

  if (source.LEDGER_SIGNING_KEY !== undefined && !malformed.has("LEDGER_SIGNING_KEY")) {
    try {
      parseSigningKey(source.LEDGER_SIGNING_KEY);
    } catch (error) {
      problems.push(`Invalid setting LEDGER_SIGNING_KEY: ${(error as Error).message}`);
    }
  }

  if (mode === "simulator") {
    const conflicting = STRIPE_KEYS.filter(isSet);
    if (conflicting.length > 0) {
      problems.push(
        `Invalid setting STRIPE_MODE: STRIPE_MODE=simulator conflicts with ${conflicting.join(", ")}: unset ${conflicting.length > 1 ? "them" : "it"} to run the simulator, or set STRIPE_MODE=stripe to use Stripe`,
      );
    }
  } else if (isSet("STRIPE_SECRET_KEY")) {
    const secrets = STRIPE_KEYS.slice(1).filter(missing);
    if (secrets.length > 0) {
      problems.push(
        `Invalid setting ${secrets[0]}: with STRIPE_SECRET_KEY set, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET are needed too (the signing secrets of the platform and Connect webhook endpoints)`,
      );
    }
  } else if (mode === "stripe") {
    problems.push(
      "STRIPE_SECRET_KEY is required with STRIPE_MODE=stripe: Stripe's secret key (sk_live_…), with STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET",
    );
  } else if (production) {
    problems.push(
      "STRIPE_SECRET_KEY is required in production (with STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET), or STRIPE_MODE=simulator to run the built-in Stripe simulator instead",
    );
  }

  if (!production) return problems;
  if (missing("DATABASE_URL")) {
    problems.push(
      "DATABASE_URL is required in production: the app's login role (a member of console_app, not the schema owner), e.g. postgres://console_login:…@db:5432/console",
    );
  }
  if (missing("SESSION_SECRET")) {
    problems.push(
      "SESSION_SECRET is required in production: at least 32 random characters that sign session and invitation tokens (make one with: openssl rand -base64 48)",
    );
  }
  if (missing("LEDGER_SIGNING_KEY")) {
    problems.push(
      "LEDGER_SIGNING_KEY is required in production (no key is generated there): the Ed25519 key that signs consent ledger checkpoints, a PKCS#8 PEM (openssl genpkey -algorithm ed25519) or its 32-byte seed in base64 (openssl rand -base64 32)",
    );
  }
  if (missing("PUBLIC_URL")) {
    problems.push("PUBLIC_URL is required in production: the console's https address, e.g. https://console.example.com");
  } else if (!malformed.has("PUBLIC_URL") && !source.PUBLIC_URL?.startsWith("https://")) {
    problems.push("Invalid setting PUBLIC_URL: in production it must be an https:// address, e.g. https://console.example.com");
  }
  return problems;
}

/** The validated settings; throws a SettingsError listing every problem, one line per setting. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  const problems: string[] = [];
  const malformed = new Set<string>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = issue.path.join(".");
    if (malformed.has(name)) continue;
    malformed.add(name);
    problems.push(`Invalid setting ${name}: ${issue.message}`);
  }
  problems.push(...crossChecks(source, malformed));
  if (!parsed.success || problems.length > 0) throw new SettingsError(problems);
  const env = parsed.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    ...env,
    dataDir: resolve(repoRoot, env.DATA_DIR),
    webDistDir: resolve(repoRoot, env.WEB_DIST_DIR ?? "apps/web/dist"),
    publicUrl,
    stripeMode: env.STRIPE_MODE ?? (env.STRIPE_SECRET_KEY ? "stripe" : "simulator"),
    mailFrom: (env.MAIL_FROM ? parseMailbox(env.MAIL_FROM) : null) ?? defaultMailFrom(publicUrl),
  };
}
