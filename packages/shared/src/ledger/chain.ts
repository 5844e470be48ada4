/**
 * The consent ledger's hash chain, per tenant: each record's hash covers the previous hash and the
 * record's canonical JSON (RFC 8785), records are numbered without gaps, and a signed checkpoint
 * over the head pins how far the chain reached. Personal data is in the chain only as its digest
 * (privacy.ts), so erasing it leaves every hash verifiable. Pure, as in audit/chain.ts: the server
 * writes with the same functions that the verifier, the dashboard or anyone offline checks with.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";
import type { PolicyKind } from "../policies/purposes.js";
import type { Jurisdiction } from "./privacy.js";
import type { ConsentAction, ConsentDecision } from "./wire.js";

/** The prevHash of a tenant's first record. */
export const GENESIS_HASH = "0".repeat(64);

/** What the hash covers: a record as stored, without its own hashes. */
export interface LedgerRecord {
  tenantId: string;
  /** 1, 2, 3… per tenant, without gaps. */
  seq: number;
  recordId: string;
  /** A Date or ISO string; hashed as UTC ISO with milliseconds (what a timestamptz gives back). */
  receivedAt: string | Date;
  occurredAt: string | Date;
  /** subjectDigest(): the keyed hash of the storefront's subject id. */
  subjectDigest: string;
  consentId: string;
  /** sha256: the published version's content hash (policyContentSha256); absent and null hash alike. */
  policy: { kind: PolicyKind; version: string; sha256?: string | null };
  bannerVersion: string;
  action: ConsentAction;
  purposes: Readonly<Record<string, ConsentDecision>>;
  language: string;
  path: string;
  gpc: boolean;
  /** The storefront's country hint (ISO 3166-1 alpha-2, upper case), or null without one. */
  country: string | null;
  jurisdiction: Jurisdiction;
  /** personalDataDigest() of the side-table row. */
  personalDataDigest: string;
}

/** A record as read back: with the hash of the record before it and its own. */
export interface StoredLedgerRecord extends LedgerRecord {
  prevHash: string;
  hash: string;
}

/**
 * What a retention purge leaves of a record: its place in the chain (tenant, seq, id, when it came
 * in), its two hashes, and when it was removed. Its content is gone, so its hash can no longer be
 * recomputed: verifyLedgerChain accepts it by its links (see there).
 */
export interface PurgedLedgerEntry {
  tenantId: string;
  seq: number;
  recordId: string;
  receivedAt: string | Date;
  purgedAt: string | Date;
  prevHash: string;
  hash: string;
}

/** One place in a chain: a record, or what a purge left of one. */
export type LedgerChainEntry = StoredLedgerRecord | PurgedLedgerEntry;

export function isPurgedLedgerEntry(entry: LedgerChainEntry): entry is PurgedLedgerEntry {
  const purgedAt = (entry as Partial<PurgedLedgerEntry>).purgedAt;
  return purgedAt !== undefined && purgedAt !== null;
}

