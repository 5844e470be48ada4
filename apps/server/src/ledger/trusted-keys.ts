/** The checkpoint keys the verifier trusts: the server's own signing key and any earlier ones configured. */
import { keyIdOf, loadSigningKey, type SigningKey } from "@pc/db";
import type { TrustedKeys } from "./ledger-verify.js";

export interface LedgerKeySettings {
  LEDGER_SIGNING_KEY?: string;
  LEDGER_TRUSTED_PUBLIC_KEYS?: string;
  dataDir: string;
}

/** The signing key (from the environment, or kept in DATA_DIR) and the keys the verifier trusts. */
export function ledgerKeysFrom(settings: LedgerKeySettings): { signer: SigningKey; trusted: TrustedKeys } {
  const signer = loadSigningKey({ fromEnv: settings.LEDGER_SIGNING_KEY, file: `${settings.dataDir}/ledger-signing-key.pem` });
  const trusted = new Map<string, string>([[signer.keyId, signer.publicKey]]);
  for (const key of (settings.LEDGER_TRUSTED_PUBLIC_KEYS ?? "").split(",")) {
    const publicKey = key.trim();
    if (publicKey) trusted.set(keyIdOf(publicKey), publicKey);
  }
  return { signer, trusted };
}
