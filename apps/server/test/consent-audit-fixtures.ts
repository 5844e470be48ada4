/** Consent records with chosen subjects, times and choices, for the consent audit tests. */
import { createHmac, randomBytes } from "node:crypto";
import { appendToLedger, consentSubjectSecrets, type Database, type LedgerAck, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { type ConsentAction, type ConsentDecision, jurisdictionOf, personalDataDigest } from "@pc/shared";
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { PURPOSES_2_0 } from "./ledger-fixtures.js";

export interface ConsentSpec {
  subjectId?: string;
  consentId?: string;
  receivedAt: Date;
  version?: string;
  action?: ConsentAction;
  purposes?: Record<string, ConsentDecision>;
  country?: string | null;
}

export interface AppendedRecord extends Required<Omit<ConsentSpec, "country">> {
  tenantId: string;
  country: string | null;
  recordId: string;
  seq: number;
}

/** The digest ingestion stores for a subject id of the tenant (HMAC-SHA256 under its secret). */
export async function digestOf(db: Database, tenantId: string, subjectId: string): Promise<string> {
  const [row] = await db.select().from(consentSubjectSecrets).where(eq(consentSubjectSecrets.tenantId, tenantId));
  if (!row) throw new Error(`tenant ${tenantId} has no subject secret`);
  return createHmac("sha256", Buffer.from(row.secret, "hex")).update(subjectId).digest("hex");
}

/** Appends the records in the order given to the tenant's chain, as the ledger writer would. */
export async function appendConsent(db: Database, tenantId: string, specs: ConsentSpec[]): Promise<AppendedRecord[]> {
  const filled = specs.map((spec) => ({
    subjectId: spec.subjectId ?? `dev_${randomBytes(6).toString("hex")}`,
    consentId: spec.consentId ?? `c_${randomBytes(6).toString("hex")}`,
    receivedAt: spec.receivedAt,
    version: spec.version ?? "2.0",
    action: spec.action ?? "save_custom",
    purposes: spec.purposes ?? { ...PURPOSES_2_0 },
    country: spec.country === undefined ? "NO" : spec.country,
  }));
  const entries = await Promise.all(
    filled.map(async (spec) => {
      const personal = { ip: "198.51.100.0", userAgent: "vitest", salt: randomBytes(16).toString("hex") };
      const digest = personalDataDigest(personal);
      return {
        record: {
          tenantId,
          recordId: uuidv7(),
          receivedAt: spec.receivedAt,
          occurredAt: new Date(spec.receivedAt.getTime() - 500),
          subjectDigest: await digestOf(db, tenantId, spec.subjectId),
          consentId: spec.consentId,
          policy: { kind: "privacy" as const, version: spec.version, sha256: null },
          bannerVersion: "3",
          action: spec.action,
          purposes: spec.purposes,
          language: "nb",
          path: "/",
          gpc: false,
          country: spec.country,
          jurisdiction: jurisdictionOf(spec.country),
          personalDataDigest: digest,
        },
        personal: { digest, ...personal },
      };
    }),
  );
  const acks: LedgerAck[] = await withRlsContext(db, SYSTEM_CONTEXT, (tx) => appendToLedger(tx, entries));
  return filled.map((spec, index) => {
    const ack = acks[index] as LedgerAck;
    const entry = entries[index] as (typeof entries)[number];
    return { ...spec, tenantId, recordId: entry.record.recordId, seq: ack.seq };
  });
}
