/**
 * Every procedure of the router, as seen by an anonymous caller, a partner admin of another
 * tenant, and a viewer of the target tenant. The decisions table must name every procedure:
 * one added later without a decision fails here on its first day.
 */
import {
  brandAssets,
  brandingVersions,
  consentDevOrigins,
  consentIngestSettings,
  consentLegalHolds,
  consentPublishableKeys,
  consentRetentionPurges,
  consentRetentionTenants,
  emailOutbox,
  invitations,
  payouts,
  policyAddendumVersions,
  policyVersions,
  priceBookVersions,
  revenueShareRequests,
  sessions,
  stripeAccounts,
  stripeEvents,
  tenantDomains,
  tenantMemberships,
  tenants,
} from "@pc/db";
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/router.js";
import { appendConsent } from "./consent-audit-fixtures.js";
import { base64, png } from "./fixtures/images.js";
import { type Client, createHarness, type Harness } from "./harness.js";
import { appendTestRecords } from "./ledger-fixtures.js";
import { buy, onboard, paymentsApp } from "./payments-fixtures.js";

type Outcome = "OK" | TRPCError["code"];
type Actor = "anonymous" | "otherTenantAdmin" | "viewer";

interface Fixtures {
  tenantId: string;
  adminUserId: string;
  adminEmail: string;
  adminSessionId: string;
  invitationId: string;
  invitationToken: string;
  /** A logo Northwave uploaded. */
  brandLogoId: string;
  /** Northwave's latest branding version, a number Fjordsound has not reached. */
  brandingVersion: number;
  domainId: string;
  domainHostname: string;
  /** A published privacy policy version (the operator's template, the same for every tenant). */
  policyVersion: string;
  /** The revision of Northwave's privacy addendum waiting for approval. */
  addendumRevision: number;
  /** Northwave's current publishable key. */
  publishableKeyId: string;
  /** A Northwave consent record, and the raw subject id behind it. */
  consentRecordId: string;
  consentSubjectId: string;
  /** A GBP revenue share change finance asked for on Northwave, waiting for a second person. */
  revenueShareRequestId: string;
  /** A payout to Northwave's connected account, and a webhook event the console stored. */
  payoutId: string;
  stripeEventId: string;
  /** The outbox row of Northwave's invitation mail (its tenant's mail). */
  invitationEmailId: string;
}

interface Decision {
  input?: (f: Fixtures) => unknown;
  expect: Record<Actor, Outcome>;
  /** The input is itself a secret capability (an invitation token), so its holder may read its target. */
  capability?: true;
}

const unauthorizedForAnonymous = (other: Outcome, viewer: Outcome): Record<Actor, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  otherTenantAdmin: other,
  viewer,
});

const brandingFields = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Northwave",
  legalName: "Northwave Records AS",
  legalAddress: "Nordre gate 1, 0551 Oslo",
  supportEmail: "help@northwave.test",
  logoAssetId: null,
  faviconAssetId: null,
  colors: {
    light: { primary: "#1f6feb", accent: "#0550ae", background: "#ffffff", text: "#1f2328" },
    dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
  },
  ...overrides,
});

