/**
 * Evidence packs end to end: a record's and a subject's pack from ingested records with a signed
 * checkpoint verify offline; partners never pack another tenant's; every pack is audited; and
 * `npm run ledger:verify-pack` accepts a written pack (exit 0), refuses a tampered copy (exit 1)
 * and an unreadable file (exit 2).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { auditEvents, verifySignature } from "@pc/db";
import { type EvidencePack, verifyEvidencePack } from "@pc/shared";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { NO_CHECKPOINT_MESSAGE } from "../src/routers/consent-audit/evidence-pack.service.js";
import { type AppendedRecord, appendConsent, digestOf } from "./consent-audit-fixtures.js";
import { codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, TEST_SIGNER } from "./harness.js";

const run = promisify(execFile);
const serverDir = resolve(import.meta.dirname, "..");

let h: Harness;
let staff: Client;
let northwaveViewer: Client;
let fjordsoundAdmin: Client;
let northwave: AppendedRecord[];
let dir: string;

const verify = (pack: unknown, trusted = [TEST_SIGNER.publicKey]) =>
  verifyEvidencePack(pack, { verifySignature, trustedPublicKeys: trusted });

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  northwaveViewer = await h.as("viewer@northwave.test");
  fjordsoundAdmin = await h.as("admin@fjordsound.test");
  dir = mkdtempSync(join(tmpdir(), "pc-evidence-"));
  const base = Date.now() - 30 * 60_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000);
  northwave = await appendConsent(h.db.db, h.tenantIds.northwave, [
    { subjectId: "dev_dora", consentId: "c_dora_1", receivedAt: at(1), action: "accept_all" },
    { receivedAt: at(2) },
    { subjectId: "dev_dora", consentId: "c_dora_2", receivedAt: at(3), action: "withdraw" },
    { receivedAt: at(4) },
    { receivedAt: at(5) },
  ]);
  await appendConsent(h.db.db, h.tenantIds.fjordsound, [{ subjectId: "dev_dora", receivedAt: at(1) }]);
  await signDueCheckpoints(h.db.db, TEST_SIGNER);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("consentAudit.evidencePack", () => {
  it("packs one record with the links up to the checkpoint, and the pack verifies offline", async () => {
    const record = northwave[2] as AppendedRecord;
    const pack = await northwaveViewer.caller.consentAudit.evidencePack({ recordId: record.recordId });
    expect(pack.format).toBe("masterchannel-consent-evidence/1");
    expect(pack.target).toEqual({ kind: "record", recordId: record.recordId });
    expect(pack.records.map((entry) => entry.seq)).toEqual([record.seq]);
    expect(pack.chain.map((entry) => entry.seq)).toEqual([record.seq, record.seq + 1, record.seq + 2]);
    expect(pack.checkpoint).toMatchObject({ seq: record.seq + 2, keyId: TEST_SIGNER.keyId, publicKey: TEST_SIGNER.publicKey });
    expect(pack.policies).toHaveLength(1);
    expect(pack.policies[0]).toMatchObject({ kind: "privacy", version: "2.0", shownFor: [record.recordId] });
    expect(pack.howToVerify).toContain("Ed25519");
    const result = await verify(JSON.parse(JSON.stringify(pack)));
    expect(result.problems).toEqual([]);
    expect(result.checked).toMatchObject({ records: 1, links: 3, recordsWithoutPolicy: 0, checkpoint: { trusted: true } });
  });

  it("packs every record of a subject (staff name the tenant) and audits what was packed", async () => {
    const dora = northwave.filter((record) => record.subjectId === "dev_dora");
    const pack = await staff.caller.consentAudit.evidencePack({ tenantId: h.tenantIds.northwave, subjectId: "dev_dora" });
    expect(pack.target).toEqual({ kind: "subject", subjectDigest: await digestOf(h.db.db, h.tenantIds.northwave, "dev_dora") });
    expect(pack.records.map((entry) => entry.recordId)).toEqual(dora.map((record) => record.recordId));
    expect(pack.chain[0]?.seq).toBe(dora[0]?.seq);
    expect((await verify(JSON.parse(JSON.stringify(pack)))).ok).toBe(true);

    const [event] = await h.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "consent.evidence_pack"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event).toMatchObject({ tenantId: h.tenantIds.northwave, targetType: "consent_subject" });
    expect(event?.after).toMatchObject({ records: 2, seqs: dora.map((record) => record.seq), checkpointSeq: pack.checkpoint.seq });
  });

  it("never packs another tenant's record or subject for a partner", async () => {
    const record = northwave[0] as AppendedRecord;
    expect(await codeOf(fjordsoundAdmin.caller.consentAudit.evidencePack({ recordId: record.recordId }))).toBe("NOT_FOUND");
    // A tenant id in a partner's input is ignored: dev_dora at Fjordsound is another person with one record.
    const own = await fjordsoundAdmin.caller.consentAudit.evidencePack({ tenantId: h.tenantIds.northwave, subjectId: "dev_dora" });
    expect(own.tenant.slug).toBe("fjordsound");
    expect(own.records).toHaveLength(1);
    expect(await codeOf(fjordsoundAdmin.caller.consentAudit.evidencePack({ subjectId: "dev_nobody" }))).toBe("NOT_FOUND");
  });

  it("refuses a pack no signed checkpoint covers yet", async () => {
    const [late] = await appendConsent(h.db.db, h.tenantIds.beatlab, [{ receivedAt: new Date() }]);
    const error = await errorOf(staff.caller.consentAudit.evidencePack({ recordId: (late as AppendedRecord).recordId }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(NO_CHECKPOINT_MESSAGE);
  });
});

async function verifyPackCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/ledger-verify-pack.ts", ...args], {
      cwd: serverDir,
      // No database and no settings: the pack alone.
      env: { PATH: process.env.PATH ?? "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run ledger:verify-pack", () => {
  it("verifies a written pack (exit 0), refuses a tampered copy (exit 1) and an unreadable file (exit 2)", async () => {
    const pack = (await staff.caller.consentAudit.evidencePack({ tenantId: h.tenantIds.northwave, subjectId: "dev_dora" })) as EvidencePack;
    const good = join(dir, "pack.json");
    writeFileSync(good, JSON.stringify(pack, null, 2));
    const ok = await verifyPackCli([good, "--trust", TEST_SIGNER.publicKey]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("checked with a trusted key");
    expect(ok.stdout).toContain("OK: the pack verifies.");

    const tampered = structuredClone(pack);
    (tampered.records[0] as { action: string }).action = "reject_all";
    const bad = join(dir, "tampered.json");
    writeFileSync(bad, JSON.stringify(tampered));
    const failed = await verifyPackCli([bad]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/PROBLEM\s+records\[0\] \(seq \d+\): edited/);

    writeFileSync(join(dir, "broken.json"), "{ not json");
    const unreadable = await verifyPackCli([join(dir, "broken.json")]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain("Could not read");
  }, 60_000);
});
