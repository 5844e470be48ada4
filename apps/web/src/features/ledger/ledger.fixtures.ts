/**
 * What the ledger procedures answer for Northwave in the tests: a live key, one in its grace period,
 * an expired demo key; the console at an address of its own (not jsdom's), outside production.
 */
import { TRPCClientError } from "@trpc/client";
import type { ConsentRecord, LedgerOverview, LedgerVerificationReport, PublishableKey } from "./ledger.types";

export const NOW = new Date("2026-05-04T10:00:00.000Z");
const HOUR = 3600_000;

export const overviewFixture: LedgerOverview = {
  slug: "northwave",
  records: 1500,
  head: { seq: 1500, hash: "add6ae8f85334ce5059dead0a1d8edd5cc7019b7e79c22cefef8a6620c83b555", at: new Date(NOW.getTime() - HOUR) },
  lastCheckpoint: { seq: 1500, signedAt: new Date(NOW.getTime() - 3 * HOUR) },
  last24h: 5,
  rateLimit: { ratePerSecond: 2000, burst: 20000, custom: false },
  allowedOrigins: ["https://shop.northwave.no"],
  consoleOrigin: "https://console.example.test",
  embedUrl: "https://console.example.test/embed/consent.js",
  demoStorefrontUrl: "https://console.example.test/demo/storefront/northwave",
  production: false,
};

/** The same in production: no demo storefront, and the console may not post consent. */
export const productionOverviewFixture: LedgerOverview = {
  ...overviewFixture,
  consoleOrigin: null,
  demoStorefrontUrl: null,
  production: true,
};

export const CURRENT_KEY = "pk_live_4f9KxQm2Rt7Vb1Nc8Zp3Lw6Y";
export const GRACE_KEY = "pk_live_9aB8cD7eF6gH5iJ4kL3mN2oP";

export const currentKeyFixture: PublishableKey = {
  id: "0b6c7a9e-8d1f-4c3a-9a57-7e0b5f1d2c01",
  key: CURRENT_KEY,
  isDemo: false,
  createdAt: new Date(NOW.getTime() - 2 * HOUR),
  expiresAt: null,
  state: "current",
};

export const graceKeyFixture: PublishableKey = {
  id: "0b6c7a9e-8d1f-4c3a-9a57-7e0b5f1d2c02",
  key: GRACE_KEY,
  isDemo: false,
  createdAt: new Date(NOW.getTime() - 30 * 24 * HOUR),
  expiresAt: new Date(NOW.getTime() + 3 * 24 * HOUR),
  state: "grace",
};

export const keysFixture: PublishableKey[] = [
  currentKeyFixture,
  graceKeyFixture,
  {
    id: "0b6c7a9e-8d1f-4c3a-9a57-7e0b5f1d2c03",
    key: "pk_demo_northwave",
    isDemo: true,
    createdAt: new Date(NOW.getTime() - 90 * 24 * HOUR),
    expiresAt: new Date(NOW.getTime() - 30 * 24 * HOUR),
    state: "expired",
  },
];

export const recordFixture: ConsentRecord = {
  recordId: "01a229e1-5672-739d-beae-1c3fae49b2d2",
  seq: 1500,
  receivedAt: new Date(NOW.getTime() - HOUR),
  occurredAt: new Date(NOW.getTime() - HOUR - 800),
  consentId: "c_ZSTE4D1JYFAH",
  policyKind: "privacy",
  policyVersion: "2.0",
  action: "save_custom",
  purposes: { tidio: "denied", product_analytics: "granted", preferences: "acknowledged" },
  language: "nb",
  path: "/pricing",
  gpc: false,
  country: "NO",
  jurisdiction: "EEA",
  hash: "add6ae8f85334ce5059dead0a1d8edd5cc7019b7e79c22cefef8a6620c83b555",
};

export const verifiedReport: LedgerVerificationReport = {
  tenantId: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c",
  slug: "northwave",
  name: "Northwave",
  ok: true,
  records: 1500,
  linkOnly: 0,
  verifiedThrough: 1500,
  head: { seq: 1500, hash: overviewFixture.head?.hash ?? "" },
  checkpoints: 292,
  lastCheckpoint: { seq: 1500, signedAt: new Date(NOW.getTime() - 3 * HOUR) },
  problem: null,
  ms: 1234,
};

export const brokenReport: LedgerVerificationReport = {
  ...verifiedReport,
  ok: false,
  // Records counted up to the last checkpoint before the break; verifiedThrough says how far the chain is good.
  records: 1000,
  verifiedThrough: 1233,
  head: null,
  problem: { seq: 1234, reason: "edited", description: "the record was changed after it was written" },
};

/** An error as the server answers it: its tRPC code in `data.code`, as lib/errors reads it. */
export function apiError(code: "CONFLICT" | "PRECONDITION_FAILED", message: string): Error {
  const numeric = code === "CONFLICT" ? -32009 : -32012;
  return TRPCClientError.from({ error: { code: numeric, message, data: { code } } });
}
