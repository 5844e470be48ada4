/** Answers of the data-subject request procedures, as the server would give them, for the page tests. */
import type { RouterOutputs } from "../../lib/trpc";

type Item = RouterOutputs["subjectRequests"]["list"]["items"][number];
type Detail = RouterOutputs["subjectRequests"]["detail"];

const TENANT = { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", slug: "northwave", name: "Northwave" };

export const openRequestFixture: Item = {
  id: "5b0f7c1e-0000-4000-8000-000000000001",
  tenantId: TENANT.id,
  tenant: TENANT,
  kind: "erasure",
  status: "received",
  subjectHints: ["dev_a…ce"],
  requesterEmail: "alice@example.test",
  channel: "email",
  forMinor: false,
  guardian: null,
  filedByLabel: "partner_admin@example.test",
  filedBySide: "partner",
  receivedAt: new Date("2026-05-01T10:00:00Z"),
  dueAt: new Date("2026-06-01T10:00:00Z"),
  overdue: false,
  identityVerifiedAt: null,
  identityVerifiedBy: null,
  identityNote: null,
  startedAt: null,
  completedAt: null,
  completedBy: null,
  rejectedAt: null,
  rejectedBy: null,
  rejectionReason: null,
};

export const overdueRequestFixture: Item = {
  ...openRequestFixture,
  id: "5b0f7c1e-0000-4000-8000-000000000002",
  kind: "access",
  status: "in_progress",
  subjectHints: ["dev_b…ob"],
  receivedAt: new Date("2026-03-01T10:00:00Z"),
  dueAt: new Date("2026-04-01T10:00:00Z"),
  overdue: true,
};

/** The detail of a request in one status, of one kind; an erasure that would clear 3 rows of 5 records. */
export function detailFixture(status: Item["status"], kind: Item["kind"] = "erasure"): Detail {
  return {
    request: { ...openRequestFixture, status, kind },
    subjectRecords: 5,
    personalDataToErase: 3,
    history: [
      {
        id: 1,
        action: "subject_request.file",
        actorLabel: "partner_admin@example.test",
        before: null,
        after: null,
        createdAt: new Date("2026-05-01T10:00:00Z"),
      },
    ],
    document: null,
  };
}

export const RECEIPT_SHA256 = "e3".repeat(32);

export const completedErasureFixture: Detail = {
  ...detailFixture("completed"),
  personalDataToErase: 0,
  document: { kind: "erasure_receipt", sha256: RECEIPT_SHA256, createdAt: new Date("2026-05-10T12:00:00Z"), evidencePacks: [] },
};

export const EXPORT_SHA256 = "a7".repeat(32);

/** A completed access request for two subject ids, each with its evidence pack in the export. */
export const completedAccessFixture: Detail = {
  ...detailFixture("completed", "access"),
  request: { ...detailFixture("completed", "access").request, subjectHints: ["dev_a…ce", "dev_a…ne"] },
  document: {
    kind: "access_export",
    sha256: EXPORT_SHA256,
    createdAt: new Date("2026-05-10T12:00:00Z"),
    evidencePacks: [
      { subjectHint: "dev_a…ce", records: 5, checkpointSeq: 1204 },
      { subjectHint: "dev_a…ne", records: 2, checkpointSeq: 1190 },
    ],
  },
};
