/** Database options for the db:* commands, from the same variables the server reads. */
import { resolve } from "node:path";
import type { DbOptions } from "../client.js";
import { loadSigningKey, type SigningKey } from "../ledger-signing-key.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");

export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DbOptions {
  const url = env.DATABASE_MIGRATION_URL || env.DATABASE_URL;
  if (url) return { kind: "postgres", url, maxConnections: 2 };
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
