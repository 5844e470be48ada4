/**
 * Data-subject requests: the workflow in order (and refused out of order), the due date one
 * calendar month out, overdue listing, erasure of exactly the subject's personal data with the
 * ledger still verifying and a receipt whose hash recomputes, the access export holding only the
 * subject's records with their evidence packs (verifiable offline, each downloadable on its own, and
 * no completion before a checkpoint covers them), every step audited, partner isolation and clear
 * errors for bad input. Paging the list: subject-requests-pages.test.ts.
 */
import { consentPersonalData, consentRecords, subjectRequests, verifySignature } from "@pc/db";
import { subjectRequestDocumentSha256, verifyEvidencePack } from "@pc/shared";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { verifyTenantLedger } from "../src/ledger/ledger-verify.js";
import { NO_CHECKPOINT_MESSAGE } from "../src/routers/consent-audit/evidence-pack.service.js";
import { type AppendedRecord, appendConsent, digestOf } from "./consent-audit-fixtures.js";
import { auditMark, clientErrorFrom, codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, TEST_SIGNER, TEST_TRUSTED_KEYS } from "./harness.js";

let h: Harness;
let staff: Client;
let northwaveAdmin: Client;
let northwaveViewer: Client;
let fjordsoundAdmin: Client;
let northwave: AppendedRecord[];
let fjordsound: AppendedRecord[];

const DAY = 86_400_000;

const fileInput = (overrides: Record<string, unknown> = {}) => ({
  kind: "erasure" as const,
  subjectIds: ["dev_erin"],
  requesterEmail: "Parent@Example.test",
  channel: "email" as const,
  ...overrides,
});

/** The personal data rows of the given records, by record id. */
async function personalDataOf(records: AppendedRecord[]) {
  const rows = await h.db.db
    .select({
      id: consentRecords.id,
      ip: consentPersonalData.ip,
      userAgent: consentPersonalData.userAgent,
      erasedAt: consentPersonalData.erasedAt,
    })
    .from(consentRecords)
    .innerJoin(
      consentPersonalData,
      and(eq(consentPersonalData.tenantId, consentRecords.tenantId), eq(consentPersonalData.digest, consentRecords.personalDataDigest)),
    )
    .where(
      inArray(
        consentRecords.id,
        records.map((record) => record.recordId),
      ),
    );
  return new Map(rows.map((row) => [row.id, row]));
}

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  northwaveAdmin = await h.as("admin@northwave.test");
  northwaveViewer = await h.as("viewer@northwave.test");
  fjordsoundAdmin = await h.as("admin@fjordsound.test");
  const at = (minutes: number) => new Date(Date.now() - 60 * 60_000 + minutes * 60_000);
  northwave = await appendConsent(h.db.db, h.tenantIds.northwave, [
    { subjectId: "dev_erin", receivedAt: at(1), action: "accept_all" },
    { subjectId: "dev_frank", receivedAt: at(2), action: "reject_all" },
    { subjectId: "dev_erin", receivedAt: at(3), action: "withdraw" },
    { subjectId: "dev_erin_tablet", receivedAt: at(4), action: "save_custom" },
    { subjectId: "dev_gina", receivedAt: at(5) },
  ]);
  // The same raw id at another tenant is another person, whose data no Northwave request touches.
  fjordsound = await appendConsent(h.db.db, h.tenantIds.fjordsound, [{ subjectId: "dev_erin", receivedAt: at(1) }]);
  // An access export carries evidence packs, which need a signed checkpoint over the records.
  await signDueCheckpoints(h.db.db, TEST_SIGNER);
});
afterAll(() => h.close());

