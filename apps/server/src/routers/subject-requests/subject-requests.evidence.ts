/**
 * The evidence packs an access request hands out with its export: one per subject id of the
 * request that has consent records, made and audited as consentAudit.evidencePack makes them. They
 * are kept inside the stored access export (one subject_request_artifacts row per request), so the
 * export's hash covers them, and each downloads on its own, byte for byte what the audit pages
 * give, for `npm run ledger:verify-pack`.
 */
import type { Database } from "@pc/db";
import type { EvidencePack } from "@pc/shared";
import { NotFoundError } from "../../errors.js";
import type { AuditActor } from "../../services/audit.service.js";
import { packRecords, subjectRecordRows } from "../consent-audit/evidence-pack.service.js";
import type { SubjectRequestRow } from "./subject-requests.service.js";

export const NO_EVIDENCE_PACK_MESSAGE = "This request has no such evidence pack";

/** A pack as the export holds it: which of the request's subjects it proves, and the pack. */
export interface SubjectEvidencePack {
  subjectHint: string;
  pack: EvidencePack;
}

/**
 * The packs of the request's subjects that have records, oldest subject first as filed. A subject
 * whose newest record no checkpoint covers yet refuses the whole completion (PRECONDITION_FAILED,
 * checkpoints come every few minutes), so an access export never goes out without its proof.
 */
export async function subjectEvidencePacks(db: Database, row: SubjectRequestRow, actor: AuditActor, at: Date) {
  const packs: SubjectEvidencePack[] = [];
  for (const subject of row.subjects) {
    const rows = await subjectRecordRows(db, row.tenantId, subject.digest);
    if (rows.length === 0) continue;
    const target = { kind: "subject" as const, subjectDigest: subject.digest };
    packs.push({ subjectHint: subject.hint, pack: await packRecords(db, { rows, target, actor, now: at }) });
  }
  return packs;
}

/** The packs a stored access export holds (none in an erasure receipt). */
function packsIn(body: Record<string, unknown>): SubjectEvidencePack[] {
  return Array.isArray(body.evidencePacks) ? (body.evidencePacks as SubjectEvidencePack[]) : [];
}

/** What the request page lists of the packs: whose, how many records, up to which checkpoint. */
export function evidencePackSummaries(body: Record<string, unknown>) {
  return packsIn(body).map(({ subjectHint, pack }) => ({
    subjectHint,
    records: pack.records.length,
    checkpointSeq: pack.checkpoint.seq,
  }));
}

/** One pack of the export as a file of its own, as the audit pages save one. */
export function evidencePackFile(requestId: string, body: Record<string, unknown>, index: number) {
  const entry = packsIn(body)[index];
  if (!entry) throw new NotFoundError(NO_EVIDENCE_PACK_MESSAGE);
  return {
    fileName: `evidence-pack-${requestId}-${index + 1}.json`,
    contentType: "application/json",
    content: JSON.stringify(entry.pack, null, 2),
    subjectHint: entry.subjectHint,
    checkpointSeq: entry.pack.checkpoint.seq,
  };
}
