// The large seed's traffic, read back from its COPY text: every tenant's chain verifies with the
// shared verifier, the personal-data and subject digests are the ones ingestion would compute,
// checkpoints sit on the chain, and the traffic has the shape the benchmark relies on.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { GENESIS_HASH, personalDataDigest, type StoredLedgerRecord, verifyLedgerChain } from "@pc/shared";
import { describe, expect, it } from "vitest";
import { copyValue } from "./copy-text.js";
import {
  createLargeTraffic,
  type LargePolicyVersion,
  largeSubjectId,
  PERSONAL_COLUMNS,
  RECORD_COLUMNS,
  skewedShares,
} from "./large-traffic.js";

const DAY = 86_400_000;
const UNTIL = Date.parse("2026-11-30T12:00:00Z");
const VERSIONS: LargePolicyVersion[] = [
  {
    version: "1.0",
    sha256: "a".repeat(64),
    effectiveFrom: UNTIL - 300 * DAY,
    purposes: [
      { key: "preferences", category: "strictly_necessary" },
      { key: "tidio", category: "functional" },
    ],
  },
  {
    version: "2.0",
    sha256: "b".repeat(64),
    effectiveFrom: UNTIL - 20 * DAY,
    purposes: [
      { key: "preferences", category: "strictly_necessary" },
      { key: "tidio", category: "functional" },
      { key: "product_analytics", category: "analytics" },
    ],
  },
];

