import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chainedFields,
  GENESIS_HASH,
  type LedgerRecord,
  ledgerCheckpointMessage,
  ledgerEntryHash,
  ledgerRecordCanonical,
  type StoredLedgerRecord,
  verifyLedgerChain,
} from "./chain.js";
import { JURISDICTIONS } from "./privacy.js";
import { CONSENT_ACTIONS, CONSENT_DECISIONS } from "./wire.js";

const TENANT = "6f1d2c3b-0000-4000-8000-000000000001";
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const isoDate = fc
  .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const purposeKey = fc.stringMatching(/^[a-z][a-z0-9_]{1,39}$/);

/** A record's content, before a seq and hashes are given to it. */
type RecordContent = Omit<LedgerRecord, "seq" | "tenantId">;
const recordContent: fc.Arbitrary<RecordContent> = fc.record({
  recordId: fc.uuid(),
  receivedAt: isoDate,
  occurredAt: isoDate,
  subjectDigest: hex64,
  consentId: fc.string({ minLength: 1, maxLength: 20 }),
  policy: fc.record({
    kind: fc.constantFrom("privacy", "terms"),
    version: fc.constantFrom("1.0", "1.1", "2.0"),
    sha256: fc.option(hex64, { nil: undefined }),
  }),
  bannerVersion: fc.constantFrom("1", "2", "3"),
  action: fc.constantFrom(...CONSENT_ACTIONS),
  purposes: fc.dictionary(purposeKey, fc.constantFrom(...CONSENT_DECISIONS), { maxKeys: 6 }),
  language: fc.constantFrom("nb", "en-GB", "de"),
  path: fc.string({ unit: "grapheme", maxLength: 30 }).map((rest) => `/${rest}`),
  gpc: fc.boolean(),
  country: fc.option(fc.constantFrom("NO", "SE", "US"), { nil: null }),
  jurisdiction: fc.constantFrom(...JURISDICTIONS),
  personalDataDigest: hex64,
});

/** Numbers and links records as the server writes them. */
function buildChain(contents: readonly RecordContent[], firstSeq = 1, prevHash = GENESIS_HASH): StoredLedgerRecord[] {
  const chain: StoredLedgerRecord[] = [];
  for (const [index, content] of contents.entries()) {
    const record: LedgerRecord = { ...content, tenantId: TENANT, seq: firstSeq + index };
    const previous = chain.at(-1)?.hash ?? prevHash;
    chain.push({ ...record, prevHash: previous, hash: ledgerEntryHash(previous, record) });
  }
  return chain;
}

const chainOf = (minLength: number, maxLength = 25) =>
  fc.array(recordContent, { minLength, maxLength }).map((contents) => buildChain(contents));

const EXAMPLE: LedgerRecord = {
  tenantId: TENANT,
  seq: 1,
  recordId: "0f6c1a52-3c1e-4d0f-9a53-1f1b8f0e2a11",
  receivedAt: new Date("2026-05-03T10:21:07.530Z"),
  occurredAt: "2026-05-03T10:21:07.412Z",
  subjectDigest: "a".repeat(64),
  consentId: "c_8Q2kd",
  policy: { kind: "privacy", version: "2.0", sha256: "b".repeat(64) },
  bannerVersion: "3",
  action: "save_custom",
  purposes: { tidio: "granted", preferences: "acknowledged", product_analytics: "denied" },
  language: "nb",
  path: "/checkout",
  gpc: false,
  country: "NO",
  jurisdiction: "EEA",
  personalDataDigest: "c".repeat(64),
};

describe("ledgerCheckpointMessage", () => {
  it("is a domain label and the canonical JSON of tenant, head and time", () => {
    const message = ledgerCheckpointMessage({
      tenantId: TENANT,
      seq: 12,
      hash: "d".repeat(64),
      signedAt: new Date("2026-05-03T10:00:00Z"),
    });
    expect(message).toBe(
      `masterchannel-consent-ledger-checkpoint/v1\n{"hash":"${"d".repeat(64)}","seq":12,"signedAt":"2026-05-03T10:00:00.000Z","tenantId":"${TENANT}"}`,
    );
    expect(ledgerCheckpointMessage({ tenantId: TENANT, seq: 13, hash: "d".repeat(64), signedAt: "2026-05-03T10:00:00Z" })).not.toBe(
      message,
    );
  });
});

