/**
 * The consent evidence pack: one JSON document that proves what a record (or every record of one
 * subject) said, that it is part of the tenant's chain, that a signed checkpoint covers it, and what
 * policy text the visitor was shown. Everything needed to check it offline is inside: the chained
 * fields exactly as hashed, every link from the oldest packed record up to the checkpoint, the
 * checkpoint with its public key and signature, and the policy text with its hashes. Pure: the
 * server assembles packs with assembleEvidencePack, and verifyEvidencePack (evidence-pack-verify.ts)
 * checks them anywhere.
 */
import { z } from "zod";
import type { PolicyPurpose } from "../policies/purposes.js";
import {
  chainedFields,
  isPurgedLedgerEntry,
  type LedgerChainEntry,
  ledgerCheckpointMessage,
  type PurgedLedgerEntry,
  type StoredLedgerRecord,
} from "./chain.js";

export const EVIDENCE_PACK_FORMAT = "masterchannel-consent-evidence/1";

/** A record as the pack holds it: exactly the fields its hash covers (chainedFields), then its hashes. */
export type EvidenceEntry = ReturnType<typeof chainedFields> & { prevHash: string; hash: string };

/**
 * What a retention purge left of a record between the packed ones and the checkpoint: its place,
 * its hashes and when it was removed. It is checked by its links, anchored by a checkpoint in
 * `anchors` over the entry before its run of removed records.
 */
export interface EvidencePurgedEntry {
  tenantId: string;
  seq: number;
  recordId: string;
  receivedAt: string;
  purgedAt: string;
  prevHash: string;
  hash: string;
}

export type EvidenceChainEntry = EvidenceEntry | EvidencePurgedEntry;

/** A policy as the visitor was shown it, and the published template it was rendered from. */
export interface EvidencePolicy {
  kind: string;
  version: string;
  addendumVersion: number | null;
  effectiveAt: string;
  title: string;
  /** The rendered text shown (the tenant's values filled in): what `sha256` covers. */
  markdown: string;
  /** `markdown` as the dashboard displays it (sanitised HTML); a convenience, not hashed. */
  html: string;
  /** Hex sha256 of `markdown`'s UTF-8 bytes. */
  sha256: string;
  /** The purposes as the banner listed them. */
  purposes: unknown[];
  /** The published template: `sha256` is policyContentSha256 of title, markdown and purposes, as records name it. */
  template: { title: string; markdown: string; purposes: PolicyPurpose[]; sha256: string } | null;
  /** The packed records this text was shown for. */
  shownFor: string[];
}

export interface EvidenceCheckpoint {
  seq: number;
  hash: string;
  signedAt: string;
  /** First 16 hex digits of sha256 over the raw public key. */
  keyId: string;
  /** Raw Ed25519 public key (32 bytes), base64. */
  publicKey: string;
  /** Ed25519 signature over the UTF-8 of `message`, base64. */
  signature: string;
  /** ledgerCheckpointMessage of the tenant id, seq, hash and signedAt. */
  message: string;
}

export type EvidenceTarget = { kind: "record"; recordId: string } | { kind: "subject"; subjectDigest: string };

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  generatedAt: string;
  tenant: { id: string; slug: string; name: string };
  /** What was packed: one record, or every record of a subject (by its keyed digest). */
  target: EvidenceTarget;
  howToVerify: string;
  /** The packed records, oldest first. */
  records: EvidenceEntry[];
  /** Every record from the oldest packed one to the checkpoint, in seq order, so each link can be recomputed. */
  chain: EvidenceChainEntry[];
  checkpoint: EvidenceCheckpoint;
  /**
   * Signed checkpoints over the entry just before each run of records that retention removed from
   * `chain` (empty when none was removed): what binds the records before a removed run.
   */
  anchors: EvidenceCheckpoint[];
  policies: EvidencePolicy[];
}

export const EVIDENCE_PACK_HOW_TO_VERIFY = `How to verify this evidence pack offline (format ${EVIDENCE_PACK_FORMAT})

Run \`npm run ledger:verify-pack <file> [-- --trust <base64 public key>]\` from the console's repository, or check by hand:

1. Records. For each entry of "records" and "chain", take the chained fields (every field but prevHash and hash),
   encode them as canonical JSON (RFC 8785: keys sorted, no spaces; dates as UTC ISO strings with milliseconds; a
   policy without sha256 has no sha256 key), and compute sha256 over prevHash + "\\n" + that JSON (UTF-8, hex).
   It must equal the entry's hash. Each packed record must appear in "chain" with the same seq and hash.
2. Links. In "chain", seq increases by one from entry to entry, and each entry's prevHash is the hash of the
   entry before it. The last entry's seq and hash are the checkpoint's seq and hash.
3. Checkpoint. "message" is "masterchannel-consent-ledger-checkpoint/v1\\n" followed by the canonical JSON of
   { tenantId, seq, hash, signedAt } (tenantId is tenant.id). Verify "signature" (Ed25519, base64) over the UTF-8
   of the message with "publicKey" (raw 32 bytes, base64), and compare the public key with one the operator
   published: a pack alone cannot prove which key is the operator's. keyId is the first 16 hex digits of
   sha256 over the raw public key.
   Records removed by retention appear in "chain" with only tenantId, seq, recordId, receivedAt, purgedAt,
   prevHash and hash: their content is gone, so they are checked by their links alone. The entry before each run
   of removed entries must be pinned by one of "anchors" (a checkpoint, checked as in step 3, whose seq and hash
   are that entry's): that signature is what binds the records before the run.
4. Policies. sha256 over the UTF-8 of each policy's "markdown" (the text as shown) must equal its "sha256";
   the template's sha256 is that of the canonical JSON of { title, markdown, purposes } of the template, and a
   record naming a policy sha256 names that one. "html" is a rendering of "markdown" for reading only.

Because each hash covers the one before it, the signed checkpoint commits to every record in the chain up to it:
changing, removing or reordering any of them changes the checkpoint's hash. The subject and personal data
appear only as keyed digests (subjectDigest, personalDataDigest).`;