/** Target of every case: the Northwave tenant and its people. */
const decisions: Record<string, Decision> = {
  "auth.login": {
    input: () => ({ email: "nobody@example.test", password: "wrong" }),
    expect: { anonymous: "UNAUTHORIZED", otherTenantAdmin: "UNAUTHORIZED", viewer: "UNAUTHORIZED" },
  },
  "auth.logout": { expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" } },
  "auth.me": { expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" } },
  "auth.switchTenant": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("NOT_FOUND", "OK") },
  "auth.invitation": {
    // The token is the capability: whoever holds the link may read what it offers.
    input: (f) => ({ token: f.invitationToken }),
    expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" },
    capability: true,
  },
  "auth.acceptInvitation": {
    input: () => ({ token: "A".repeat(43), name: "Mallory", password: "a-long-password-1" }),
    expect: { anonymous: "NOT_FOUND", otherTenantAdmin: "NOT_FOUND", viewer: "NOT_FOUND" },
  },
  "auth.changePassword": {
    input: () => ({ currentPassword: "wrong-current", newPassword: "a-long-password-1" }),
    expect: unauthorizedForAnonymous("BAD_REQUEST", "BAD_REQUEST"),
  },
  "tenants.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "tenants.get": { input: (f) => ({ id: f.tenantId }), expect: unauthorizedForAnonymous("NOT_FOUND", "OK") },
  "tenants.create": { input: () => ({ name: "Evil Corp", slug: "evil-corp" }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "tenants.suspend": {
    input: (f) => ({ id: f.tenantId, reason: "hostile takeover" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "tenants.reactivate": { input: (f) => ({ id: f.tenantId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.list": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.invite": {
    input: (f) => ({ email: "mallory@example.test", role: "partner_admin", tenantId: f.tenantId }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.setOperatorRole": {
    input: (f) => ({ userId: f.adminUserId, role: "operator_admin" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.sessions": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.revokeSession": {
    input: (f) => ({ userId: f.adminUserId, sessionId: f.adminSessionId }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.revokeAllSessions": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "team.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "team.invite": {
    // The other tenant's admin invites into their own tenant: allowed, and it never touches Northwave.
    input: () => ({ email: "newcomer@example.test", role: "partner_viewer" }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  "team.changeRole": {
    input: (f) => ({ userId: f.adminUserId, role: "partner_viewer" }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "team.remove": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "invitations.list": { expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "invitations.revoke": { input: (f) => ({ invitationId: f.invitationId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "sessions.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "sessions.revoke": { input: (f) => ({ sessionId: f.adminSessionId }), expect: unauthorizedForAnonymous("NOT_FOUND", "NOT_FOUND") },
  "sessions.revokeOthers": { expect: unauthorizedForAnonymous("OK", "OK") },
  "audit.list": { input: () => ({}), expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "audit.verifyChain": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  // Price books are the session tenant's: another tenant's admin reads and edits only its own.
  "prices.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "prices.history": { input: () => ({ currency: "GBP" }), expect: unauthorizedForAnonymous("OK", "OK") },
  "prices.saveDraft": {
    input: () => ({
      currency: "GBP",
      perTrack: { unitAmount: 9900 },
      bundles: [{ tracks: 5, unitAmount: 39900 }],
      taxBehavior: "inclusive",
    }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  "prices.discardDraft": {
    input: () => ({ currency: "GBP", expectedRevision: 1 }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "prices.publish": { input: () => ({ currency: "GBP", expectedRevision: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "prices.rollback": { input: () => ({ currency: "GBP", version: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "prices.cancelScheduled": {
    // The demo seed schedules Northwave's NOK version 2.
    input: () => ({ currency: "NOK", version: 2 }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  // Revenue share changes are staff's (prices.set_revenue_share), asked for by one and approved by
  // another: no partner lists, asks, approves, rejects or withdraws, whatever request id it names.
  "prices.revenueShareRequests": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "prices.requestRevenueShare": {
    input: () => ({ currency: "GBP", revenueShareBps: 0, reason: "We keep every sale" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "prices.approveRevenueShare": {
    input: (f) => ({ requestId: f.revenueShareRequestId, note: "Fine by me" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "prices.rejectRevenueShare": {
    input: (f) => ({ requestId: f.revenueShareRequestId, note: "Not on my watch" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "prices.withdrawRevenueShare": {
    input: (f) => ({ requestId: f.revenueShareRequestId }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  // Branding is the session tenant's: another tenant's admin reads, uploads and edits only its own,
  // cannot use Northwave's logo in a draft, and never changes the "powered by" flag.
  "branding.get": { expect: unauthorizedForAnonymous("OK", "OK") },
  "branding.history": { expect: unauthorizedForAnonymous("OK", "OK") },
  "branding.saveDraft": {
    input: (f) => brandingFields({ logoAssetId: f.brandLogoId }),
    expect: unauthorizedForAnonymous("BAD_REQUEST", "FORBIDDEN"),
  },
  "branding.discardDraft": { input: () => ({ expectedRevision: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "branding.publish": { input: () => ({ expectedRevision: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "branding.rollback": { input: (f) => ({ version: f.brandingVersion }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "branding.cancelScheduled": { input: () => ({ version: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "branding.setPoweredBy": { input: () => ({ poweredBy: false }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "branding.uploadAsset": {
    input: () => ({ kind: "logo", fileName: "logo.png", contentType: "image/png", dataBase64: base64(png(128, 128)) }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  // Custom domains are the session tenant's: another tenant's admin sees and changes only its own
  // and cannot claim Northwave's host name.
  "domains.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "domains.add": { input: (f) => ({ hostname: f.domainHostname }), expect: unauthorizedForAnonymous("CONFLICT", "FORBIDDEN") },
  "domains.check": { input: (f) => ({ domainId: f.domainId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "domains.remove": { input: (f) => ({ domainId: f.domainId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  // Addenda are the session tenant's: another tenant's admin reads and edits only its own (it has
  // no privacy draft), viewers only read. Approving, rejecting and the queue are staff's
  // (policies.approve): no partner, whatever tenant the input names.
  "addenda.get": { input: () => ({ kind: "privacy" }), expect: unauthorizedForAnonymous("OK", "OK") },
  "addenda.rendered": { input: () => ({ kind: "privacy" }), expect: unauthorizedForAnonymous("OK", "OK") },
  "addenda.saveDraft": {
    input: () => ({ kind: "terms", markdown: "## Our own terms\n", changeSummary: "Ours" }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  "addenda.discardDraft": {
    input: (f) => ({ kind: "privacy", expectedRevision: f.addendumRevision }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "addenda.requestApproval": {
    input: (f) => ({ kind: "privacy", expectedRevision: f.addendumRevision }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "addenda.pending": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "addenda.approve": {
    input: (f) => ({ tenantId: f.tenantId, kind: "privacy", expectedRevision: f.addendumRevision }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "addenda.reject": {
    input: (f) => ({ tenantId: f.tenantId, kind: "privacy", expectedRevision: f.addendumRevision, reason: "no" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  // Policy templates are the operator's, the same for every tenant: partners read them; only staff
  // with policies.edit / policies.approve draft, approve, publish and retire. A comparison filled with
  // a tenant's values is for that tenant's own people (or staff).
  "policies.documents": { expect: unauthorizedForAnonymous("OK", "OK") },
  "policies.versions": { input: () => ({ kind: "privacy" }), expect: unauthorizedForAnonymous("OK", "OK") },
  "policies.version": { input: (f) => ({ kind: "privacy", version: f.policyVersion }), expect: unauthorizedForAnonymous("OK", "OK") },
  "policies.compare": {
    input: (f) => ({ kind: "privacy", from: f.policyVersion, to: f.policyVersion, tenantId: f.tenantId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "OK"),
  },
  "policies.draft": { input: () => ({ kind: "privacy" }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "policies.saveDraft": {
    input: () => ({ kind: "privacy", title: "Privacy policy", markdown: "# Hijacked", purposes: [], material: false, changeSummary: "" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.discardDraft": {
    input: () => ({ kind: "privacy", expectedRevision: 1 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.requestApproval": {
    input: () => ({ kind: "privacy", expectedRevision: 1 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.approve": {
    input: () => ({ kind: "privacy", expectedRevision: 1 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.rejectApproval": {
    input: () => ({ kind: "privacy", expectedRevision: 1, reason: "no" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.publish": {
    input: (f) => ({ kind: "privacy", expectedRevision: 1, version: f.policyVersion }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "policies.retire": {
    input: (f) => ({ kind: "privacy", version: f.policyVersion }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  // The consent ledger: partners read and verify their own tenant's (the session's, never input);
  // a partner admin rotates its own keys; ingestion limits and development origins are the operator's.
  // Another tenant's admin searches only its own tenant (a tenant id in the input never widens it).
  "consentAudit.search": { input: (f) => ({ tenantId: f.tenantId, limit: 50 }), expect: unauthorizedForAnonymous("OK", "OK") },
  "consentAudit.record": { input: (f) => ({ recordId: f.consentRecordId }), expect: unauthorizedForAnonymous("NOT_FOUND", "OK") },
  "consentAudit.subjectTimeline": {
    input: (f) => ({ tenantId: f.tenantId, subjectId: f.consentSubjectId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "OK"),
  },
  // No checkpoint is signed in this suite: a viewer passes the access checks and meets the precondition.
  "consentAudit.evidencePack": {
    input: (f) => ({ recordId: f.consentRecordId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "PRECONDITION_FAILED"),
  },
  // Consent statistics: another tenant's admin gets its own tenant's numbers whatever tenant it names
  // (consent-stats.test.ts checks the numbers themselves).
  "consentStats.overview": {
    input: (f) => ({ tenantId: f.tenantId, from: "2026-01-01", to: "2026-12-31", granularity: "month" }),
    expect: unauthorizedForAnonymous("OK", "OK"),
  },
  // Data-subject requests: viewers read their tenant's; partner admins handle their own tenant's
  // (another tenant's request, or filing for another tenant, answers NOT_FOUND).
  "subjectRequests.list": { input: () => ({}), expect: unauthorizedForAnonymous("OK", "OK") },
  "subjectRequests.detail": {
    input: () => ({ requestId: northwaveSubjectRequestId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "OK"),
  },
  "subjectRequests.file": {
    input: (f) => ({
      tenantId: f.tenantId,
      kind: "erasure",
      subjectIds: [f.consentSubjectId],
      requesterEmail: "x@example.test",
      channel: "email",
    }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "subjectRequests.verifyIdentity": {
    input: () => ({ requestId: northwaveSubjectRequestId, note: "trust me" }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "subjectRequests.start": {
    input: () => ({ requestId: northwaveSubjectRequestId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "subjectRequests.complete": {
    input: () => ({ requestId: northwaveSubjectRequestId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "subjectRequests.reject": {
    input: () => ({ requestId: northwaveSubjectRequestId, reason: "not yours" }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "subjectRequests.download": {
    input: () => ({ requestId: northwaveSubjectRequestId }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  // Retention: partners read their own tenant's periods, preview, purges and holds (a tenant id in
  // the input never widens that); a partner admin sets its own tenant's period only. The limits are
  // operator admins'; holds and purges are compliance's and operator admins'.
  "retention.overview": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("OK", "OK") },
  "retention.setLimits": {
    input: () => ({ defaultDays: 30, minDays: 1, maxDays: 36500 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "retention.setTenantPeriod": {
    input: (f) => ({ tenantId: f.tenantId, days: 30 }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "retention.preview": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("OK", "OK") },
  "retention.purge": {
    input: (f) => ({ tenantId: f.tenantId, cutoff: new Date(0), expectedRecords: 0 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "retention.purges": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("OK", "OK") },
  "retention.holds": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("OK", "OK") },
  "retention.placeHold": {
    input: (f) => ({ tenantId: f.tenantId, scope: "tenant", reason: "Keep it all" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "retention.releaseHold": {
    input: (f) => ({ tenantId: f.tenantId, holdId: "00000000-0000-4000-8000-000000000000", reason: "Let it go" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "ledger.overview": { expect: unauthorizedForAnonymous("OK", "OK") },
  "ledger.keys": { expect: unauthorizedForAnonymous("OK", "OK") },
  "ledger.recentRecords": { input: () => ({ limit: 100 }), expect: unauthorizedForAnonymous("OK", "OK") },
  "ledger.verify": { expect: unauthorizedForAnonymous("OK", "OK") },
  "ledger.rotateKey": { input: () => ({ graceHours: 1 }), expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "ledger.expireKey": { input: (f) => ({ keyId: f.publishableKeyId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "ledger.verifyAll": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "ledger.ingestSettings": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "ledger.updateIngestSettings": {
    input: (f) => ({ tenantId: f.tenantId, ratePerSecond: 1, burst: 500 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "ledger.resetIngestSettings": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "ledger.devOrigins": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "ledger.addDevOrigin": { input: () => ({ origin: "https://evil.example" }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "ledger.removeDevOrigin": {
    input: () => ({ origin: "https://evil.example" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  // A partner's earnings are its own tenant's (the session's): Fjordsound's admin sees Fjordsound's.
  "earnings.account": { expect: unauthorizedForAnonymous("OK", "OK") },
  "earnings.startOnboarding": { input: () => ({ returnPath: "/earnings" }), expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "earnings.summary": { expect: unauthorizedForAnonymous("OK", "OK") },
  "earnings.sales": { input: () => ({ limit: 50 }), expect: unauthorizedForAnonymous("OK", "OK") },
  "earnings.adjustments": { expect: unauthorizedForAnonymous("OK", "OK") },
  "earnings.payouts": { input: () => ({ limit: 50 }), expect: unauthorizedForAnonymous("OK", "OK") },
  // Finance's review across tenants: operator staff only.
  "payouts.list": { input: () => ({}), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "payouts.detail": { input: (f) => ({ payoutId: f.payoutId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "payouts.refresh": { input: (f) => ({ payoutId: f.payoutId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "payouts.accounts": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "payouts.hold": {
    input: (f) => ({ tenantId: f.tenantId, reason: "Let me hold this" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "payouts.release": {
    input: (f) => ({ tenantId: f.tenantId, reason: "Let me release this" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "stripeEvents.list": { input: () => ({}), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "stripeEvents.detail": { input: (f) => ({ eventId: f.stripeEventId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "stripeEvents.replay": { input: (f) => ({ eventId: f.stripeEventId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  // The outbox: a partner admin sees its own tenant's mail (Fjordsound's admin: Fjordsound's); viewers none.
  "emailOutbox.delivery": { expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "emailOutbox.list": { input: () => ({}), expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "emailOutbox.detail": { input: (f) => ({ emailId: f.invitationEmailId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "emailOutbox.retry": { input: (f) => ({ emailId: f.invitationEmailId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
};

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

let h: Harness;
let f: Fixtures;
/** Northwave's branding versions and uploads as they were before any attempt. */
let northwaveBranding: (typeof brandingVersions.$inferSelect)[];
let northwaveAssets: (typeof brandAssets.$inferSelect)[];
/** Northwave's domains as they were before any attempt. */
let northwaveDomains: (typeof tenantDomains.$inferSelect)[];
/** Northwave's publishable keys as they were before any attempt. */
let northwaveKeys: (typeof consentPublishableKeys.$inferSelect)[];
/** The policy templates as they were before any attempt. */
let policyTemplates: (typeof policyVersions.$inferSelect)[];
/** Northwave's addenda (the seeded version and one waiting for approval) as they were before any attempt. */
let northwaveAddenda: (typeof policyAddendumVersions.$inferSelect)[];
/** Northwave's connected account (not on hold) as it was before any attempt. */
let northwaveAccount: (typeof stripeAccounts.$inferSelect)[];
/** Northwave's revenue share requests (one waiting for approval) as they were before any attempt. */
let northwaveShareRequests: (typeof revenueShareRequests.$inferSelect)[];

beforeAll(async () => {
  h = await createHarness();
  const admin = await h.as("admin@northwave.test");
  const me = await admin.caller.auth.me();
  if (!me?.activeTenant) throw new Error("northwave admin has no tenant");
  const invitation = await admin.caller.team.invite({ email: "pending@example.test", role: "partner_viewer" });
  // A published Northwave GBP book (the seed has none) and an open draft, for the price procedures to aim at.
  const first = await admin.caller.prices.saveDraft({
    currency: "GBP",
    perTrack: { unitAmount: 14900 },
    bundles: [],
    taxBehavior: "inclusive",
  });
  await admin.caller.prices.publish({ currency: "GBP", expectedRevision: first.revision });
  await admin.caller.prices.saveDraft({ currency: "GBP", perTrack: { unitAmount: 15900 }, bundles: [], taxBehavior: "inclusive" });
  // A GBP revenue share change finance asked for, waiting for a second person, for the approval procedures to aim at.
  const finance = await h.as("finance@masterchannel.test");
  await finance.caller.auth.switchTenant({ tenantId: me.activeTenant.id });
  const shareRequest = await finance.caller.prices.requestRevenueShare({
    currency: "GBP",
    revenueShareBps: 1500,
    reason: "Agreed with Northwave",
  });
  const domain = await admin.caller.domains.add({ hostname: "shop.security-fixture.example" });
  // Published Northwave branding with an uploaded logo, numbered past Fjordsound's versions, and
  // an open draft at revision 1, for the branding procedures to aim at. Fjordsound has no draft.
  const logo = await admin.caller.branding.uploadAsset({
    kind: "logo",
    fileName: "northwave.png",
    contentType: "image/png",
    dataBase64: base64(png(128, 128)),
  });
  const fjordsound = await h.as("admin@fjordsound.test");
  const fjordsoundDraft = (await fjordsound.caller.branding.get()).draft;
  if (fjordsoundDraft) await fjordsound.caller.branding.discardDraft({ expectedRevision: fjordsoundDraft.revision });
  const fjordsoundLatest = (await fjordsound.caller.branding.history())[0]?.version ?? 0;
  const seededDraft = (await admin.caller.branding.get()).draft;
  if (seededDraft) await admin.caller.branding.discardDraft({ expectedRevision: seededDraft.revision });
  let brandingVersion = 0;
  while (brandingVersion <= fjordsoundLatest) {
    const draft = await admin.caller.branding.saveDraft(brandingFields({ logoAssetId: logo.id }));
    brandingVersion = (await admin.caller.branding.publish({ expectedRevision: draft.revision })).version ?? 0;
  }
  await admin.caller.branding.saveDraft(brandingFields({ displayName: "Northwave (next)" }));
  // A Northwave privacy addendum waiting for approval, for the addenda procedures to aim at.
  const addendumDraft = await admin.caller.addenda.saveDraft({
    kind: "privacy",
    markdown: "## Northwave extras\n",
    changeSummary: "Extras",
  });
  const addendum = await admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: addendumDraft.revision });
  // A published privacy version for the policy procedures to aim at (the demo seed may have some).
  const compliance = await h.as("compliance@masterchannel.test");
  let [policy] = await compliance.caller.policies.versions({ kind: "privacy" });
  if (!policy) {
    const draft = await compliance.caller.policies.saveDraft({
      kind: "privacy",
      title: "Privacy policy",
      markdown: "# Privacy policy\n\n{{partner.name}} sells mastering by {{operator.name}}.",
      purposes: [],
      material: false,
      changeSummary: "",
    });
    policy = await compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: draft.nextVersion });
  }
  // Northwave consent records, for the ledger procedures to (not) show.
  await appendTestRecords(h.db.db, me.activeTenant.id, 3);
  const [subjectRecord] = await appendConsent(h.db.db, me.activeTenant.id, [{ subjectId: "dev_security_fixture", receivedAt: new Date() }]);
  if (!subjectRecord) throw new Error("northwave has no subject record");
  const [northwaveKey] = await h.db.db
    .select()
    .from(consentPublishableKeys)
    .where(and(eq(consentPublishableKeys.tenantId, me.activeTenant.id), isNull(consentPublishableKeys.expiresAt)));
  if (!northwaveKey) throw new Error("northwave has no publishable key");
  northwaveKeys = await h.db.db.select().from(consentPublishableKeys).where(eq(consentPublishableKeys.tenantId, me.activeTenant.id));
  policyTemplates = await h.db.db.select().from(policyVersions);
  northwaveAddenda = await h.db.db.select().from(policyAddendumVersions).where(eq(policyAddendumVersions.tenantId, me.activeTenant.id));
  northwaveShareRequests = await h.db.db.select().from(revenueShareRequests).where(eq(revenueShareRequests.tenantId, me.activeTenant.id));
  northwaveBranding = await h.db.db.select().from(brandingVersions).where(eq(brandingVersions.tenantId, me.activeTenant.id));
  // Northwave sells once and is paid out, for the earnings and payouts procedures to aim at.
  const payments = await paymentsApp(h);
  await onboard(h, me.activeTenant.id);
  await buy(h, payments, { tracks: 1, currency: "NOK" });
  await h.simulator.advanceTo(Date.now() + 12 * 86_400_000);
  await h.simulator.flushWebhooks();
  await payments.close();
  const [payout] = await h.db.db.select().from(payouts).where(eq(payouts.tenantId, me.activeTenant.id));
  const [stripeEvent] = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.tenantId, me.activeTenant.id)).limit(1);
  if (!payout || !stripeEvent) throw new Error("northwave was not paid out");
  northwaveAccount = await h.db.db.select().from(stripeAccounts).where(eq(stripeAccounts.tenantId, me.activeTenant.id));
  northwaveAssets = await h.db.db.select().from(brandAssets).where(eq(brandAssets.tenantId, me.activeTenant.id));
  f = {
    tenantId: me.activeTenant.id,
    adminUserId: me.user.id,
    adminEmail: me.user.email,
    adminSessionId: me.sessionId,
    invitationId: invitation.invitationId,
    invitationToken: invitation.url.split("/invite/")[1] as string,
    brandLogoId: logo.id,
    brandingVersion,
    domainId: domain.id,
    domainHostname: domain.hostname,
    policyVersion: policy.version,
    addendumRevision: addendum.revision,
    publishableKeyId: northwaveKey.id,
    consentRecordId: subjectRecord.recordId,
    consentSubjectId: subjectRecord.subjectId,
    revenueShareRequestId: shareRequest.id,
    payoutId: payout.id,
    stripeEventId: stripeEvent.id,
    invitationEmailId: await invitationEmailOf(invitation.invitationId),
  };
  northwaveDomains = await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, f.tenantId));
});
afterAll(() => h.close());

async function invitationEmailOf(invitationId: string): Promise<string> {
  const [row] = await h.db.db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, `invitation:${invitationId}`));
  if (!row) throw new Error("the invitation was not mailed");
  return row.id;
}

async function clientFor(actor: Actor): Promise<Client> {
  if (actor === "anonymous") return h.client();
  return h.as(actor === "otherTenantAdmin" ? "admin@fjordsound.test" : "viewer@northwave.test");
}

async function call(client: Client, path: string, input: unknown): Promise<{ outcome: Outcome; result?: unknown }> {
  const [namespace, name] = path.split(".") as [string, string];
  const procedure = (client.caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[namespace]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  try {
    return { outcome: "OK", result: await procedure(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code };
    throw error;
  }
}

describe("router security", () => {
  it("has a decision for every procedure, and none for a procedure that is gone", () => {
    expect(procedurePaths.filter((path) => !(path in decisions))).toEqual([]);
    expect(Object.keys(decisions).filter((path) => !procedurePaths.includes(path))).toEqual([]);
  });

  for (const path of procedurePaths) {
    describe(path, () => {
      for (const actor of ["anonymous", "otherTenantAdmin", "viewer"] as const) {
        it(`answers ${actor} as decided`, async () => {
          const decision = decisions[path];
          expect(decision, `no decision for ${path}`).toBeDefined();
          if (!decision) return;
          const client = await clientFor(actor);
          const { outcome, result } = await call(client, path, decision.input?.(f));
          expect(outcome).toBe(decision.expect[actor]);
          if (actor === "otherTenantAdmin" && outcome === "OK" && !decision.capability) {
            // Whatever another tenant's admin may read holds nothing of Northwave's.
            const text = JSON.stringify(result ?? null);
            expect(text).not.toContain(f.tenantId);
            expect(text).not.toContain(f.adminUserId);
            expect(text).not.toContain(f.adminEmail);
            expect(text.toLowerCase()).not.toContain("northwave");
          }
        });
      }
    });
  }

  it("left Northwave as it was after every attempt", async () => {
    const [tenant] = await h.db.db.select().from(tenants).where(eq(tenants.id, f.tenantId));
    expect(tenant?.status).toBe("active");
    const [membership] = await h.db.db
      .select()
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, f.tenantId), eq(tenantMemberships.userId, f.adminUserId)));
    expect(membership?.role).toBe("partner_admin");
    const [invitation] = await h.db.db.select().from(invitations).where(eq(invitations.id, f.invitationId));
    expect(invitation?.revokedAt).toBeNull();
    expect(invitation?.acceptedAt).toBeNull();
    // Its invitation mail is still waiting, neither sent again, cancelled nor changed.
    const [mail] = await h.db.db.select().from(emailOutbox).where(eq(emailOutbox.id, f.invitationEmailId));
    expect(mail).toMatchObject({ status: "pending", attempts: 0, tenantId: f.tenantId, audience: "tenant" });
    const live = await h.db.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, f.adminSessionId), isNull(sessions.revokedAt)));
    expect(live).toHaveLength(1);
    // Its domain is as added: unchecked, still pending, and its host name held by no one else.
    const domains = await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.hostname, f.domainHostname));
    expect(domains.map((row) => [row.tenantId, row.id, row.status, row.lastCheckedAt, row.lastError])).toEqual([
      [f.tenantId, f.domainId, "pending", null, null],
    ]);
    expect(await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, f.tenantId))).toEqual(northwaveDomains);
    const prices = await h.db.db
      .select()
      .from(priceBookVersions)
      .where(and(eq(priceBookVersions.tenantId, f.tenantId), eq(priceBookVersions.currency, "GBP")));
    expect(prices.map((row) => [row.status, row.version, row.perTrackAmount, row.revenueShareBps, row.revision]).sort()).toEqual([
      ["draft", null, 15900, 2000, 1],
      ["published", 1, 14900, 2000, 1],
    ]);
    // The seed's scheduled NOK version 2 is still scheduled, not cancelled.
    const nok = await h.db.db
      .select()
      .from(priceBookVersions)
      .where(and(eq(priceBookVersions.tenantId, f.tenantId), eq(priceBookVersions.currency, "NOK")));
    expect(nok.map((row) => [row.version, row.status]).sort()).toEqual([
      [1, "published"],
      [2, "published"],
    ]);
    // Its branding: no version published, changed or removed, the draft untouched, no upload added.
    expect(await h.db.db.select().from(brandingVersions).where(eq(brandingVersions.tenantId, f.tenantId))).toEqual(northwaveBranding);
    expect(await h.db.db.select().from(brandAssets).where(eq(brandAssets.tenantId, f.tenantId))).toEqual(northwaveAssets);
    // Its publishable keys neither rotated nor ended; no ingestion limit or development origin set.
    expect(await h.db.db.select().from(consentPublishableKeys).where(eq(consentPublishableKeys.tenantId, f.tenantId))).toEqual(
      northwaveKeys,
    );
    expect(await h.db.db.select().from(consentIngestSettings)).toEqual([]);
    expect(await h.db.db.select().from(consentDevOrigins)).toEqual([]);
    // No policy template drafted, published, approved or retired.
    expect(await h.db.db.select().from(policyVersions)).toEqual(policyTemplates);
    // Its addenda: the one waiting for approval neither approved, rejected, discarded nor edited.
    expect(await h.db.db.select().from(policyAddendumVersions).where(eq(policyAddendumVersions.tenantId, f.tenantId))).toEqual(
      northwaveAddenda,
    );
    // Its revenue share change still waits for approval, neither approved, rejected nor withdrawn; none other asked for.
    const shareRequests = await h.db.db.select().from(revenueShareRequests).where(eq(revenueShareRequests.tenantId, f.tenantId));
    expect(shareRequests).toEqual(northwaveShareRequests);
    expect(shareRequests.map((row) => [row.id, row.status])).toEqual([[f.revenueShareRequestId, "pending"]]);
    // Its payouts are not on hold, and its account is as it was (balances aside, read afresh by Stripe calls).
    const account = await h.db.db.select().from(stripeAccounts).where(eq(stripeAccounts.tenantId, f.tenantId));
    const withoutBalance = (rows: (typeof stripeAccounts.$inferSelect)[]) => rows.map(({ balance: _b, updatedAt: _u, ...rest }) => rest);
    expect(withoutBalance(account)).toEqual(withoutBalance(northwaveAccount));
    expect(account[0]?.heldAt).toBeNull();
  });
});

// A Northwave data-subject request for the subjectRequests procedures to aim at, filed after the
// fixtures above (hooks run in order), and checked untouched after every attempt.
let northwaveSubjectRequestId = "";
beforeAll(async () => {
  const admin = await h.as("admin@northwave.test");
  const filed = await admin.caller.subjectRequests.file({
    kind: "erasure",
    subjectIds: [f.consentSubjectId],
    requesterEmail: "customer@example.test",
    channel: "email",
  });
  northwaveSubjectRequestId = filed.id;
});

describe("subject requests after every attempt", () => {
  it("left Northwave's request as filed, and no other filed for it", async () => {
    const staff = await h.as("compliance@masterchannel.test");
    const { items } = await staff.caller.subjectRequests.list({ tenantId: f.tenantId });
    expect(items.map((item) => [item.id, item.status, item.filedByLabel])).toEqual([
      [northwaveSubjectRequestId, "received", "admin@northwave.test"],
    ]);
  });
});

describe("retention after every attempt", () => {
  it("left Northwave's retention as it was: no period of its own, no hold, no purge", async () => {
    expect(await h.db.db.select().from(consentRetentionTenants)).toEqual([]);
    expect(await h.db.db.select().from(consentLegalHolds)).toEqual([]);
    expect(await h.db.db.select().from(consentRetentionPurges)).toEqual([]);
  });
});
