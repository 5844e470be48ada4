/**
 * Verifies an evidence pack (evidence-pack.ts) with nothing but the pack: each record's hash, the
 * links up to the checkpoint, the checkpoint's message and Ed25519 signature, and the policy text's
 * hashes. As in chain.ts, the signature check itself is the caller's (node:crypto on the server and
 * in the CLI, Web Crypto in a browser), so this module stays free of platform APIs.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { PolicyPurpose } from "../policies/purposes.js";
import { policyContentSha256 } from "../schemas/policies.js";
import {
  GENESIS_HASH,
  isPurgedLedgerEntry,
  LEDGER_BREAK_DESCRIPTIONS,
  type LedgerChainEntry,
  type LedgerRecord,
  ledgerCheckpointMessage,
  ledgerEntryHash,
  verifyLedgerChain,
} from "./chain.js";
import { type EvidenceCheckpoint, type EvidencePack, ZEvidencePack } from "./evidence-pack.js";

export const EVIDENCE_PROBLEM_REASONS = [
  "format",
  "tenant",
  "target",
  "edited",
  "not-in-chain",
  "missing",
  "reordered",
  "truncated",
  "bad-link",
  "not-covered",
  "checkpoint-message",
  "key-id",
  "untrusted-key",
  "bad-checkpoint",
  "policy-hash",
  "policy-template-hash",
  "policy-mismatch",
] as const;
export type EvidenceProblemReason = (typeof EVIDENCE_PROBLEM_REASONS)[number];

export interface EvidenceProblem {
  /** Where in the pack: "records[0]", "chain seq 14", "checkpoint", "policies[1]", or a field path. */
  where: string;
  reason: EvidenceProblemReason;
  detail: string;
}

export interface EvidencePackVerification {
  ok: boolean;
  problems: EvidenceProblem[];
  /** What was checked, for a report; null where the pack could not be read. */
  checked: {
    records: number;
    links: number;
    /** Of the links, records removed by retention: checked by their links only. */
    linkOnly: number;
    /** Checkpoints pinning the entry before a run of removed records. */
    anchors: number;
    fromSeq: number;
    checkpoint: { seq: number; signedAt: string; keyId: string; trusted: boolean | null };
    policies: number;
    recordsWithoutPolicy: number;
  } | null;
}

/** Ed25519 verification of a base64 signature over the UTF-8 of `message` with a raw base64 public key. */
export type SignatureVerifier = (publicKey: string, message: string, signature: string) => boolean | Promise<boolean>;

export interface VerifyEvidencePackOptions {
  verifySignature: SignatureVerifier;
  /** Raw base64 public keys the checkpoint must be signed with; without them the pack's own key is used (and reported as not checked). */
  trustedPublicKeys?: readonly string[];
}

const hexSha256 = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