export interface AssembleEvidencePackInput {
  generatedAt: Date;
  tenant: { id: string; slug: string; name: string };
  target: EvidenceTarget;
  records: readonly StoredLedgerRecord[];
  chain: readonly LedgerChainEntry[];
  checkpoint: CheckpointInput;
  /** Checkpoints over the entry before each run of removed records in `chain`. */
  anchors?: readonly CheckpointInput[];
  policies: EvidencePolicy[];
}

type CheckpointInput = Omit<EvidenceCheckpoint, "message" | "signedAt"> & { signedAt: string | Date };

/** An entry as hashed: chainedFields plus the stored hashes, nothing else (no database column added later). */
export function evidenceEntryOf(record: StoredLedgerRecord): EvidenceEntry {
  return { ...chainedFields(record), prevHash: record.prevHash, hash: record.hash };
}

/** A link of the chain as the pack holds it: a record as hashed, or what a purge left of one. */
export function evidenceChainEntryOf(entry: LedgerChainEntry): EvidenceChainEntry {
  if (!isPurgedLedgerEntry(entry)) return evidenceEntryOf(entry);
  const purged: PurgedLedgerEntry = entry;
  return {
    tenantId: purged.tenantId,
    seq: purged.seq,
    recordId: purged.recordId,
    receivedAt: new Date(purged.receivedAt).toISOString(),
    purgedAt: new Date(purged.purgedAt).toISOString(),
    prevHash: purged.prevHash,
    hash: purged.hash,
  };
}

function evidenceCheckpointOf(tenantId: string, checkpoint: CheckpointInput): EvidenceCheckpoint {
  const signedAt = new Date(checkpoint.signedAt).toISOString();
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    signedAt,
    keyId: checkpoint.keyId,
    publicKey: checkpoint.publicKey,
    signature: checkpoint.signature,
    message: ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt }),
  };
}

/** Puts a pack together from what the server read. Checks nothing: verifyEvidencePack does. */
export function assembleEvidencePack(input: AssembleEvidencePackInput): EvidencePack {
  return {
    format: EVIDENCE_PACK_FORMAT,
    generatedAt: input.generatedAt.toISOString(),
    tenant: input.tenant,
    target: input.target,
    howToVerify: EVIDENCE_PACK_HOW_TO_VERIFY,
    records: input.records.map(evidenceEntryOf),
    chain: input.chain.map(evidenceChainEntryOf),
    checkpoint: evidenceCheckpointOf(input.tenant.id, input.checkpoint),
    anchors: (input.anchors ?? []).map((anchor) => evidenceCheckpointOf(input.tenant.id, anchor)),
    policies: input.policies,
  };
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 hex digits");

const ZEvidenceEntry = z.looseObject({
  tenantId: z.string(),
  seq: z.number().int().nonnegative(),
  recordId: z.string(),
  receivedAt: z.string(),
  occurredAt: z.string(),
  subjectDigest: z.string(),
  consentId: z.string(),
  policy: z.object({ kind: z.string(), version: z.string(), sha256: z.string().nullish() }),
  bannerVersion: z.string(),
  action: z.string(),
  purposes: z.record(z.string(), z.string()),
  language: z.string(),
  path: z.string(),
  gpc: z.boolean(),
  country: z.string().nullable(),
  jurisdiction: z.string(),
  personalDataDigest: z.string(),
  prevHash: hex64,
  hash: hex64,
});

const ZEvidencePurgedEntry = z.object({
  tenantId: z.string(),
  seq: z.number().int().nonnegative(),
  recordId: z.string(),
  receivedAt: z.string(),
  purgedAt: z.string(),
  prevHash: hex64,
  hash: hex64,
});

const ZEvidenceCheckpoint = z.object({
  seq: z.number().int().positive(),
  hash: hex64,
  signedAt: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
  message: z.string(),
});

/** The pack's shape, so a file from anywhere is read safely before anything is hashed. */
export const ZEvidencePack = z.object({
  format: z.literal(EVIDENCE_PACK_FORMAT, { message: `format must be ${EVIDENCE_PACK_FORMAT}` }),
  generatedAt: z.string(),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("record"), recordId: z.string() }),
    z.object({ kind: z.literal("subject"), subjectDigest: z.string() }),
  ]),
  howToVerify: z.string(),
  records: z.array(ZEvidenceEntry).min(1, "a pack holds at least one record"),
  chain: z.array(z.union([ZEvidenceEntry, ZEvidencePurgedEntry])).min(1, "a pack holds at least one link"),
  checkpoint: ZEvidenceCheckpoint,
  /** Packs made before retention existed have none. */
  anchors: z.array(ZEvidenceCheckpoint).default([]),
  policies: z.array(
    z.object({
      kind: z.string(),
      version: z.string(),
      addendumVersion: z.number().int().nullable(),
      effectiveAt: z.string(),
      title: z.string(),
      markdown: z.string(),
      html: z.string(),
      sha256: z.string(),
      purposes: z.array(z.unknown()),
      template: z.object({ title: z.string(), markdown: z.string(), purposes: z.array(z.unknown()), sha256: z.string() }).nullable(),
      shownFor: z.array(z.string()),
    }),
  ),
});