function isoOf(value: string | Date, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${field} is not a date: ${String(value)}`);
  return date.toISOString();
}

/**
 * The canonical JSON (RFC 8785) of exactly the chained fields: any other property (hash, prevHash,
 * a database column added later) is left out, object keys and purposes come sorted, dates become
 * UTC ISO strings and a missing policy hash is the same as a null one. So a row read back from
 * either database encodes to the same text as the record that was written.
 */
export function ledgerRecordCanonical(record: LedgerRecord): string {
  if (!Number.isSafeInteger(record.seq) || record.seq < 0) throw new RangeError(`seq must be a whole number: ${record.seq}`);
  // RFC 8785 written out for this fixed shape (it runs for every record ingested and verified):
  // keys in UTF-16 order, strings as JSON.stringify writes them, seq a safe integer. The tests hold
  // it equal to the general canonicalize() of chainedFields().
  const s = JSON.stringify;
  const { policy } = record;
  const sha = policy.sha256 !== undefined && policy.sha256 !== null ? `"sha256":${s(policy.sha256)},` : "";
  let purposes = "";
  for (const key of Object.keys(record.purposes).sort()) {
    const decision = record.purposes[key];
    if (decision === undefined) continue;
    purposes += `${purposes === "" ? "" : ","}${s(key)}:${s(decision)}`;
  }
  return (
    `{"action":${s(record.action)},"bannerVersion":${s(record.bannerVersion)},"consentId":${s(record.consentId)},` +
    `"country":${s(record.country ?? null)},"gpc":${record.gpc ? "true" : "false"},"jurisdiction":${s(record.jurisdiction)},` +
    `"language":${s(record.language)},"occurredAt":${s(isoOf(record.occurredAt, "occurredAt"))},"path":${s(record.path)},` +
    `"personalDataDigest":${s(record.personalDataDigest)},"policy":{"kind":${s(policy.kind)},${sha}"version":${s(policy.version)}},` +
    `"purposes":{${purposes}},"receivedAt":${s(isoOf(record.receivedAt, "receivedAt"))},"recordId":${s(record.recordId)},` +
    `"seq":${record.seq},"subjectDigest":${s(record.subjectDigest)},"tenantId":${s(record.tenantId)}}`
  );
}

/** Exactly the chained fields of a record, as an object: what ledgerRecordCanonical encodes (RFC 8785). */
export function chainedFields(record: LedgerRecord) {
  const policy: { kind: PolicyKind; version: string; sha256?: string } = { kind: record.policy.kind, version: record.policy.version };
  if (record.policy.sha256 !== undefined && record.policy.sha256 !== null) policy.sha256 = record.policy.sha256;
  return {
    tenantId: record.tenantId,
    seq: record.seq,
    recordId: record.recordId,
    receivedAt: isoOf(record.receivedAt, "receivedAt"),
    occurredAt: isoOf(record.occurredAt, "occurredAt"),
    subjectDigest: record.subjectDigest,
    consentId: record.consentId,
    policy,
    bannerVersion: record.bannerVersion,
    action: record.action,
    purposes: record.purposes,
    language: record.language,
    path: record.path,
    gpc: record.gpc,
    country: record.country ?? null,
    jurisdiction: record.jurisdiction,
    personalDataDigest: record.personalDataDigest,
  };
}

/** sha256 (hex) over the previous hash, a newline, and the record's canonical JSON. */
export function ledgerEntryHash(prevHash: string, record: LedgerRecord): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${ledgerRecordCanonical(record)}`)));
}

/** A chain head: the last record's seq and hash. What a checkpoint signs. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/** A signed statement that a tenant's chain reached `head` at `signedAt`. */
export interface LedgerCheckpoint extends LedgerHead {
  tenantId: string;
  signedAt: string | Date;
}

/**
 * The exact bytes an Ed25519 checkpoint signature covers (UTF-8 of this text): a domain label, so a
 * signature over anything else can never pass for a checkpoint, then the canonical JSON of the
 * tenant, head and time.
 */
export function ledgerCheckpointMessage(checkpoint: LedgerCheckpoint): string {
  const body = canonicalize({
    tenantId: checkpoint.tenantId,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    signedAt: isoOf(checkpoint.signedAt, "signedAt"),
  });
  if (body === undefined) throw new TypeError("The checkpoint cannot be encoded");
  return `masterchannel-consent-ledger-checkpoint/v1\n${body}`;
}

/**
 * Why a chain does not verify, at the first broken sequence number:
 * - edited: the record's stored hash is not the hash of its content and stored prevHash;
 * - missing: this sequence number is absent, though a later one is present;
 * - reordered: this sequence number is present but out of place, or its place holds an earlier or
 *   repeated number (seq not increasing);
 * - truncated: the chain ends before the checkpoint's seq (the seq reported is the first one
 *   absent), or the record at the checkpoint's seq does not have the checkpoint's hash;
 * - bad-link: the record's prevHash is not the hash of the record before it (or, for the first
 *   record verified, not expectedFirstPrevHash).
 * - edited is also the answer for a removed (purged) entry where no purge can have left one: not
 *   first in the chain, not after another removed entry, and not after an entry a signed checkpoint
 *   pins (a purge signs that checkpoint before it removes anything).
 * - bad-checkpoint: a checkpoint's signature does not verify (found by whoever checks signatures,
 *   not by verifyLedgerChain).
 *
 * Records are read ordered by seq, so two rows swapped by rewriting their seq come back in seq
 * order: such a record's hash matches its content under the seq it was written with, which is
 * how it is told apart from an edit and named "reordered".
 */
export const LEDGER_BREAK_REASONS = ["edited", "missing", "reordered", "truncated", "bad-link", "bad-checkpoint"] as const;
export type LedgerBreakReason = (typeof LEDGER_BREAK_REASONS)[number];

export const LEDGER_BREAK_DESCRIPTIONS: Record<LedgerBreakReason, string> = {
  edited: "the record was changed after it was written",
  missing: "the record was deleted",
  reordered: "records are out of order",
  truncated: "records after a signed checkpoint were deleted or rewritten",
  "bad-link": "the record does not follow the one before it",
  "bad-checkpoint": "a checkpoint's signature does not verify with a trusted key",
};