describe("ledgerRecordCanonical", () => {
  it("encodes exactly the chained fields, keys and purposes sorted, dates in UTC", () => {
    expect(ledgerRecordCanonical(EXAMPLE)).toBe(
      `{"action":"save_custom","bannerVersion":"3","consentId":"c_8Q2kd","country":"NO","gpc":false,"jurisdiction":"EEA","language":"nb",` +
        `"occurredAt":"2026-05-03T10:21:07.412Z","path":"/checkout","personalDataDigest":"${"c".repeat(64)}",` +
        `"policy":{"kind":"privacy","sha256":"${"b".repeat(64)}","version":"2.0"},` +
        `"purposes":{"preferences":"acknowledged","product_analytics":"denied","tidio":"granted"},` +
        `"receivedAt":"2026-05-03T10:21:07.530Z","recordId":"0f6c1a52-3c1e-4d0f-9a53-1f1b8f0e2a11","seq":1,` +
        `"subjectDigest":"${"a".repeat(64)}","tenantId":"${TENANT}"}`,
    );
  });

  it("writes exactly what the general RFC 8785 canonicalize() writes for the chained fields, whatever the strings", () => {
    const anyText = fc.string({ unit: "binary", maxLength: 24 });
    const wild = recordContent.chain((content) =>
      fc
        .record({
          consentId: anyText,
          path: anyText,
          language: anyText,
          bannerVersion: anyText,
          country: fc.option(anyText, { nil: null }),
        })
        .map((strings) => ({ ...content, ...strings, tenantId: TENANT, seq: 42 }) as LedgerRecord),
    );
    fc.assert(
      fc.property(wild, (record) => {
        expect(ledgerRecordCanonical(record)).toBe(canonicalize(chainedFields(record)));
      }),
      { numRuns: 1000 },
    );
  });

  it("hashes the previous hash, a newline and the canonical JSON with sha256", () => {
    const expected = createHash("sha256")
      .update(`${GENESIS_HASH}\n${ledgerRecordCanonical(EXAMPLE)}`)
      .digest("hex");
    expect(ledgerEntryHash(GENESIS_HASH, EXAMPLE)).toBe(expected);
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  it("does not depend on the order of keys or purposes, extra columns, date form or a null policy hash", () => {
    const permutation = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
    const orders = recordContent.chain((content) => {
      const record: LedgerRecord = { ...content, tenantId: TENANT, seq: 7 };
      return fc.tuple(fc.constant(record), permutation(Object.keys(record)), permutation(Object.keys(record.purposes)));
    });
    fc.assert(
      fc.property(orders, ([record, keyOrder, purposeOrder]) => {
        const purposes = Object.fromEntries(purposeOrder.map((key) => [key, record.purposes[key]]));
        const reordered = Object.fromEntries(
          keyOrder.map((key) => [key, key === "purposes" ? purposes : record[key as keyof LedgerRecord]]),
        );
        const asRead = {
          ...reordered,
          receivedAt: new Date(record.receivedAt),
          policy: { version: record.policy.version, kind: record.policy.kind, sha256: record.policy.sha256 ?? null },
          hash: "stored",
          prevHash: "stored",
          createdBy: "a column added later",
        } as unknown as LedgerRecord;
        expect(Object.keys(asRead.purposes)).toEqual(purposeOrder);
        expect(ledgerRecordCanonical(asRead)).toBe(ledgerRecordCanonical(record));
        expect(ledgerEntryHash(GENESIS_HASH, asRead)).toBe(ledgerEntryHash(GENESIS_HASH, record));
      }),
    );
  });

  it("changes with any chained field", () => {
    const base = ledgerRecordCanonical(EXAMPLE);
    const edits: Partial<LedgerRecord>[] = [
      { tenantId: "other" },
      { seq: 2 },
      { receivedAt: "2026-05-03T10:21:07.531Z" },
      { purposes: { ...EXAMPLE.purposes, product_analytics: "granted" } },
      { policy: { kind: "privacy", version: "2.0" } },
      { gpc: true },
      { jurisdiction: "OTHER" },
      { country: null },
      { country: "SE" },
    ];
    for (const edit of edits) expect(ledgerRecordCanonical({ ...EXAMPLE, ...edit }), JSON.stringify(edit)).not.toBe(base);
  });

  it("refuses a record it cannot encode faithfully", () => {
    expect(() => ledgerRecordCanonical({ ...EXAMPLE, seq: 1.5 })).toThrow(RangeError);
    expect(() => ledgerRecordCanonical({ ...EXAMPLE, occurredAt: "yesterday" })).toThrow(RangeError);
    const [stored] = buildChain([EXAMPLE]);
    expect(() => verifyLedgerChain([{ ...stored, seq: "1" } as unknown as StoredLedgerRecord])).toThrow(TypeError);
  });
});

/** A field edit that leaves seq alone; every one changes what the hash covers. */
const edit = fc.constantFrom<(record: StoredLedgerRecord) => StoredLedgerRecord>(
  (record) => ({ ...record, gpc: !record.gpc }),
  (record) => ({ ...record, action: record.action === "withdraw" ? "accept_all" : "withdraw" }),
  (record) => ({
    ...record,
    purposes: { ...record.purposes, zz_inserted: record.purposes.zz_inserted === "granted" ? "denied" : "granted" },
  }),
  (record) => ({ ...record, path: `${record.path}x` }),
  (record) => ({ ...record, occurredAt: new Date(Date.parse(String(record.occurredAt)) + 1).toISOString() }),
  (record) => ({ ...record, personalDataDigest: "f".repeat(64) === record.personalDataDigest ? "e".repeat(64) : "f".repeat(64) }),
  (record) => ({ ...record, hash: record.hash === GENESIS_HASH ? "1".repeat(64) : GENESIS_HASH }),
  (record) => ({ ...record, prevHash: `${record.prevHash}0` }),
);

describe("verifyLedgerChain", () => {
  it("passes any chain the server writes, answering its length and head", () => {
    fc.assert(
      fc.property(chainOf(0), (chain) => {
        const last = chain.at(-1);
        expect(verifyLedgerChain(chain, { expectedFirstSeq: 1, expectedFirstPrevHash: GENESIS_HASH })).toEqual({
          ok: true,
          count: chain.length,
          linkOnly: 0,
          head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH },
        });
        if (last) expect(verifyLedgerChain(chain, { checkpoint: { seq: last.seq, hash: last.hash } }).ok).toBe(true);
      }),
    );
  });

  it("verifies page by page from the previous page's head, with the checkpoint on the page that reaches it", () => {
    fc.assert(
      fc.property(chainOf(2), fc.nat(), fc.nat(), (chain, splitSeed, checkpointSeed) => {
        const split = 1 + (splitSeed % (chain.length - 1));
        const target = chain[checkpointSeed % chain.length] as StoredLedgerRecord;
        const checkpoint = { seq: target.seq, hash: target.hash };
        const first = verifyLedgerChain(chain.slice(0, split), target.seq <= split ? { checkpoint } : {});
        if (!first.ok) throw new Error("the first page breaks");
        const second = verifyLedgerChain(chain.slice(split), {
          expectedFirstSeq: first.head.seq + 1,
          expectedFirstPrevHash: first.head.hash,
          ...(target.seq > split ? { checkpoint } : {}),
        });
        expect(second).toEqual({
          ok: true,
          count: chain.length - split,
          linkOnly: 0,
          head: { seq: chain.length, hash: chain.at(-1)?.hash },
        });
      }),
    );
  });

  it("names an edited record", () => {
    fc.assert(
      fc.property(chainOf(1), fc.nat(), edit, (chain, seed, change) => {
        const index = seed % chain.length;
        const tampered = chain.map((record, i) => (i === index ? change(record) : record));
        expect(verifyLedgerChain(tampered)).toEqual({ ok: false, seq: index + 1, reason: "edited" });
      }),
    );
  });

  it("names the record after one edited and re-hashed as a bad link, and a first record not linked to the genesis", () => {
    fc.assert(
      fc.property(chainOf(2), fc.nat(), (chain, seed) => {
        const index = seed % (chain.length - 1);
        const tampered = [...chain];
        const edited = { ...(chain[index] as StoredLedgerRecord), gpc: !chain[index]?.gpc };
        tampered[index] = { ...edited, hash: ledgerEntryHash(edited.prevHash, edited) };
        expect(verifyLedgerChain(tampered)).toEqual({ ok: false, seq: index + 2, reason: "bad-link" });
      }),
    );
    const chain = buildChain([EXAMPLE], 1, "1".repeat(64));
    expect(verifyLedgerChain(chain)).toEqual({ ok: false, seq: 1, reason: "bad-link" });
    expect(verifyLedgerChain(chain, { expectedFirstPrevHash: "1".repeat(64) }).ok).toBe(true);
  });

  it("names a deleted record as missing, the first one included", () => {
    fc.assert(
      fc.property(chainOf(3), fc.nat(), (chain, seed) => {
        const index = 1 + (seed % (chain.length - 2)); // a middle record
        expect(verifyLedgerChain(chain.filter((_, i) => i !== index))).toEqual({ ok: false, seq: index + 1, reason: "missing" });
      }),
    );
    const chain = buildChain([EXAMPLE, EXAMPLE]);
    expect(verifyLedgerChain(chain.slice(1))).toEqual({ ok: false, seq: 1, reason: "missing" });
  });

  it("names two swapped records as reordered, at the first place out of order", () => {
    fc.assert(
      fc.property(chainOf(2), fc.nat(), fc.nat(), (chain, a, b) => {
        const i = a % chain.length;
        const j = b % chain.length;
        fc.pre(i !== j);
        const swapped = [...chain];
        [swapped[i], swapped[j]] = [chain[j] as StoredLedgerRecord, chain[i] as StoredLedgerRecord];
        expect(verifyLedgerChain(swapped)).toEqual({ ok: false, seq: Math.min(i, j) + 1, reason: "reordered" });
      }),
    );
    const chain = buildChain([EXAMPLE, EXAMPLE, EXAMPLE]);
    expect(verifyLedgerChain([chain[0], chain[1], chain[1], chain[2]] as StoredLedgerRecord[])).toEqual({
      ok: false,
      seq: 3,
      reason: "reordered",
    });
  });

  it("names two records whose seq numbers were swapped in storage (read back in seq order) as reordered", () => {
    fc.assert(
      fc.property(chainOf(2), fc.nat(), fc.nat(), (chain, a, b) => {
        const i = a % chain.length;
        const j = b % chain.length;
        fc.pre(i !== j);
        // UPDATE … SET seq: each row keeps its content and hashes, under the other's number.
        const rewritten = chain.map((record, index) => {
          if (index === i) return { ...(chain[j] as StoredLedgerRecord), seq: record.seq };
          if (index === j) return { ...(chain[i] as StoredLedgerRecord), seq: record.seq };
          return record;
        });
        expect(verifyLedgerChain(rewritten)).toEqual({ ok: false, seq: Math.min(i, j) + 1, reason: "reordered" });
      }),
    );
  });

  it("names a chain that ends before its checkpoint as truncated, at the first seq gone", () => {
    fc.assert(
      fc.property(chainOf(1), fc.nat(), fc.nat(), (chain, a, b) => {
        const target = chain[a % chain.length] as StoredLedgerRecord;
        const kept = b % target.seq; // 0 to target.seq − 1 records survive
        expect(verifyLedgerChain(chain.slice(0, kept), { checkpoint: { seq: target.seq, hash: target.hash } })).toEqual({
          ok: false,
          seq: kept + 1,
          reason: "truncated",
        });
      }),
    );
  });

  it("names a chain rewritten after its checkpoint as truncated, at the checkpoint's seq", () => {
    fc.assert(
      fc.property(chainOf(1), fc.nat(), fc.nat(), (chain, a, b) => {
        const target = chain[a % chain.length] as StoredLedgerRecord;
        const from = b % target.seq; // rewritten from this index on, the checkpointed record included
        const tail = chain
          .slice(from)
          .map(({ seq: _seq, tenantId: _tenant, hash: _hash, prevHash: _prev, ...content }) => ({ ...content, gpc: !content.gpc }));
        const rewritten = [...chain.slice(0, from), ...buildChain(tail, from + 1, chain[from - 1]?.hash ?? GENESIS_HASH)];
        expect(verifyLedgerChain(rewritten).ok).toBe(true);
        const result = verifyLedgerChain(rewritten, { checkpoint: { seq: target.seq, hash: target.hash } });
        expect(result).toEqual({ ok: false, seq: target.seq, reason: "truncated" });
      }),
    );
  });

  it("checks a checkpoint at the start of the range against the expected previous hash, and refuses one before it", () => {
    const chain = buildChain([EXAMPLE, EXAMPLE, EXAMPLE]);
    const page = chain.slice(2);
    const options = { expectedFirstSeq: 3, expectedFirstPrevHash: chain[1]?.hash ?? "" };
    expect(verifyLedgerChain(page, { ...options, checkpoint: { seq: 2, hash: chain[1]?.hash ?? "" } }).ok).toBe(true);
    expect(verifyLedgerChain(page, { ...options, checkpoint: { seq: 2, hash: GENESIS_HASH } })).toEqual({
      ok: false,
      seq: 2,
      reason: "truncated",
    });
    expect(() => verifyLedgerChain(page, { ...options, checkpoint: { seq: 1, hash: chain[0]?.hash ?? "" } })).toThrow(RangeError);
    expect(verifyLedgerChain([], { checkpoint: { seq: 2, hash: chain[1]?.hash ?? "" } })).toEqual({
      ok: false,
      seq: 1,
      reason: "truncated",
    });
  });
});
