/**
 * Completing a data-subject request, and what it hands out. Erasure clears the personal data (IP,
 * user agent, salt) of every ledger record of the subject in the tenant, the only change the
 * ledger's rules allow (0013), so the records and the chain stay as they were and still verify;
 * it issues a receipt (what, when, by whom) with a sha256 over its canonical JSON. Access exports
 * the subject's records with their personal data, nobody else's, with the subject's evidence packs
 * (subject-requests.evidence.ts). Either document is stored with the request
 * (subject_request_artifacts) and downloadable; so is each evidence pack of an export.
 */
import { consentPersonalData, consentRecords, type Database, subjectRequestArtifacts, subjectRequests } from "@pc/db";
import { subjectRequestDocumentSha256 } from "@pc/shared";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { assertNoLegalHold } from "../retention/retention.holds.js";
import { evidencePackFile, evidencePackSummaries, subjectEvidencePacks } from "./subject-requests.evidence.js";
import {
  getRequestOrThrow,
  NO_REQUEST_MESSAGE,
  requestHistory,
  requestView,
  type StepArgs,
  type SubjectRequestRow,
  subjectRecordCount,
  tenantRow,
} from "./subject-requests.service.js";

export const ERASURE_RECEIPT_TYPE = "masterchannel-erasure-receipt/v1";
export const ACCESS_EXPORT_TYPE = "masterchannel-access-export/v1";

const digestsOf = (row: SubjectRequestRow) => row.subjects.map((subject) => subject.digest);

function subjectRecordsWhere(row: SubjectRequestRow) {
  return and(eq(consentRecords.tenantId, row.tenantId), inArray(consentRecords.subjectDigest, digestsOf(row)));
}

/** The personal-data rows of the subject's records not yet erased: what an erasure would clear. */
async function personalDataToErase(db: Database, row: SubjectRequestRow): Promise<number> {
  const [result] = await db
    .select({ n: count() })
    .from(consentPersonalData)
    .innerJoin(
      consentRecords,
      and(eq(consentRecords.tenantId, consentPersonalData.tenantId), eq(consentRecords.personalDataDigest, consentPersonalData.digest)),
    )
    .where(and(subjectRecordsWhere(row), isNull(consentPersonalData.erasedAt)));
  return Number(result?.n ?? 0);
}

async function erase(db: Database, row: SubjectRequestRow, actor: AuditActor, at: Date) {
  // A legal hold keeps the subject's records as they are (GDPR Art. 17(3)(e)): refused, nothing changed.
  await assertNoLegalHold(db, row.tenantId, digestsOf(row));
  const records = await db
    .select({ seq: consentRecords.seq, personalDataDigest: consentRecords.personalDataDigest })
    .from(consentRecords)
    .where(subjectRecordsWhere(row))
    .orderBy(asc(consentRecords.seq));
  const personalDigests = [...new Set(records.map((record) => record.personalDataDigest))];
  const erased =
    personalDigests.length === 0
      ? []
      : await db
          .update(consentPersonalData)
          .set({ ip: null, userAgent: null, salt: null, erasedAt: at })
          .where(
            and(
              eq(consentPersonalData.tenantId, row.tenantId),
              inArray(consentPersonalData.digest, personalDigests),
              isNull(consentPersonalData.erasedAt),
            ),
          )
          .returning({ digest: consentPersonalData.digest });
  const tenant = await tenantRow(db, row.tenantId);
  return {
    type: ERASURE_RECEIPT_TYPE,
    requestId: row.id,
    tenant,
    subjectDigests: digestsOf(row),
    what: {
      records: records.length,
      personalDataErased: erased.length,
      personalDataAlreadyErased: personalDigests.length - erased.length,
      erasedFields: ["ip", "userAgent", "salt"],
      firstSeq: records[0]?.seq ?? null,
      lastSeq: records.at(-1)?.seq ?? null,
      note: "The consent records stay in the tenant's tamper-evident ledger, holding only keyed hashes; their chain still verifies.",
    },
    requestReceivedAt: row.receivedAt.toISOString(),
    erasedAt: at.toISOString(),
    erasedBy: { userId: actor.userId, label: actor.label },
  };
}

async function accessExport(db: Database, row: SubjectRequestRow, actor: AuditActor, at: Date) {
  const rows = await db
    .select({ record: consentRecords, personal: consentPersonalData })
    .from(consentRecords)
    .leftJoin(
      consentPersonalData,
      and(eq(consentPersonalData.tenantId, consentRecords.tenantId), eq(consentPersonalData.digest, consentRecords.personalDataDigest)),
    )
    .where(subjectRecordsWhere(row))
    .orderBy(asc(consentRecords.seq));
  return {
    type: ACCESS_EXPORT_TYPE,
    requestId: row.id,
    tenant: await tenantRow(db, row.tenantId),
    subjectDigests: digestsOf(row),
    generatedAt: at.toISOString(),
    generatedBy: { userId: actor.userId, label: actor.label },
    records: rows.map(({ record, personal }) => ({
      recordId: record.id,
      seq: record.seq,
      receivedAt: record.receivedAt.toISOString(),
      occurredAt: record.occurredAt.toISOString(),
      consentId: record.consentId,
      policyKind: record.policyKind,
      policyVersion: record.policyVersion,
      policySha256: record.policySha256,
      bannerVersion: record.bannerVersion,
      action: record.action,
      purposes: record.purposes,
      language: record.language,
      path: record.path,
      gpc: record.gpc,
      country: record.country,
      jurisdiction: record.jurisdiction,
      hash: record.hash,
      personalData: {
        ip: personal?.ip ?? null,
        userAgent: personal?.userAgent ?? null,
        erasedAt: personal?.erasedAt?.toISOString() ?? null,
      },
    })),
    evidencePacks: await subjectEvidencePacks(db, row, actor, at),
  };
}