export type LedgerVerification =
  | {
      ok: true;
      /** Entries verified: records recomputed, and removed ones accepted by their links. */
      count: number;
      /** Of those, the removed (purged) entries, verified by their links only. */
      linkOnly: number;
      head: LedgerHead;
    }
  | { ok: false; seq: number; reason: LedgerBreakReason };

export interface VerifyLedgerChainOptions {
  /** The seq the first record must have: 1 for a whole chain, the next one when verifying page by page. */
  expectedFirstSeq?: number;
  /** GENESIS_HASH for a whole chain; the previous page's head hash, page by page. */
  expectedFirstPrevHash?: string;
  /**
   * A checkpoint whose signature the caller has checked. Its seq must not lie before this call's
   * range (expectedFirstSeq − 1 at the earliest); page by page, pass it with the page that reaches it
   * or the last one.
   */
  checkpoint?: LedgerHead;
  /**
   * Every signed checkpoint the caller checked (seq → hash), wherever it falls: the anchors a removed
   * entry needs before it. May hold seqs outside this call's range.
   */
  pinned?: ReadonlyMap<number, string>;
  /** Whether the entry just before the first one given was removed (page by page: the previous page's last). */
  previousPurged?: boolean;
}

/**
 * Recomputes a chain from records in seq order (as a query ordered by seq returns them) and
 * answers its head, or the first sequence number where it breaks and why (LEDGER_BREAK_REASONS).
 * Long chains can be verified page by page, each page starting from the previous page's head.
 *
 * A removed (purged) entry cannot be recomputed. It is accepted by its links: its prevHash is the
 * hash of the entry before it, the next entry's prevHash is its hash, and the entry before its run
 * of removed entries is pinned by a signed checkpoint (`pinned`), unless the run starts the chain.
 * That pin is what keeps the records before a removed run bound to a signature: without it, they
 * could be rewritten and the removed entry's prevHash changed to match.
 */
export function verifyLedgerChain(records: readonly LedgerChainEntry[], options: VerifyLedgerChainOptions = {}): LedgerVerification {
  const firstSeq = options.expectedFirstSeq ?? 1;
  const { checkpoint } = options;
  if (checkpoint && checkpoint.seq < firstSeq - 1) {
    throw new RangeError(`The checkpoint at seq ${checkpoint.seq} lies before the records verified (from seq ${firstSeq})`);
  }
  let head: LedgerHead = { seq: firstSeq - 1, hash: options.expectedFirstPrevHash ?? GENESIS_HASH };
  const checkpointMatches = () => !checkpoint || checkpoint.seq !== head.seq || checkpoint.hash === head.hash;
  if (!checkpointMatches()) return { ok: false, seq: head.seq, reason: "truncated" };

  let previousPurged = options.previousPurged ?? false;
  let linkOnly = 0;
  for (const [index, record] of records.entries()) {
    const seq = firstSeq + index;
    // A bigint column read as a string would otherwise look like a gap.
    if (!Number.isSafeInteger(record.seq)) throw new TypeError(`seq must be a number, not ${typeof record.seq}: ${String(record.seq)}`);
    if (record.seq !== seq) {
      // The numbering breaks here: seq is either elsewhere in the list (out of place) or gone.
      const elsewhere = record.seq < seq || records.slice(index + 1).some((later) => later.seq === seq);
      return { ok: false, seq, reason: elsewhere ? "reordered" : "missing" };
    }
    if (isPurgedLedgerEntry(record)) {
      // Its content is gone, so it is accepted by its links: it follows the entry before it, the
      // next entry must follow it (checked there), and it sits where a purge can have left it.
      if (record.prevHash !== head.hash) return { ok: false, seq, reason: "bad-link" };
      const anchored = previousPurged || seq === 1 || options.pinned?.get(seq - 1) === head.hash;
      if (!anchored) return { ok: false, seq, reason: "edited" };
      linkOnly += 1;
      previousPurged = true;
    } else {
      if (ledgerEntryHash(record.prevHash, record) !== record.hash) {
        const moved = records.some(
          (_, other) => other !== index && ledgerEntryHash(record.prevHash, { ...record, seq: firstSeq + other }) === record.hash,
        );
        return { ok: false, seq, reason: moved ? "reordered" : "edited" };
      }
      if (record.prevHash !== head.hash) return { ok: false, seq, reason: "bad-link" };
      previousPurged = false;
    }
    head = { seq, hash: record.hash };
    if (!checkpointMatches()) return { ok: false, seq, reason: "truncated" };
  }
  if (checkpoint && checkpoint.seq > head.seq) return { ok: false, seq: head.seq + 1, reason: "truncated" };
  return { ok: true, count: records.length, linkOnly, head };
}