/** Splits a COPY text line back into its values (\N is null, escapes undone). */
function values(line: string): (string | null)[] {
  return line
    .split("\t")
    .map((value) => (value === "\\N" ? null : value.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r" })[c] ?? c)));
}

function generate(events: number, seed = 5) {
  const tenants = Array.from({ length: 6 }, () => ({ id: randomUUID(), secret: randomBytes(32) }));
  const traffic = createLargeTraffic({
    events,
    tenants,
    shares: skewedShares(tenants.length, 0.45),
    versions: VERSIONS,
    from: UNTIL - 400 * DAY,
    until: UNTIL,
    seed,
    checkpointEveryDays: 7,
  });
  const records: Record<string, string | null>[] = [];
  const personal: Record<string, string | null>[] = [];
  for (let chunk = traffic.next(997); chunk; chunk = traffic.next(997)) {
    for (const line of chunk.records.trimEnd().split("\n")) {
      records.push(Object.fromEntries(values(line).map((value, i) => [RECORD_COLUMNS[i], value])));
    }
    for (const line of chunk.personal.trimEnd().split("\n")) {
      personal.push(Object.fromEntries(values(line).map((value, i) => [PERSONAL_COLUMNS[i], value])));
    }
  }
  return { tenants, traffic, records, personal };
}

function stored(row: Record<string, string | null>): StoredLedgerRecord {
  return {
    tenantId: row.tenant_id as string,
    seq: Number(row.seq),
    recordId: row.id as string,
    receivedAt: row.received_at as string,
    occurredAt: row.occurred_at as string,
    subjectDigest: row.subject_digest as string,
    consentId: row.consent_id as string,
    policy: { kind: "privacy", version: row.policy_version as string, sha256: row.policy_sha256 },
    bannerVersion: row.banner_version as string,
    action: row.action as StoredLedgerRecord["action"],
    purposes: JSON.parse(row.purposes as string),
    language: row.language as string,
    path: row.path as string,
    gpc: row.gpc === "t",
    country: row.country ?? null,
    jurisdiction: row.jurisdiction as StoredLedgerRecord["jurisdiction"],
    personalDataDigest: row.personal_data_digest as string,
    prevHash: row.prev_hash as string,
    hash: row.hash as string,
  };
}

describe("large seed traffic", () => {
  const { tenants, traffic, records, personal } = generate(30_000);

  it("makes exactly the events asked for, each tenant's chain verifying from genesis to its head", () => {
    expect(records).toHaveLength(30_000);
    const heads = traffic.heads();
    for (const [index, tenant] of tenants.entries()) {
      const chain = records.filter((row) => row.tenant_id === tenant.id).map(stored);
      const verdict = verifyLedgerChain(chain, { expectedFirstSeq: 1, expectedFirstPrevHash: GENESIS_HASH });
      expect(verdict.ok, `tenant ${index}`).toBe(true);
      expect(verdict.ok && verdict.head).toEqual({ seq: heads[index]?.seq, hash: heads[index]?.hash });
    }
  });

  it("gives the largest tenant its share and spreads received times in order per tenant", () => {
    const largest = records.filter((row) => row.tenant_id === tenants[0]?.id).length;
    expect(largest / records.length).toBeGreaterThan(0.43);
    expect(largest / records.length).toBeLessThan(0.47);
    const times = records.map((row) => Date.parse(row.received_at as string));
    expect(times.every((time, i) => i === 0 || time >= (times[i - 1] as number))).toBe(true);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(UNTIL - 400 * DAY);
    expect(Math.max(...times)).toBeLessThan(UNTIL);
  });

  it("writes personal data whose digest is the record's, as ingestion computes it", () => {
    expect(personal).toHaveLength(records.length);
    for (const [i, row] of personal.entries()) {
      const digest = personalDataDigest({ ip: row.ip ?? null, userAgent: row.user_agent ?? null, salt: row.salt as string });
      expect(digest).toBe(row.digest);
      expect(records[i]?.personal_data_digest).toBe(digest);
    }
  });

  it("names subjects sub_1 … sub_n, each with its events, many returning", () => {
    const largest = tenants[0] as (typeof tenants)[number];
    const subjects = traffic.heads()[0]?.subjects ?? 0;
    const byDigest = new Map<string, number>();
    for (const row of records)
      if (row.tenant_id === largest.id) byDigest.set(row.subject_digest as string, (byDigest.get(row.subject_digest as string) ?? 0) + 1);
    expect(byDigest.size).toBe(subjects);
    for (let n = 1; n <= subjects; n += 97) {
      expect(byDigest.has(createHmac("sha256", largest.secret).update(largeSubjectId(n)).digest("hex")), `sub_${n}`).toBe(true);
    }
    const returning = [...byDigest.values()].filter((count) => count > 1).length;
    expect(returning / subjects).toBeGreaterThan(0.3);
  });

  it("has every action, the purposes of the version in force, resent choices and checkpoints on the chain", () => {
    expect(new Set(records.map((row) => row.action))).toEqual(new Set(["accept_all", "reject_all", "save_custom", "gpc", "withdraw"]));
    for (const row of records) {
      const version = VERSIONS.find((v) => v.version === row.policy_version) as LargePolicyVersion;
      expect(Object.keys(JSON.parse(row.purposes as string)).sort()).toEqual(version.purposes.map((p) => p.key).sort());
    }
    const copies = records.filter((row, i) =>
      records.slice(Math.max(0, i - 400), i).some((before) => before.consent_id === row.consent_id && before.purposes === row.purposes),
    );
    expect(copies.length).toBeGreaterThan(records.length * 0.02);
    const byPlace = new Map(records.map((row) => [`${row.tenant_id}:${row.seq}`, row.hash]));
    expect(traffic.checkpoints.length).toBeGreaterThan(tenants.length * 40);
    for (const checkpoint of traffic.checkpoints) expect(byPlace.get(`${checkpoint.tenantId}:${checkpoint.seq}`)).toBe(checkpoint.hash);
  });

  it("is the same traffic for the same seed (but for salts and record ids)", () => {
    const again = generate(2000);
    const first = generate(2000);
    const shape = (row: Record<string, string | null>) =>
      [row.seq, row.received_at, row.consent_id, row.action, row.purposes, row.path].join("|");
    expect(again.records.map(shape)).toEqual(first.records.map(shape));
  });
});

describe("COPY text", () => {
  it("escapes backslashes, tabs and line breaks, and writes null as \\N", () => {
    expect(copyValue("a\tb")).toBe("a\\tb");
    expect(copyValue("c\\d\r\ne")).toBe("c\\\\d\\r\\ne");
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue("plain")).toBe("plain");
  });
});
