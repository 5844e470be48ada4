/** Database options for the db:* commands, from the same variables the server reads. */
import { resolve } from "node:path";
import type { DbOptions } from "../client.js";
import { loadSigningKey, type SigningKey } from "../ledger-signing-key.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");

export type CliDbOptions =
  | (Extract<DbOptions, { kind: "postgres" }> & { source: "DATABASE_MIGRATION_URL" | "DATABASE_URL" })
  | Extract<DbOptions, { kind: "pglite" }>;

/**
 * The owner's connection: DATABASE_MIGRATION_URL, else DATABASE_URL (development), else the embedded
 * database. With NODE_ENV=production there is no embedded fallback (that would migrate a stray
 * PGlite in DATA_DIR and report success): a URL is required.
 */
export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CliDbOptions {
  for (const source of ["DATABASE_MIGRATION_URL", "DATABASE_URL"] as const) {
    const url = env[source];
    if (!url) continue;
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error(`Invalid setting ${source}: ${source} must start with postgres:// or postgresql://`);
    return { kind: "postgres", url, maxConnections: 2, source };
  }
  if (env.NODE_ENV === "production") {
    throw new Error(
      "DATABASE_MIGRATION_URL is required in production: the schema owner's connection, e.g. postgres://console_owner:…@db:5432/console",
    );
  }
  const dataDir = resolve(repoRoot, env.DATA_DIR || ".data", "pglite");
  return { kind: "pglite", dataDir };
}

/**
 * The server's checkpoint signing key: LEDGER_SIGNING_KEY, or the one kept where the server keeps
 * it, DATA_DIR (default .data) at the repo root, as apps/server/src/env.ts resolves it (made on first use).
 */
export function signerFromEnv(env: NodeJS.ProcessEnv = process.env): SigningKey {
  return loadSigningKey({
    fromEnv: env.LEDGER_SIGNING_KEY,
    file: resolve(repoRoot, env.DATA_DIR || ".data", "ledger-signing-key.pem"),
  });
}
