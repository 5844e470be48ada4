import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyContentSha256 } from "../schemas/policies.js";
import { GENESIS_HASH, type LedgerRecord, ledgerEntryHash, type StoredLedgerRecord } from "./chain.js";
import { assembleEvidencePack, type EvidencePack, type EvidencePolicy } from "./evidence-pack.js";
import { ledgerKeyIdOf, type SignatureVerifier, verifyEvidencePack } from "./evidence-pack-verify.js";

const TENANT = { id: "6f1d2c3b-0000-4000-8000-000000000001", slug: "northwave", name: "Northwave" };
const SUBJECT = "a".repeat(64);
const OTHER = "b".repeat(64);

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const rawPublicKey = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const nodeVerify: SignatureVerifier = (key, message, signature) => {
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(key, "base64")]);
  return verify(null, Buffer.from(message), createPublicKey({ key: der, format: "der", type: "spki" }), Buffer.from(signature, "base64"));
};

function chainOf(count: number, subjectAt: (seq: number) => string): StoredLedgerRecord[] {
  const records: StoredLedgerRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const record: LedgerRecord = {
      tenantId: TENANT.id,
      seq,
      recordId: `0190a000-0000-7000-8000-${String(seq).padStart(12, "0")}`,
      receivedAt: new Date(Date.UTC(2026, 0, 1, 12, seq)),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 12, seq) - 500),
      subjectDigest: subjectAt(seq),
      consentId: `c_${seq}`,
      policy: { kind: "privacy", version: "2.0", sha256: null },
      bannerVersion: "3",
      action: seq % 2 ? "accept_all" : "reject_all",
      purposes: { preferences: "acknowledged", product_analytics: seq % 2 ? "granted" : "denied" },
      language: "nb",
      path: "/",
      gpc: false,
      country: "NO",
      jurisdiction: "EEA",
      personalDataDigest: "c".repeat(64),
    };
    const hash = ledgerEntryHash(prevHash, record);
    records.push({ ...record, prevHash, hash });
    prevHash = hash;
  }
  return records;
}

const TEMPLATE = { title: "Privacy", markdown: "# Privacy\n\n{{company}} keeps your data safe.", purposes: [] };
function policyFor(recordIds: string[]): EvidencePolicy {
  const markdown = "# Privacy\n\nNorthwave keeps your data safe.";
  return {
    kind: "privacy",
    version: "2.0",
    addendumVersion: null,
    effectiveAt: "2025-12-01T00:00:00.000Z",
    title: "Privacy",
    markdown,
    html: "<h1>Privacy</h1>",
    sha256: createHash("sha256").update(markdown).digest("hex"),
    purposes: [],
    template: { ...TEMPLATE, sha256: policyContentSha256(TEMPLATE) },
    shownFor: recordIds,
  };
}

/** A subject's pack: its records among `count`, the chain from its oldest to a checkpoint at `count`. */
function subjectPack(count = 8, isSubject = (seq: number) => seq % 3 === 0): EvidencePack {
  const all = chainOf(count, (seq) => (isSubject(seq) ? SUBJECT : OTHER));
  const records = all.filter((record) => record.subjectDigest === SUBJECT);
  const head = all.at(-1) as StoredLedgerRecord;
  const signedAt = "2026-01-01T13:00:00.000Z";
  const oldest = (records[0] as StoredLedgerRecord).seq;
  const pack = assembleEvidencePack({
    generatedAt: new Date("2026-01-02T00:00:00Z"),
    tenant: TENANT,
    target: { kind: "subject", subjectDigest: SUBJECT },
    records,
    chain: all.slice(oldest - 1),
    checkpoint: {
      seq: head.seq,
      hash: head.hash,
      signedAt,
      keyId: ledgerKeyIdOf(rawPublicKey) as string,
      publicKey: rawPublicKey,
      signature: "",
    },
    policies: [policyFor(records.map((record) => record.recordId))],
  });
  pack.checkpoint.signature = sign(null, Buffer.from(pack.checkpoint.message), privateKey).toString("base64");
  return JSON.parse(JSON.stringify(pack)) as EvidencePack;
}

const reasons = async (pack: unknown, trusted?: string[]) =>
  (await verifyEvidencePack(pack, { verifySignature: nodeVerify, trustedPublicKeys: trusted })).problems.map((p) => p.reason);

