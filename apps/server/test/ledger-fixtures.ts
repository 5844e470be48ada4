/** Consent records and events for tests: written straight to the ledger, or sent over HTTP. */
import { randomBytes } from "node:crypto";
import { appendToLedger, type Database, type LedgerAck, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { personalDataDigest } from "@pc/shared";
import { v7 as uuidv7 } from "uuid";

/** The demo privacy policy 2.0's purposes, all answered. */
export const PURPOSES_2_0 = {
  preferences: "acknowledged",
  stripe_checkout: "acknowledged",
  audio_mastering_data: "acknowledged",
  tidio: "granted",
  product_analytics: "denied",
} as const;

/** A valid storefront event for privacy 2.0 (unique ids unless given). */
export function consentEvent(overrides: Record<string, unknown> = {}) {
  const id = randomBytes(6).toString("hex");
  return {
    subjectId: `dev_${id}`,
    consentId: `c_${id}`,
    policy: { kind: "privacy", version: "2.0" },
    bannerVersion: "3",
    action: "save_custom",
    occurredAt: new Date(Date.now() - 1000).toISOString(),
    purposes: { ...PURPOSES_2_0 },
    language: "nb",
    path: "/checkout",
    gpc: false,
    country: "NO",
    ...overrides,
  };
}

/** Appends `count` records to a tenant's chain directly (as the writer would), answering their places. */
export async function appendTestRecords(db: Database, tenantId: string, count: number): Promise<LedgerAck[]> {
  const entries = Array.from({ length: count }, (_, index) => {
    const personal = { ip: "198.51.100.0", userAgent: "vitest", salt: randomBytes(16).toString("hex") };
    const digest = personalDataDigest(personal);
    return {
      record: {
        tenantId,
        recordId: uuidv7(),
        receivedAt: new Date(),
        occurredAt: new Date(Date.now() - 500),
        subjectDigest: randomBytes(32).toString("hex"),
        consentId: `c_test_${index}`,
        policy: { kind: "privacy" as const, version: "2.0", sha256: null },
        bannerVersion: "3",
        action: "save_custom" as const,
        purposes: { ...PURPOSES_2_0 },
        language: "nb",
        path: "/",
        gpc: false,
        country: "NO",
        jurisdiction: "EEA" as const,
        personalDataDigest: digest,
      },
      personal: { digest, ...personal },
    };
  });
  return withRlsContext(db, SYSTEM_CONTEXT, (tx) => appendToLedger(tx, entries));
}
