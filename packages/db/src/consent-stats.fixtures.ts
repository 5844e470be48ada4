/** Random consent ledger entries for the statistics tests: reproducible from a seeded generator. */
import { randomUUID } from "node:crypto";
import { CONSENT_ACTIONS, jurisdictionOf } from "@pc/shared";
import type { PendingLedgerEntry } from "./consent-ledger.js";

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 27, 22);
const COUNTRIES = ["NO", "SE", "DE", "US", null] as const;
const VERSIONS = { privacy: ["1.0", "1.1", "2.0"], terms: ["1.0"] } as const;
const PURPOSES = ["preferences", "tidio", "product_analytics", "stripe_checkout"] as const;
const DECISIONS = ["granted", "denied", "acknowledged"] as const;

/** Random entries from a seeded generator: reproducible, and a failure names its seed. */
export function randomLedgerEntries(random: () => number, tenantIds: readonly string[], count: number): PendingLedgerEntry[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const entries: PendingLedgerEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const resent = entries.length > 0 && random() < 0.1 ? pick(entries) : null;
    if (resent) {
      // The storefront sends the same event again: a new record with the same content.
      const digest = randomUUID();
      entries.push({
        record: { ...resent.record, recordId: randomUUID(), personalDataDigest: digest },
        personal: { ...resent.personal, digest },
      });
      continue;
    }
    const kind = random() < 0.8 ? ("privacy" as const) : ("terms" as const);
    const country = pick(COUNTRIES);
    const purposes: Record<string, (typeof DECISIONS)[number]> = {};
    if (kind === "privacy") for (const purpose of PURPOSES) if (random() < 0.8) purposes[purpose] = pick(DECISIONS);
    // Months apart, and not in seq order: the latest choice is the highest seq, whatever its time.
    const receivedAt = new Date(START + Math.floor(random() * 70 * DAY_MS));
    entries.push({
      record: {
        tenantId: pick(tenantIds),
        recordId: randomUUID(),
        receivedAt,
        occurredAt: receivedAt,
        subjectDigest: `subject-${Math.floor(random() * 40)}`,
        consentId: `c_${i}`,
        policy: { kind, version: pick(VERSIONS[kind]), sha256: null },
        bannerVersion: "3",
        action: pick(CONSENT_ACTIONS),
        purposes,
        language: "nb",
        path: "/",
        gpc: false,
        country,
        jurisdiction: jurisdictionOf(country),
        personalDataDigest: `${i}-${receivedAt.getTime()}`,
      },
      personal: { digest: `${i}-${receivedAt.getTime()}`, ip: null, userAgent: null, salt: "salt" },
    });
  }
  return entries;
}
