/** Statistics as the server answers them, for the page's tests: two ISO weeks of Northwave's privacy choices. */
import type { ConsentStatsOverview, StatsPurposeCounts } from "./consentStats.types";

const counts = (granted: number, denied: number, acknowledged = 0): StatsPurposeCounts => ({
  granted,
  denied,
  acknowledged,
  rate: granted + denied === 0 ? null : granted / (granted + denied),
});

const buckets = [
  { start: "2026-02-23", from: "2026-02-23", to: "2026-03-01" },
  { start: "2026-03-02", from: "2026-03-02", to: "2026-03-08" },
];
const noActions = { accept_all: 0, reject_all: 0, save_custom: 0, withdraw: 0, gpc: 0, total: 0 };

export const statsFixture: ConsentStatsOverview = {
  tenant: { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", slug: "northwave", name: "Northwave" },
  range: { from: "2026-02-23", to: "2026-03-08", granularity: "week", policyKind: "privacy" },
  buckets,
  purposes: [
    {
      purpose: "preferences",
      acknowledgedOnly: true,
      total: counts(0, 0, 1234),
      buckets: [
        { ...buckets[0], ...counts(0, 0, 600) },
        { ...buckets[1], ...counts(0, 0, 634) },
      ] as ConsentStatsOverview["purposes"][number]["buckets"],
    },
    {
      purpose: "tidio",
      acknowledgedOnly: false,
      total: counts(3, 1),
      buckets: [
        { ...buckets[0], ...counts(1, 1) },
        { ...buckets[1], ...counts(2, 0) },
      ] as ConsentStatsOverview["purposes"][number]["buckets"],
    },
  ],
  actions: {
    totals: { ...noActions, accept_all: 1200, reject_all: 30, save_custom: 4, total: 1234 },
    buckets: [
      { ...(buckets[0] as (typeof buckets)[number]), ...noActions, accept_all: 590, reject_all: 10, total: 600 },
      { ...(buckets[1] as (typeof buckets)[number]), ...noActions, accept_all: 610, reject_all: 20, save_custom: 4, total: 634 },
    ],
  },
  byVersion: [{ policyVersion: "2.0", purposes: [{ purpose: "tidio", ...counts(3, 1) }] }],
  byCountry: [
    { country: "NO", records: 1000, purposes: [{ purpose: "tidio", ...counts(3, 0) }] },
    { country: null, records: 234, purposes: [{ purpose: "tidio", ...counts(0, 1) }] },
  ],
  coverage: {
    activeSince: "2025-11-01",
    kinds: [
      {
        policyKind: "privacy",
        inForce: "2.0",
        required: "2.0",
        requiredSince: new Date("2026-06-01T00:00:00Z"),
        activeSubjects: 4,
        covered: 3,
        share: 0.75,
        versions: [
          { policyVersion: "2.0", subjects: 3, covered: true },
          { policyVersion: "1.0", subjects: 1, covered: false },
        ],
      },
      {
        policyKind: "terms",
        inForce: "1.0",
        required: null,
        requiredSince: null,
        activeSubjects: 0,
        covered: 0,
        share: null,
        versions: [],
      },
    ],
  },
};

/** The same range with nothing recorded in it (coverage is not of the range: it stays). */
export const emptyStatsFixture: ConsentStatsOverview = {
  ...statsFixture,
  purposes: [],
  actions: { totals: noActions, buckets: buckets.map((bucket) => ({ ...bucket, ...noActions })) },
  byVersion: [],
  byCountry: [],
};