describe("filing", () => {
  it("stores only keyed hashes and a masked hint of the subject ids, and a due date one month out", async () => {
    const receivedAt = new Date("2026-01-31T10:15:00.000Z");
    const filed = await staff.caller.subjectRequests.file(
      fileInput({ tenantId: h.tenantIds.northwave, receivedAt, subjectIds: ["dev_erin", "dev_erin_tablet"] }),
    );
    expect(filed).toMatchObject({ status: "received", kind: "erasure", requesterEmail: "parent@example.test", filedBySide: "operator" });
    expect(filed.dueAt.toISOString()).toBe("2026-02-28T10:15:00.000Z");
    expect(filed.subjectHints).toEqual(["d…n", "de…et"]);
    const [row] = await h.db.db.select().from(subjectRequests).where(eq(subjectRequests.id, filed.id));
    const text = JSON.stringify(row);
    expect(text).not.toContain("dev_erin");
    expect(row?.subjects.map((s) => s.digest)).toEqual([
      await digestOf(h.db.db, h.tenantIds.northwave, "dev_erin"),
      await digestOf(h.db.db, h.tenantIds.northwave, "dev_erin_tablet"),
    ]);
    const leap = await staff.caller.subjectRequests.file(
      fileInput({ tenantId: h.tenantIds.northwave, receivedAt: new Date("2024-01-31T23:00:00.000Z") }),
    );
    expect(leap.dueAt.toISOString()).toBe("2024-02-29T23:00:00.000Z");
    const plain = await staff.caller.subjectRequests.file(
      fileInput({ tenantId: h.tenantIds.northwave, receivedAt: new Date("2026-05-14T08:00:00.000Z") }),
    );
    expect(plain.dueAt.toISOString()).toBe("2026-06-14T08:00:00.000Z");
  });

  it("keeps a guardian's details and how they were verified for a minor", async () => {
    const filed = await northwaveAdmin.caller.subjectRequests.file(
      fileInput({
        channel: "letter",
        guardian: {
          name: "Kari Nordmann",
          relationship: "mother",
          verificationMethod: "bank_id",
          verificationNote: "BankID signed letter",
        },
      }),
    );
    expect(filed).toMatchObject({
      tenantId: h.tenantIds.northwave,
      forMinor: true,
      filedBySide: "partner",
      guardian: { name: "Kari Nordmann", relationship: "mother", verificationMethod: "bank_id" },
    });
  });

  it("answers bad input with clear errors and stores nothing", async () => {
    const before = await h.db.db.select().from(subjectRequests);
    const noTenant = await clientErrorFrom(staff.caller.subjectRequests.file(fileInput()));
    expect(noTenant).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { tenantId: ["Choose the tenant whose customer asks"] } });
    const bad = await clientErrorFrom(
      northwaveAdmin.caller.subjectRequests.file(fileInput({ kind: "delete", subjectIds: [], requesterEmail: "nope", channel: "fax" })),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fieldErrors).toMatchObject({
      kind: ["Choose access or erasure"],
      subjectIds: ["Enter the subject id the storefront uses"],
      requesterEmail: ["Enter a valid email address"],
      channel: ["Choose how the request arrived"],
    });
    const guardian = await clientErrorFrom(
      northwaveAdmin.caller.subjectRequests.file(fileInput({ guardian: { name: "Kari", relationship: "", verificationMethod: "fax" } })),
    );
    expect(guardian.code).toBe("BAD_REQUEST");
    const future = await clientErrorFrom(
      northwaveAdmin.caller.subjectRequests.file(fileInput({ receivedAt: new Date(Date.now() + 5 * DAY) })),
    );
    expect(future.fieldErrors).toEqual({ receivedAt: ["The date received cannot be in the future"] });
    const ancient = await clientErrorFrom(northwaveAdmin.caller.subjectRequests.file(fileInput({ receivedAt: new Date("0226-05-14") })));
    expect(ancient.fieldErrors).toEqual({ receivedAt: ["The date received cannot be before 25 May 2018, when the GDPR took effect"] });
    expect(await codeOf(staff.caller.subjectRequests.file(fileInput({ tenantId: "00000000-0000-4000-8000-000000000000" })))).toBe(
      "NOT_FOUND",
    );
    expect(await h.db.db.select().from(subjectRequests)).toEqual(before);
  });
});