export async function completeRequest(db: Database, args: StepArgs) {
  const row = await getRequestOrThrow(db, args, args.requestId, { forUpdate: true });
  if (row.status === "received" || row.status === "identity_verified") {
    throw new PreconditionError("Verify the requester's identity and start work on the request before completing it");
  }
  if (row.status !== "in_progress") throw new PreconditionError("A completed or rejected request is final");
  const at = new Date();
  const document = row.kind === "erasure" ? await erase(db, row, args.actor, at) : await accessExport(db, row, args.actor, at);
  const sha256 = subjectRequestDocumentSha256(document);
  await db.insert(subjectRequestArtifacts).values({
    tenantId: row.tenantId,
    requestId: row.id,
    kind: row.kind === "erasure" ? "erasure_receipt" : "access_export",
    body: document,
    sha256,
  });
  const [updated] = await db
    .update(subjectRequests)
    .set({ status: "completed", completedAt: at, completedBy: args.actor.label, updatedAt: at })
    .where(and(eq(subjectRequests.tenantId, row.tenantId), eq(subjectRequests.id, row.id)))
    .returning();
  if (!updated) throw new NotFoundError(NO_REQUEST_MESSAGE);
  const summary =
    "what" in document
      ? { records: document.what.records, personalDataErased: document.what.personalDataErased }
      : { records: document.records.length, evidencePacks: document.evidencePacks.length };
  await recordAudit(db, args.actor, {
    tenantId: row.tenantId,
    action: "subject_request.complete",
    targetType: "subject_request",
    targetId: row.id,
    before: { status: row.status },
    after: { status: updated.status, kind: row.kind, sha256, ...summary },
  });
  return { request: requestView(updated, await tenantRow(db, row.tenantId)), sha256 };
}

async function artifactOf(db: Database, row: SubjectRequestRow) {
  const [artifact] = await db
    .select()
    .from(subjectRequestArtifacts)
    .where(and(eq(subjectRequestArtifacts.tenantId, row.tenantId), eq(subjectRequestArtifacts.requestId, row.id)));
  return artifact ?? null;
}

/** One request with its subject's record count, what an erasure would clear, its history and its document. */
export async function requestDetail(db: Database, args: { scopeTenantId: string | null; requestId: string }) {
  const row = await getRequestOrThrow(db, args, args.requestId);
  const artifact = await artifactOf(db, row);
  return {
    request: requestView(row, await tenantRow(db, row.tenantId)),
    subjectRecords: await subjectRecordCount(db, row),
    personalDataToErase: await personalDataToErase(db, row),
    history: await requestHistory(db, row),
    document: artifact
      ? {
          kind: artifact.kind,
          sha256: artifact.sha256,
          createdAt: artifact.createdAt,
          evidencePacks: evidencePackSummaries(artifact.body),
        }
      : null,
  };
}

/**
 * The receipt or export as a JSON file, with the hash of its canonical JSON, or one evidence pack
 * of an export (it proves itself; its hash is covered by the export's); the download is audited.
 */
export async function downloadDocument(db: Database, args: StepArgs & { evidencePack?: number }) {
  const row = await getRequestOrThrow(db, args, args.requestId);
  const artifact = await artifactOf(db, row);
  if (!artifact) throw new PreconditionError("The request has no receipt or export yet: complete it first");
  if (args.evidencePack !== undefined) {
    const { subjectHint, checkpointSeq, ...file } = evidencePackFile(row.id, artifact.body, args.evidencePack);
    await recordAudit(db, args.actor, {
      tenantId: row.tenantId,
      action: "subject_request.download",
      targetType: "subject_request",
      targetId: row.id,
      after: { kind: "evidence_pack", subject: subjectHint, checkpointSeq, exportSha256: artifact.sha256 },
    });
    return { ...file, sha256: null };
  }
  await recordAudit(db, args.actor, {
    tenantId: row.tenantId,
    action: "subject_request.download",
    targetType: "subject_request",
    targetId: row.id,
    after: { kind: artifact.kind, sha256: artifact.sha256 },
  });
  const file = {
    document: artifact.body,
    sha256: artifact.sha256,
    howToVerify: "sha256 (hex) over the RFC 8785 canonical JSON of `document` equals `sha256`.",
  };
  const prefix = artifact.kind === "erasure_receipt" ? "erasure-receipt" : "access-export";
  return {
    fileName: `${prefix}-${row.id}.json`,
    contentType: "application/json",
    content: `${JSON.stringify(file, null, 2)}\n`,
    sha256: artifact.sha256,
  };
}