function base64Bytes(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** keyId as the server names keys: the first 16 hex digits of sha256 over the raw public key. */
export function ledgerKeyIdOf(publicKeyBase64: string): string | null {
  const bytes = base64Bytes(publicKeyBase64);
  return bytes ? bytesToHex(sha256(bytes)).slice(0, 16) : null;
}

/** Hashes never throw on a pack's dates: a bad date is an edit like any other. A removed entry has no hash to recompute. */
function hashOf(entry: EvidencePack["chain"][number]): string | null {
  if (isPurgedLedgerEntry(entry as unknown as LedgerChainEntry)) return null;
  try {
    return ledgerEntryHash(entry.prevHash, entry as unknown as LedgerRecord);
  } catch {
    return null;
  }
}

type Problem = Omit<EvidenceProblem, "where"> & { where: string };

/** A checkpoint's message, key id, key and signature: its problems, and whether the signature holds. */
async function checkSignedCheckpoint(
  where: string,
  tenantId: string,
  checkpoint: EvidenceCheckpoint,
  options: VerifyEvidencePackOptions,
): Promise<{ problems: Problem[]; trusted: boolean | null; signatureValid: boolean }> {
  const problems: Problem[] = [];
  let message: string | null = null;
  try {
    message = ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
  } catch (error) {
    problems.push({ where: `${where}.signedAt`, reason: "format", detail: (error as Error).message });
  }
  if (message !== null && message !== checkpoint.message) {
    problems.push({
      where: `${where}.message`,
      reason: "checkpoint-message",
      detail: "the message is not the one the checkpoint's fields give",
    });
  }
  if (ledgerKeyIdOf(checkpoint.publicKey) !== checkpoint.keyId) {
    problems.push({ where: `${where}.keyId`, reason: "key-id", detail: "the key id is not that of the public key" });
  }
  const trusted = options.trustedPublicKeys ? options.trustedPublicKeys.includes(checkpoint.publicKey) : null;
  if (trusted === false) {
    problems.push({
      where: `${where}.publicKey`,
      reason: "untrusted-key",
      detail: "the checkpoint is signed with a key not among the trusted ones",
    });
  }
  let signatureValid = false;
  try {
    signatureValid = message !== null && (await options.verifySignature(checkpoint.publicKey, message, checkpoint.signature));
  } catch {
    signatureValid = false;
  }
  if (!signatureValid)
    problems.push({ where: `${where}.signature`, reason: "bad-checkpoint", detail: "the signature does not verify with the public key" });
  return { problems, trusted, signatureValid };
}

export async function verifyEvidencePack(input: unknown, options: VerifyEvidencePackOptions): Promise<EvidencePackVerification> {
  const parsed = ZEvidencePack.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      where: issue.path.join(".") || "pack",
      reason: "format" as const,
      detail: issue.message,
    }));
    return { ok: false, problems, checked: null };
  }
  const pack = parsed.data as unknown as EvidencePack;
  const problems: EvidenceProblem[] = [];
  const problem = (where: string, reason: EvidenceProblemReason, detail: string) => problems.push({ where, reason, detail });

  // 1. The packed records: their own hashes, what was packed, and their place in the chain.
  const chainBySeq = new Map(pack.chain.map((entry) => [entry.seq, entry]));
  for (const [index, record] of pack.records.entries()) {
    const where = `records[${index}] (seq ${record.seq})`;
    if (record.tenantId !== pack.tenant.id) problem(where, "tenant", "the record belongs to another tenant than the pack's");
    if (pack.target.kind === "subject" && record.subjectDigest !== pack.target.subjectDigest) {
      problem(where, "target", "the record is of another subject than the pack's");
    }
    if (hashOf(record) !== record.hash) problem(where, "edited", LEDGER_BREAK_DESCRIPTIONS.edited);
    const link = chainBySeq.get(record.seq);
    if (!link || link.hash !== record.hash || hashOf(link) !== record.hash) {
      problem(where, "not-in-chain", "the chain does not hold this record at its seq");
    }
  }
  if (pack.target.kind === "record") {
    const { recordId } = pack.target;
    if (pack.records.length !== 1 || pack.records[0]?.recordId !== recordId) {
      problem("records", "target", `a record's pack holds exactly that record (${recordId})`);
    }
  }

  // The checkpoint and the anchors (checked first: a removed run is accepted only after a valid anchor).
  const { checkpoint } = pack;
  const checkpointCheck = await checkSignedCheckpoint("checkpoint", pack.tenant.id, checkpoint, options);
  const anchorChecks = await Promise.all(
    pack.anchors.map((anchor, index) => checkSignedCheckpoint(`anchors[${index}] (seq ${anchor.seq})`, pack.tenant.id, anchor, options)),
  );
  const pinned = new Map<number, string>();
  for (const [index, anchor] of pack.anchors.entries()) {
    if (anchorChecks[index]?.problems.length === 0) pinned.set(anchor.seq, anchor.hash);
  }

  // 2. The links, from the oldest packed record up to the checkpoint.
  const first = pack.chain[0] as EvidencePack["chain"][number];
  const oldest = Math.min(...pack.records.map((record) => record.seq));
  let linkOnly = 0;
  for (const entry of pack.chain) {
    if (entry.tenantId !== pack.tenant.id)
      problem(`chain seq ${entry.seq}`, "tenant", "the link belongs to another tenant than the pack's");
  }
  if (checkpoint.seq < Math.max(...pack.records.map((record) => record.seq))) {
    problem("checkpoint", "not-covered", "the checkpoint is older than a packed record");
  } else if (first.seq > oldest) {
    problem("chain", "not-covered", `the chain starts at seq ${first.seq}, after the oldest packed record (seq ${oldest})`);
  } else {
    let result: ReturnType<typeof verifyLedgerChain>;
    try {
      result = verifyLedgerChain(pack.chain as unknown as Parameters<typeof verifyLedgerChain>[0], {
        expectedFirstSeq: first.seq,
        expectedFirstPrevHash: first.seq === 1 ? GENESIS_HASH : first.prevHash,
        checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash },
        pinned,
      });
    } catch (error) {
      result = { ok: false, seq: first.seq, reason: "edited" };
      problem("chain", "format", (error as Error).message);
    }
    if (result.ok) linkOnly = result.linkOnly;
    else if (!problems.some((p) => p.where === "chain")) {
      problem(`chain seq ${result.seq}`, result.reason as EvidenceProblemReason, LEDGER_BREAK_DESCRIPTIONS[result.reason]);
    }
  }

  // 3. The checkpoint: its message, key id, key and signature; then the anchors, the same way.
  problems.push(...checkpointCheck.problems);
  for (const check of anchorChecks) problems.push(...check.problems);
  const trusted = checkpointCheck.trusted;

  // 4. The policies as shown: the text's hash, the template's, and the records they were shown for.
  const recordsById = new Map(pack.records.map((record) => [record.recordId, record]));
  const shown = new Set<string>();
  for (const [index, policy] of pack.policies.entries()) {
    const where = `policies[${index}] (${policy.kind} ${policy.version})`;
    if (hexSha256(policy.markdown) !== policy.sha256)
      problem(where, "policy-hash", "the text shown does not have the hash recorded for it");
    const { template } = policy;
    if (template && policyContentSha256({ ...template, purposes: template.purposes as PolicyPurpose[] }) !== template.sha256) {
      problem(`${where}.template`, "policy-template-hash", "the template's content does not have its published hash");
    }
    for (const recordId of policy.shownFor) {
      const record = recordsById.get(recordId);
      shown.add(recordId);
      if (!record) continue;
      const sameVersion = record.policy.kind === policy.kind && record.policy.version === policy.version;
      const named = record.policy.sha256;
      if (!sameVersion || (named && template?.sha256 !== named)) {
        problem(where, "policy-mismatch", `record ${recordId} names another policy (${record.policy.kind} ${record.policy.version})`);
      }
    }
  }

  return {
    ok: problems.length === 0,
    problems,
    checked: {
      records: pack.records.length,
      links: pack.chain.length,
      linkOnly,
      anchors: pack.anchors.length,
      fromSeq: first.seq,
      checkpoint: { seq: checkpoint.seq, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, trusted },
      policies: pack.policies.length,
      recordsWithoutPolicy: pack.records.filter((record) => !shown.has(record.recordId)).length,
    },
  };
}