describe("workflow", () => {
  it("enforces the order of the steps and audits each one", async () => {
    const mark = await auditMark(h);
    const filed = await northwaveAdmin.caller.subjectRequests.file(fileInput({ kind: "access", subjectIds: ["dev_frank"] }));
    const requestId = filed.id;
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.complete({ requestId }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.start({ requestId }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.download({ requestId }))).toBe("PRECONDITION_FAILED");
    await northwaveAdmin.caller.subjectRequests.verifyIdentity({ requestId, note: "Replied from the account's email" });
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.verifyIdentity({ requestId, note: "again" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.complete({ requestId }))).toBe("PRECONDITION_FAILED");
    await northwaveAdmin.caller.subjectRequests.start({ requestId });
    const done = await northwaveAdmin.caller.subjectRequests.complete({ requestId });
    expect(done.request.status).toBe("completed");
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.reject({ requestId, reason: "too late" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(northwaveAdmin.caller.subjectRequests.complete({ requestId }))).toBe("PRECONDITION_FAILED");

    const events = (await mark.events()).filter((event) => event.targetId === requestId);
    expect(events.map((event) => [event.action, event.tenantId, event.actorLabel])).toEqual([
      ["subject_request.file", h.tenantIds.northwave, "admin@northwave.test"],
      ["subject_request.verify_identity", h.tenantIds.northwave, "admin@northwave.test"],
      ["subject_request.start", h.tenantIds.northwave, "admin@northwave.test"],
      ["subject_request.complete", h.tenantIds.northwave, "admin@northwave.test"],
    ]);
    expect(JSON.stringify(events)).not.toContain("dev_frank");
    const detail = await northwaveViewer.caller.subjectRequests.detail({ requestId });
    expect(detail.history.map((event) => event.action)).toEqual(events.map((event) => event.action));
    expect(detail.subjectRecords).toBe(1);
    expect(detail.document).toMatchObject({ kind: "access_export", sha256: done.sha256 });
  });

  it("rejects only with a reason, and audits it", async () => {
    const { id: requestId } = await northwaveAdmin.caller.subjectRequests.file(fileInput());
    const noReason = await clientErrorFrom(northwaveAdmin.caller.subjectRequests.reject({ requestId, reason: "  " }));
    expect(noReason).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { reason: ["Give the reason for rejecting the request"] } });
    const mark = await auditMark(h);
    const rejected = await northwaveAdmin.caller.subjectRequests.reject({ requestId, reason: "Could not verify the requester" });
    expect(rejected).toMatchObject({ status: "rejected", rejectionReason: "Could not verify the requester" });
    expect((await mark.events()).map((event) => [event.action, (event.after as { rejectionReason?: string }).rejectionReason])).toEqual([
      ["subject_request.reject", "Could not verify the requester"],
    ]);
  });
});

describe("erasure", () => {
  it("erases the personal data of exactly the subject's records, keeps the ledger verifying, and issues a receipt", async () => {
    const erin = northwave.filter((r) => r.subjectId === "dev_erin" || r.subjectId === "dev_erin_tablet");
    const others = [...northwave.filter((r) => !erin.includes(r)), ...fjordsound];
    const othersBefore = await personalDataOf(others);
    const recordsBefore = await h.db.db.select().from(consentRecords).where(eq(consentRecords.tenantId, h.tenantIds.northwave));

    const { id: requestId } = await staff.caller.subjectRequests.file(
      fileInput({ tenantId: h.tenantIds.northwave, subjectIds: ["dev_erin", "dev_erin_tablet"] }),
    );
    await staff.caller.subjectRequests.verifyIdentity({ requestId, note: "Checked against the shop account" });
    await staff.caller.subjectRequests.start({ requestId });
    const preview = await staff.caller.subjectRequests.detail({ requestId });
    expect(preview).toMatchObject({ subjectRecords: 3, personalDataToErase: 3 });
    const done = await staff.caller.subjectRequests.complete({ requestId });

    for (const row of (await personalDataOf(erin)).values()) {
      expect(row).toMatchObject({ ip: null, userAgent: null, erasedAt: expect.any(Date) });
    }
    expect(await personalDataOf(others)).toEqual(othersBefore);
    // The records themselves are untouched, and the chain verifies.
    expect(await h.db.db.select().from(consentRecords).where(eq(consentRecords.tenantId, h.tenantIds.northwave))).toEqual(recordsBefore);
    const report = await verifyTenantLedger(h.db.db, h.tenantIds.northwave, TEST_TRUSTED_KEYS);
    expect(report).toMatchObject({ ok: true, problem: null });

    const download = await staff.caller.subjectRequests.download({ requestId });
    expect(download.fileName).toBe(`erasure-receipt-${requestId}.json`);
    const file = JSON.parse(download.content) as { document: Record<string, unknown>; sha256: string };
    expect(file.sha256).toBe(done.sha256);
    expect(subjectRequestDocumentSha256(file.document)).toBe(file.sha256);
    expect(file.document).toMatchObject({
      type: "masterchannel-erasure-receipt/v1",
      requestId,
      tenant: { id: h.tenantIds.northwave, slug: "northwave" },
      subjectDigests: [
        await digestOf(h.db.db, h.tenantIds.northwave, "dev_erin"),
        await digestOf(h.db.db, h.tenantIds.northwave, "dev_erin_tablet"),
      ],
      what: { records: 3, personalDataErased: 3, personalDataAlreadyErased: 0 },
      erasedBy: { label: "compliance@masterchannel.test" },
    });
    expect(download.content).not.toContain("dev_erin");
    // A changed receipt no longer matches its hash.
    expect(subjectRequestDocumentSha256({ ...file.document, erasedAt: new Date(0).toISOString() })).not.toBe(file.sha256);
    expect((await staff.caller.subjectRequests.detail({ requestId })).personalDataToErase).toBe(0);
  });
});

