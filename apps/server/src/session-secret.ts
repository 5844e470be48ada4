/**
 * SESSION_SECRET outside production when it is not set: made once into `<DATA_DIR>/session-secret`
 * (mode 0600) and reused, like the ledger signing key, so `npm start` needs no settings and sessions
 * survive a restart. Production requires SESSION_SECRET (env.ts) and never reaches this file.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SESSION_SECRET_MIN_LENGTH } from "./services/session.service.js";

/** The configured secret, or the one kept in `file` (made on first use). Throws one clear line. */
export function loadSessionSecret(options: { fromEnv?: string; file: string }): string {
  if (options.fromEnv) return options.fromEnv;
  mkdirSync(dirname(options.file), { recursive: true });
  try {
    // 48 random bytes, base64: 64 characters. "wx": two processes starting at once keep the first one's.
    writeFileSync(options.file, `${randomBytes(48).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(options.file, "utf8").trim();
  if (secret.length < SESSION_SECRET_MIN_LENGTH) {
    throw new Error(
      `${options.file} holds no usable session secret (under ${SESSION_SECRET_MIN_LENGTH} characters): delete it to have a new one made, or set SESSION_SECRET`,
    );
  }
  return secret;
}
