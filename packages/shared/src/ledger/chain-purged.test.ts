/**
 * Removed (purged) entries in a chain: accepted by their links when a signed checkpoint pins the
 * entry before their run (or the run starts the chain), and every other change still detected.
 */
import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  type LedgerChainEntry,
  type LedgerRecord,
  ledgerEntryHash,
  type PurgedLedgerEntry,
  type StoredLedgerRecord,
  verifyLedgerChain,
} from "./chain.js";

const TENANT = "6f1d2c3b-0000-4000-8000-000000000001";

function record(seq: number, prevHash: string, path = "/"): StoredLedgerRecord {
  const content: LedgerRecord = {
    tenantId: TENANT,
    seq,
    recordId: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    receivedAt: "2026-01-01T00:00:00.000Z",
    occurredAt: "2026-01-01T00:00:00.000Z",
    subjectDigest: "a".repeat(64),
    consentId: `c_${seq}`,
    policy: { kind: "privacy", version: "2.0" },
    bannerVersion: "3",
    action: "accept_all",
    purposes: { analytics: "granted" },
    language: "nb",
    path,
    gpc: false,
    country: "NO",
    jurisdiction: "EEA",
    personalDataDigest: "b".repeat(64),
  };
  return { ...content, prevHash, hash: ledgerEntryHash(prevHash, content) };
}

function chainOf(length: number): StoredLedgerRecord[] {
  const chain: StoredLedgerRecord[] = [];
  for (let seq = 1; seq <= length; seq++) chain.push(record(seq, chain.at(-1)?.hash ?? GENESIS_HASH));
  return chain;
}

/** What a purge leaves of a record. */
function purged(entry: StoredLedgerRecord): PurgedLedgerEntry {
  return {
    tenantId: entry.tenantId,
    seq: entry.seq,
    recordId: entry.recordId,
    receivedAt: entry.receivedAt,
    purgedAt: "2027-01-01T00:00:00.000Z",
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** The chain with the given seqs purged. */
function purgeSeqs(chain: StoredLedgerRecord[], seqs: number[]): LedgerChainEntry[] {
  return chain.map((entry) => (seqs.includes(entry.seq) ? purged(entry) : entry));
}

const pin = (chain: StoredLedgerRecord[], ...seqs: number[]) =>
  new Map(seqs.map((seq) => [seq, (chain[seq - 1] as StoredLedgerRecord).hash]));

describe("verifyLedgerChain with purged entries", () => {
  it("accepts a removed run after a pinned entry, counting it as verified by links only", () => {
    const chain = chainOf(10);
    const entries = purgeSeqs(chain, [3, 4, 5, 8]);
    const result = verifyLedgerChain(entries, { pinned: pin(chain, 2, 7) });
    expect(result).toEqual({ ok: true, count: 10, linkOnly: 4, head: { seq: 10, hash: chain[9]?.hash } });
  });

  it("accepts a run that starts the chain without a pin, and one that ends it under the checkpoint", () => {
    const chain = chainOf(6);
    const entries = purgeSeqs(chain, [1, 2, 6]);
    const last = chain[5] as StoredLedgerRecord;
    const result = verifyLedgerChain(entries, { pinned: pin(chain, 5), checkpoint: { seq: 6, hash: last.hash } });
    expect(result).toMatchObject({ ok: true, linkOnly: 3 });
  });

  it("reports a removed entry no purge can have left (no signed checkpoint before its run) as edited", () => {
    const chain = chainOf(8);
    expect(verifyLedgerChain(purgeSeqs(chain, [4, 5]))).toEqual({ ok: false, seq: 4, reason: "edited" });
    // A pin elsewhere, or one with another hash, anchors nothing.
    expect(verifyLedgerChain(purgeSeqs(chain, [4, 5]), { pinned: pin(chain, 2) })).toEqual({ ok: false, seq: 4, reason: "edited" });
    expect(verifyLedgerChain(purgeSeqs(chain, [4, 5]), { pinned: new Map([[3, GENESIS_HASH]]) })).toEqual({
      ok: false,
      seq: 4,
      reason: "edited",
    });
  });

  it("reports a purged-looking entry whose neighbours do not link to it", () => {
    const chain = chainOf(8);
    const pinned = pin(chain, 3);
    // Its prevHash is not the hash of the entry before it.
    const badPrev = purgeSeqs(chain, [4]).map((entry) => (entry.seq === 4 ? { ...entry, prevHash: "c".repeat(64) } : entry));
    expect(verifyLedgerChain(badPrev, { pinned })).toEqual({ ok: false, seq: 4, reason: "bad-link" });
    // Its hash is not the next entry's prevHash.
    const badHash = purgeSeqs(chain, [4]).map((entry) => (entry.seq === 4 ? { ...entry, hash: "d".repeat(64) } : entry));
    expect(verifyLedgerChain(badHash, { pinned })).toEqual({ ok: false, seq: 5, reason: "bad-link" });
    // Within a run, too.
    const badMiddle = purgeSeqs(chain, [4, 5, 6]).map((entry) => (entry.seq === 5 ? { ...entry, hash: "e".repeat(64) } : entry));
    expect(verifyLedgerChain(badMiddle, { pinned })).toEqual({ ok: false, seq: 6, reason: "bad-link" });
  });

  it("still binds the records before a removed run: rewriting one and relinking the run is caught by the pin", () => {
    const chain = chainOf(8);
    const pinned = pin(chain, 3);
    const entries = purgeSeqs(chain, [4, 5]);
    // Rewrite record 3 (content and hash) and point the removed entry 4 at it.
    const forged = record(3, (chain[1] as StoredLedgerRecord).hash, "/rewritten");
    const tampered = entries.map((entry) => (entry.seq === 3 ? forged : entry.seq === 4 ? { ...entry, prevHash: forged.hash } : entry));
    expect(verifyLedgerChain(tampered, { pinned })).toEqual({ ok: false, seq: 4, reason: "edited" });
  });

  it("verifies page by page, carrying whether the last entry of a page was removed", () => {
    const chain = chainOf(9);
    const entries = purgeSeqs(chain, [4, 5, 6]);
    const pinned = pin(chain, 3);
    const first = verifyLedgerChain(entries.slice(0, 5), { pinned });
    expect(first).toMatchObject({ ok: true, linkOnly: 2 });
    if (!first.ok) return;
    const options = { expectedFirstSeq: 6, expectedFirstPrevHash: first.head.hash, pinned };
    expect(verifyLedgerChain(entries.slice(5), { ...options, previousPurged: true })).toMatchObject({ ok: true, linkOnly: 1 });
    expect(verifyLedgerChain(entries.slice(5), options)).toEqual({ ok: false, seq: 6, reason: "edited" });
  });

  it("still tells a missing or repeated entry from a removed one", () => {
    const chain = chainOf(6);
    const entries = purgeSeqs(chain, [3]);
    const pinned = pin(chain, 2);
    expect(
      verifyLedgerChain(
        entries.filter((entry) => entry.seq !== 3),
        { pinned },
      ),
    ).toEqual({ ok: false, seq: 3, reason: "missing" });
    const repeated = [...entries.slice(0, 3), entries[2] as LedgerChainEntry, ...entries.slice(3)];
    expect(verifyLedgerChain(repeated, { pinned })).toEqual({ ok: false, seq: 4, reason: "reordered" });
  });
});