describe("access", () => {
  type AccessFile = {
    document: { records: { recordId: string; personalData: { ip: string | null } }[]; evidencePacks: { subjectHint: string }[] };
    sha256: string;
  };

  async function completeAccess(subjectIds: string[]) {
    const { id: requestId } = await northwaveAdmin.caller.subjectRequests.file(fileInput({ kind: "access", subjectIds }));
    await northwaveAdmin.caller.subjectRequests.verifyIdentity({ requestId, note: "Known customer" });
    await northwaveAdmin.caller.subjectRequests.start({ requestId });
    return requestId;
  }

  it("exports the subject's records and nobody else's", async () => {
    const requestId = await completeAccess(["dev_gina"]);
    await northwaveAdmin.caller.subjectRequests.complete({ requestId });
    const download = await northwaveAdmin.caller.subjectRequests.download({ requestId });
    const file = JSON.parse(download.content) as AccessFile;
    const gina = northwave.filter((r) => r.subjectId === "dev_gina");
    expect(file.document.records.map((r) => r.recordId)).toEqual(gina.map((r) => r.recordId));
    expect(file.document.records[0]?.personalData.ip).toBe("198.51.100.0");
    expect(subjectRequestDocumentSha256(file.document)).toBe(file.sha256);
    for (const other of [...northwave.filter((r) => r.subjectId !== "dev_gina"), ...fjordsound]) {
      expect(download.content).not.toContain(other.recordId);
    }
  });

  it("stores the evidence pack of each subject with records in the export, each downloadable and verifiable on its own", async () => {
    const mark = await auditMark(h);
    // dev_nobody has no records: no pack for it.
    const requestId = await completeAccess(["dev_erin", "dev_nobody", "dev_gina"]);
    const done = await northwaveAdmin.caller.subjectRequests.complete({ requestId });
    const detail = await northwaveViewer.caller.subjectRequests.detail({ requestId });
    const [erinPack, ginaPack] = detail.document?.evidencePacks ?? [];
    expect(detail.document?.evidencePacks).toHaveLength(2);
    expect(erinPack).toMatchObject({ subjectHint: "d…n", records: 2 });
    expect(ginaPack).toMatchObject({ subjectHint: "d…a", records: 1 });

    const exported = JSON.parse((await northwaveAdmin.caller.subjectRequests.download({ requestId })).content) as AccessFile;
    expect(exported.document.evidencePacks.map((entry) => entry.subjectHint)).toEqual(["d…n", "d…a"]);
    expect(exported.sha256).toBe(done.sha256);

    const digests = [
      await digestOf(h.db.db, h.tenantIds.northwave, "dev_erin"),
      await digestOf(h.db.db, h.tenantIds.northwave, "dev_gina"),
    ];
    for (const [index, subject] of ["dev_erin", "dev_gina"].entries()) {
      const file = await northwaveAdmin.caller.subjectRequests.download({ requestId, evidencePack: index });
      expect(file).toMatchObject({
        fileName: `evidence-pack-${requestId}-${index + 1}.json`,
        contentType: "application/json",
        sha256: null,
      });
      const pack = JSON.parse(file.content) as { target: unknown; records: { recordId: string }[] };
      expect(pack.target).toEqual({ kind: "subject", subjectDigest: digests[index] });
      expect(pack.records.map((record) => record.recordId)).toEqual(
        northwave.filter((record) => record.subjectId === subject).map((record) => record.recordId),
      );
      const verified = await verifyEvidencePack(pack, { verifySignature, trustedPublicKeys: [TEST_SIGNER.publicKey] });
      expect(verified.problems).toEqual([]);
      // What the export holds is what downloads.
      expect(exported.document.evidencePacks[index]).toEqual({ subjectHint: detail.document?.evidencePacks[index]?.subjectHint, pack });
    }
    const tampered = JSON.parse((await northwaveAdmin.caller.subjectRequests.download({ requestId, evidencePack: 0 })).content);
    tampered.records[0].consentId = "c_forged";
    expect((await verifyEvidencePack(tampered, { verifySignature })).problems.length).toBeGreaterThan(0);

    expect(await codeOf(northwaveAdmin.caller.subjectRequests.download({ requestId, evidencePack: 2 }))).toBe("NOT_FOUND");
    const bad = await clientErrorFrom(northwaveAdmin.caller.subjectRequests.download({ requestId, evidencePack: -1 }));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { evidencePack: ["Name the evidence pack by its number"] } });
    // Packs made and downloaded are audited: one consent.evidence_pack per subject, one download each.
    const events = await mark.events();
    expect(events.filter((event) => event.action === "consent.evidence_pack")).toHaveLength(2);
    const downloads = events.filter((event) => event.action === "subject_request.download").map((event) => event.after);
    expect(downloads).toContainEqual(expect.objectContaining({ kind: "evidence_pack", subject: "d…n", exportSha256: done.sha256 }));
  });

  it("is not completed before a signed checkpoint covers the subject's newest record", async () => {
    await appendConsent(h.db.db, h.tenantIds.northwave, [{ subjectId: "dev_hank", receivedAt: new Date() }]);
    const requestId = await completeAccess(["dev_hank"]);
    const refused = await errorOf(northwaveAdmin.caller.subjectRequests.complete({ requestId }));
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", message: NO_CHECKPOINT_MESSAGE });
    const unchanged = await northwaveAdmin.caller.subjectRequests.detail({ requestId });
    expect(unchanged).toMatchObject({ request: { status: "in_progress" }, document: null });

    await signDueCheckpoints(h.db.db, TEST_SIGNER);
    await northwaveAdmin.caller.subjectRequests.complete({ requestId });
    expect((await northwaveAdmin.caller.subjectRequests.detail({ requestId })).document?.evidencePacks).toMatchObject([
      { subjectHint: "d…k", records: 1 },
    ]);
  });
});

