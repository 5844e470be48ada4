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
});

export type Env = z.infer<typeof ZEnv> & { dataDir: string; webDistDir: string; publicUrl: string };

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const env = parsed.data;
  return {
    ...env,
    dataDir: resolve(repoRoot, env.DATA_DIR),
    webDistDir: resolve(repoRoot, env.WEB_DIST_DIR ?? "apps/web/dist"),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}