describe("verifyEvidencePack", () => {
  it("accepts a valid pack, and reports what it checked", async () => {
    const result = await verifyEvidencePack(subjectPack(), { verifySignature: nodeVerify, trustedPublicKeys: [rawPublicKey] });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checked).toMatchObject({ records: 2, links: 6, fromSeq: 3, policies: 1, recordsWithoutPolicy: 0 });
    expect(result.checked?.checkpoint).toMatchObject({ seq: 8, trusted: true });
  });

  it("accepts any chain length and choice of the subject's records (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), async (count, every) => {
        const pack = subjectPack(count, (seq) => seq % every === 0 || seq === count);
        expect(await reasons(pack)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("rejects a record whose field was edited", async () => {
    const pack = subjectPack();
    (pack.records[0] as { purposes: Record<string, string> }).purposes.product_analytics = "denied";
    const result = await verifyEvidencePack(pack, { verifySignature: nodeVerify });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.where, p.reason])).toEqual([["records[0] (seq 3)", "edited"]]);
  });

  it("rejects an edit of the same record in both the records and the chain at the broken link", async () => {
    const pack = subjectPack();
    for (const entry of [pack.records[0], pack.chain[0]]) (entry as { country: string }).country = "SE";
    expect(await reasons(pack)).toEqual(["edited", "not-in-chain", "edited"]);
  });

  it("rejects a chain with a middle link dropped", async () => {
    const pack = subjectPack();
    pack.chain.splice(2, 1);
    const result = await verifyEvidencePack(pack, { verifySignature: nodeVerify });
    expect(result.problems).toEqual([{ where: "chain seq 5", reason: "missing", detail: "the record was deleted" }]);
  });

  it("rejects a chain that stops short of the checkpoint", async () => {
    const pack = subjectPack();
    pack.chain.pop();
    expect(await reasons(pack)).toEqual(["truncated"]);
  });

  it("rejects a swapped checkpoint signature, another key, and an untrusted key", async () => {
    const swapped = subjectPack();
    swapped.checkpoint.signature = sign(null, Buffer.from("something else"), privateKey).toString("base64");
    expect(await reasons(swapped)).toEqual(["bad-checkpoint"]);

    const other = generateKeyPairSync("ed25519");
    const otherKey = other.publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
    const resigned = subjectPack();
    resigned.checkpoint.signature = sign(null, Buffer.from(resigned.checkpoint.message), other.privateKey).toString("base64");
    resigned.checkpoint.publicKey = otherKey;
    resigned.checkpoint.keyId = ledgerKeyIdOf(otherKey) as string;
    expect(await reasons(resigned)).toEqual([]);
    expect(await reasons(resigned, [rawPublicKey])).toEqual(["untrusted-key"]);
  });

  it("rejects a checkpoint moved to another hash, even with a matching message", async () => {
    const pack = subjectPack();
    pack.checkpoint.hash = "f".repeat(64);
    pack.checkpoint.message = pack.checkpoint.message.replace(/"hash":"[0-9a-f]+"/, `"hash":"${"f".repeat(64)}"`);
    expect(await reasons(pack)).toEqual(["truncated", "bad-checkpoint"]);
  });

  it("rejects changed policy text, a changed template, and a policy shown for another version", async () => {
    const text = subjectPack();
    (text.policies[0] as EvidencePolicy).markdown += " Or not.";
    expect(await reasons(text)).toEqual(["policy-hash"]);

    const template = subjectPack();
    (template.policies[0] as EvidencePolicy).template = { ...TEMPLATE, title: "Other", sha256: policyContentSha256(TEMPLATE) };
    expect(await reasons(template)).toEqual(["policy-template-hash"]);

    const version = subjectPack();
    (version.policies[0] as EvidencePolicy).version = "1.0";
    expect(await reasons(version)).toEqual(["policy-mismatch", "policy-mismatch"]);
  });

  it("rejects another subject's record slipped in, and a file that is not a pack", async () => {
    const pack = subjectPack();
    (pack.records as unknown[]).push(pack.chain[1]);
    expect(await reasons(pack)).toContain("target");

    const result = await verifyEvidencePack({ format: "something/1" }, { verifySignature: nodeVerify });
    expect(result.ok).toBe(false);
    expect(result.checked).toBeNull();
    expect(result.problems[0]).toMatchObject({ where: "format", reason: "format" });
  });

  it("names keys as the server does", () => {
    const der = createPrivateKey({ key: privateKey.export({ format: "pem", type: "pkcs8" }) });
    expect(der.asymmetricKeyType).toBe("ed25519");
    const expected = createHash("sha256").update(Buffer.from(rawPublicKey, "base64")).digest("hex").slice(0, 16);
    expect(ledgerKeyIdOf(rawPublicKey)).toBe(expected);
  });
});
