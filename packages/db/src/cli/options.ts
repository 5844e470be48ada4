/** Database options for the db:* commands, from the same variables the server reads. */
import { resolve } from "node:path";
import type { DbOptions } from "../client.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");

export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DbOptions {
  const url = env.DATABASE_MIGRATION_URL || env.DATABASE_URL;
  if (url) return { kind: "postgres", url, maxConnections: 2 };
  const dataDir = resolve(repoRoot, env.DATA_DIR || ".data", "pglite");
  return { kind: "pglite", dataDir };
}
