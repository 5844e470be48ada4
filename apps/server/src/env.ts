/** The only reader of process.env: every setting validated once, at start-up. */
import { resolve } from "node:path";
import { z } from "zod";

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
});

export type Env = z.infer<typeof ZEnv> & { dataDir: string; webDistDir: string; publicUrl: string };

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const env = parsed.data;
  if (env.STRIPE_SECRET_KEY && (!env.STRIPE_WEBHOOK_SECRET || !env.STRIPE_CONNECT_WEBHOOK_SECRET)) {
    throw new Error(
      "Invalid setting STRIPE_WEBHOOK_SECRET: with STRIPE_SECRET_KEY set, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET are needed too (the signing secrets of the platform and Connect webhook endpoints)",
    );
  }
  return {
    ...env,
    dataDir: resolve(repoRoot, env.DATA_DIR),
    webDistDir: resolve(repoRoot, env.WEB_DIST_DIR ?? "apps/web/dist"),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}
