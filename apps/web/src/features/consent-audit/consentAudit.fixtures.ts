/** Answers of the consent audit procedures, as the server would give them, for the page tests. */
import type { RouterOutputs } from "../../lib/trpc";

type SearchItem = RouterOutputs["consentAudit"]["search"]["items"][number];
type Detail = Extract<RouterOutputs["consentAudit"]["record"], { purged: null }>;
type Timeline = RouterOutputs["consentAudit"]["subjectTimeline"];

const TENANT = { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", slug: "northwave", name: "Northwave" };
const PURPOSES = { preferences: "acknowledged", tidio: "granted" } as const;

export const searchItemFixture: SearchItem = {
  recordId: "01964f3a-0000-7000-8000-000000000007",
  tenant: TENANT,
  seq: 7,
  receivedAt: new Date("2026-05-01T10:00:00Z"),
  occurredAt: new Date("2026-05-01T09:59:59Z"),
  consentId: "c_abc",
  policyKind: "privacy",
  policyVersion: "2.0",
  action: "reject_all",
  purposes: { ...PURPOSES },
  language: "nb",
  path: "/",
  gpc: false,
  country: "SE",
  jurisdiction: "EEA",
};

const { tenant: _tenant, ...recordFields } = searchItemFixture;

export const brokenRecordFixture: Detail = {
  tenant: TENANT,
  purged: null,
  record: { ...recordFields, policySha256: null, bannerVersion: "3" },
  chain: {
    seq: 7,
    prevHash: "a".repeat(64),
    hash: "b".repeat(64),
    recomputedHash: "c".repeat(64),
    previousSeq: 6,
    nextSeq: null,
    hashMatches: false,
    linkMatches: true,
    verifies: false,
    checkpoint: null,
  },
  personalData: { digest: "d".repeat(64), erased: false, erasedAt: null },
  policy: null,
};

export const staleTimelineFixture: Timeline = {
  tenant: TENANT,
  records: 2,
  events: [{ ...brokenRecordFixture.record, policyVersion: "1.0", action: "accept_all", copies: 2, copySeqs: [6, 7] }],
  currentState: [
    {
      purpose: "preferences",
      decision: "acknowledged",
      recordId: searchItemFixture.recordId,
      seq: 7,
      at: new Date("2026-05-01T10:00:00Z"),
      policyVersion: "1.0",
    },
    {
      purpose: "tidio",
      decision: "granted",
      recordId: searchItemFixture.recordId,
      seq: 7,
      at: new Date("2026-05-01T10:00:00Z"),
      policyVersion: "1.0",
    },
  ],
  stale: [
    {
      policyKind: "privacy",
      chosenVersion: "1.0",
      requiredVersion: "2.0",
      effectiveFrom: new Date("2026-06-01T00:00:00Z"),
      summary: "Analytics",
    },
  ],
  isStale: true,
};