describe("listing", () => {
  it("lists overdue open requests, filters by status and kind", async () => {
    const late = await staff.caller.subjectRequests.file(
      fileInput({ tenantId: h.tenantIds.northwave, kind: "access", receivedAt: new Date(Date.now() - 40 * DAY) }),
    );
    const { items } = await staff.caller.subjectRequests.list({ overdue: true });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.overdue && item.completedAt === null && item.rejectedAt === null)).toBe(true);
    expect(items.map((item) => item.id)).toContain(late.id);
    const all = (await staff.caller.subjectRequests.list({})).items;
    expect(all.find((item) => item.id === late.id)).toMatchObject({ overdue: true, tenant: { slug: "northwave" } });
    // Open requests come first, the most urgent at the top.
    expect(all[0]?.overdue).toBe(true);
    const completed = (await staff.caller.subjectRequests.list({ status: "completed", kind: "erasure" })).items;
    expect(completed.length).toBe(1);
    expect(completed.every((item) => item.status === "completed" && item.kind === "erasure" && !item.overdue)).toBe(true);
    const bad = await clientErrorFrom(staff.caller.subjectRequests.list({ status: "lost" as never }));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { status: ["Unknown status"] } });
  });
});

describe("partner isolation", () => {
  it("keeps another tenant's requests out of reach, and lets a partner file only for its own tenant", async () => {
    const { id: requestId } = await northwaveAdmin.caller.subjectRequests.file(fileInput());
    for (const call of [
      () => fjordsoundAdmin.caller.subjectRequests.detail({ requestId }),
      () => fjordsoundAdmin.caller.subjectRequests.verifyIdentity({ requestId, note: "me" }),
      () => fjordsoundAdmin.caller.subjectRequests.start({ requestId }),
      () => fjordsoundAdmin.caller.subjectRequests.complete({ requestId }),
      () => fjordsoundAdmin.caller.subjectRequests.reject({ requestId, reason: "mine now" }),
      () => fjordsoundAdmin.caller.subjectRequests.download({ requestId }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    expect(await codeOf(fjordsoundAdmin.caller.subjectRequests.file(fileInput({ tenantId: h.tenantIds.northwave })))).toBe("NOT_FOUND");
    const theirs = await fjordsoundAdmin.caller.subjectRequests.list({ tenantId: h.tenantIds.northwave });
    expect(theirs.items.every((item) => item.tenantId === h.tenantIds.fjordsound)).toBe(true);
    expect(JSON.stringify(theirs)).not.toContain(requestId);
    // A viewer reads but changes nothing.
    expect(await codeOf(northwaveViewer.caller.subjectRequests.detail({ requestId }))).toBe("OK");
    expect(await codeOf(northwaveViewer.caller.subjectRequests.verifyIdentity({ requestId, note: "viewer" }))).toBe("FORBIDDEN");
    expect(await codeOf(northwaveViewer.caller.subjectRequests.file(fileInput()))).toBe("FORBIDDEN");
    const [row] = await h.db.db.select().from(subjectRequests).where(eq(subjectRequests.id, requestId));
    expect(row?.status).toBe("received");
  });
});
