/**
 * The Ed25519 key that signs ledger checkpoints: from LEDGER_SIGNING_KEY (a PKCS#8 PEM, or the
 * 32-byte seed as base64/hex), or, on the embedded default, generated once into
 * `<DATA_DIR>/ledger-signing-key.pem` (mode 0600). The verifier trusts checkpoints signed with this
 * key and with any listed in LEDGER_TRUSTED_PUBLIC_KEYS (earlier keys, after a rotation).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CheckpointSigner } from "./consent-ledger.js";

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
/** SPKI DER prefix of an Ed25519 public key; the 32 raw bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export interface SigningKey extends CheckpointSigner {
  privateKey: KeyObject;
}

/** The raw 32-byte public key of an Ed25519 key object, base64. */
export function rawPublicKey(key: KeyObject): string {
  const der = createPublicKey(key).export({ format: "der", type: "spki" });
  return der.subarray(ED25519_SPKI_PREFIX.length).toString("base64");
}

export function keyIdOf(publicKeyBase64: string): string {
  return createHash("sha256").update(Buffer.from(publicKeyBase64, "base64")).digest("hex").slice(0, 16);
}

/** Reads a private key given as PEM, or as a 32-byte seed in base64 or hex. Throws with a clear message. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith("-----BEGIN")) {
      key = createPrivateKey(trimmed);
    } else {
      const seed = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
      if (seed.length !== 32) throw new Error("not 32 bytes");
      key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
    }
  } catch {
    throw new Error("LEDGER_SIGNING_KEY must be an Ed25519 private key: a PKCS#8 PEM, or its 32-byte seed in base64 or hex");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("LEDGER_SIGNING_KEY must be an Ed25519 key");
  return key;
}

export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const publicKey = rawPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    sign: (message) => sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64"),
  };
}

/** The configured key, or the one kept in `file` (made on first use). */
export function loadSigningKey(options: { fromEnv?: string; file: string }): SigningKey {
  if (options.fromEnv) return signingKeyFrom(parseSigningKey(options.fromEnv));
  if (!existsSync(options.file)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    mkdirSync(dirname(options.file), { recursive: true });
    writeFileSync(options.file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  }
  return signingKeyFrom(parseSigningKey(readFileSync(options.file, "utf8")));
}

/** Whether `signature` (base64) is `publicKey`'s (raw, base64) Ed25519 signature of `message`. */
export function verifySignature(publicKey: string, message: string, signature: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKey, "base64")]),
      format: "der",
      type: "spki",
    });
    return verify(null, Buffer.from(message, "utf8"), key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
