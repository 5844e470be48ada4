/**
 * Retention settings, legal holds and their effect on erasure, and the daily purge job: a period
 * or limits outside what is allowed answer a clear error and change nothing; partners set only
 * their own tenant's period and may not place holds; an erasure of a held subject is refused and
 * changes nothing; the daily purge runs once per due time across runners.
 */
import {
  auditEvents,
  consentPersonalData,
  consentRetentionPurges,
  consentRetentionSettings,
  consentRetentionTenants,
  subjectRequestArtifacts,
} from "@pc/db";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_RETENTION_JOB, consentRetentionJobs } from "../src/jobs/consent-retention.job.js";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { createJobRunner } from "../src/jobs/runner.js";
import { appendConsent, digestOf } from "./consent-audit-fixtures.js";
import { auditMark, clientErrorFrom, codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, TEST_SIGNER } from "./harness.js";
import { daysAgo, liveSeqs, purgeServices, tombstoneSeqs } from "./retention-fixtures.js";

let h: Harness;
let operator: Client;
let staff: Client;
let northwave: string;
let beatlab: string;

beforeAll(async () => {
  h = await createHarness();
  northwave = h.tenantIds.northwave;
  beatlab = h.tenantIds.beatlab;
  operator = await h.as("admin@masterchannel.test");
  staff = await h.as("compliance@masterchannel.test");
});
afterAll(() => h.close());

const settingsRow = async () => (await h.db.db.select().from(consentRetentionSettings))[0];
const ownPeriods = () => h.db.db.select().from(consentRetentionTenants);

describe("retention periods and limits", () => {
  it("starts from the operator's default within its limits, for every tenant", async () => {
    const overview = await staff.caller.retention.overview({});
    expect(overview.limits).toMatchObject({ defaultDays: 1095, minDays: 30, maxDays: 3650 });
    expect(overview.tenants.map((tenant) => [tenant.tenant.slug, tenant.ownDays, tenant.days])).toEqual([
      ["beatlab", null, 1095],
      ["fjordsound", null, 1095],
      ["northwave", null, 1095],
    ]);
  });

  it("refuses a tenant's period outside the limits, naming them, and changes nothing", async () => {
    const mark = await auditMark(h);
    for (const days of [29, 3651]) {
      const error = await clientErrorFrom(staff.caller.retention.setTenantPeriod({ tenantId: northwave, days }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { days: [expect.stringContaining("from 30 to 3650 days")] } });
    }
    expect(await ownPeriods()).toEqual([]);
    expect(await mark.events()).toEqual([]);
  });

  it("lets a partner admin set its own tenant's period (audited), never another's; viewers not at all", async () => {
    const admin = await h.as("admin@northwave.test");
    const mark = await auditMark(h);
    expect(await admin.caller.retention.setTenantPeriod({ tenantId: northwave, days: 400 })).toMatchObject({ ownDays: 400, days: 400 });
    expect(await codeOf(admin.caller.retention.setTenantPeriod({ tenantId: beatlab, days: 400 }))).toBe("NOT_FOUND");
    expect(await codeOf((await h.as("viewer@northwave.test")).caller.retention.setTenantPeriod({ tenantId: northwave, days: 60 }))).toBe(
      "FORBIDDEN",
    );
    const events = (await mark.events()).filter((event) => event.action.startsWith("consent."));
    expect(events.map((event) => [event.action, event.tenantId, event.before, event.after])).toEqual([
      ["consent.retention_period", northwave, { ownDays: null, days: 1095 }, { ownDays: 400, days: 400 }],
    ]);
  });

  it("refuses limits that would leave a tenant's period outside, naming the tenant, and changes nothing", async () => {
    const before = await settingsRow();
    const tooHigh = await clientErrorFrom(operator.caller.retention.setLimits({ defaultDays: 900, minDays: 500, maxDays: 1000 }));
    expect(tooHigh).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { minDays: [expect.stringContaining("Northwave (400)")] } });
    const tooLow = await clientErrorFrom(operator.caller.retention.setLimits({ defaultDays: 100, minDays: 30, maxDays: 365 }));
    expect(tooLow).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { maxDays: [expect.stringContaining("Northwave (400)")] } });
    const inverted = await clientErrorFrom(operator.caller.retention.setLimits({ defaultDays: 10, minDays: 30, maxDays: 365 }));
    expect(inverted.code).toBe("BAD_REQUEST");
    // Compliance may set periods, not the limits.
    expect(await codeOf(staff.caller.retention.setLimits({ defaultDays: 400, minDays: 30, maxDays: 3650 }))).toBe("FORBIDDEN");
    expect(await settingsRow()).toEqual(before);
  });

  it("lets an operator admin change the default and limits, and tenants without a period follow", async () => {
    await operator.caller.retention.setLimits({ defaultDays: 730, minDays: 60, maxDays: 1825 });
    const overview = await staff.caller.retention.overview({});
    expect(overview.limits).toMatchObject({ defaultDays: 730, minDays: 60, maxDays: 1825 });
    expect(overview.tenants.find((tenant) => tenant.tenant.id === beatlab)?.days).toBe(730);
    expect(overview.tenants.find((tenant) => tenant.tenant.id === northwave)?.days).toBe(400);
    await staff.caller.retention.setTenantPeriod({ tenantId: northwave, days: null });
    expect(await ownPeriods()).toEqual([]);
  });
});

describe("legal holds", () => {
  it("are placed and released by staff with a reason, seen but not placed by partners", async () => {
    const partner = await h.as("admin@beatlab.test");
    expect(
      await codeOf(partner.caller.retention.placeHold({ tenantId: beatlab, scope: "tenant", reason: "We want to keep everything" })),
    ).toBe("FORBIDDEN");
    const hold = await staff.caller.retention.placeHold({ tenantId: beatlab, scope: "tenant", reason: "Audit 2031" });
    expect(hold).toMatchObject({ scope: "tenant", active: true, reason: "Audit 2031", placedByLabel: "compliance@masterchannel.test" });
    expect((await partner.caller.retention.holds({})).map((seen) => seen.id)).toEqual([hold.id]);
    expect(await codeOf(partner.caller.retention.releaseHold({ tenantId: beatlab, holdId: hold.id, reason: "Done" }))).toBe("FORBIDDEN");
    const noReason = await clientErrorFrom(staff.caller.retention.releaseHold({ tenantId: beatlab, holdId: hold.id, reason: " " }));
    expect(noReason.code).toBe("BAD_REQUEST");
    const released = await staff.caller.retention.releaseHold({ tenantId: beatlab, holdId: hold.id, reason: "Audit closed" });
    expect(released).toMatchObject({ active: false, releaseReason: "Audit closed" });
    expect(await codeOf(staff.caller.retention.releaseHold({ tenantId: beatlab, holdId: hold.id, reason: "Again" }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await staff.caller.retention.holds({ tenantId: beatlab })).toEqual([]);
    expect((await staff.caller.retention.holds({ tenantId: beatlab, includeReleased: true })).map((seen) => seen.id)).toEqual([hold.id]);
  });

  it("refuse the erasure of a held subject with the hold's reason, and nothing changes; released, it goes through", async () => {
    await appendConsent(h.db.db, beatlab, [{ subjectId: "dev_kept", receivedAt: daysAgo(2) }]);
    const hold = await staff.caller.retention.placeHold({
      tenantId: beatlab,
      scope: "subject",
      subjectId: "dev_kept",
      reason: "Chargeback dispute 44",
    });
    expect(hold.subjectHint).toBe("d…t");
    expect(hold.recordsCovered).toBe(1);
    const request = await staff.caller.subjectRequests.file({
      tenantId: beatlab,
      kind: "erasure",
      subjectIds: ["dev_kept"],
      requesterEmail: "kept@example.test",
      channel: "email",
    });
    await staff.caller.subjectRequests.verifyIdentity({ requestId: request.id, note: "Replied from the address on file" });
    await staff.caller.subjectRequests.start({ requestId: request.id });
    const digest = await digestOf(h.db.db, beatlab, "dev_kept");
    const kept = () =>
      h.db.db
        .select()
        .from(consentPersonalData)
        .where(and(eq(consentPersonalData.tenantId, beatlab), isNull(consentPersonalData.erasedAt)));
    const keptBefore = await kept();
    const mark = await auditMark(h);

    const refused = await clientErrorFrom(staff.caller.subjectRequests.complete({ requestId: request.id }));
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("“Chargeback dispute 44”") });
    expect(await kept()).toEqual(keptBefore);
    expect((await staff.caller.subjectRequests.detail({ requestId: request.id })).request.status).toBe("in_progress");
    expect(await h.db.db.select().from(subjectRequestArtifacts).where(eq(subjectRequestArtifacts.requestId, request.id))).toEqual([]);
    expect(await mark.events()).toEqual([]);

    await staff.caller.retention.releaseHold({ tenantId: beatlab, holdId: hold.id, reason: "Dispute settled" });
    const done = await staff.caller.subjectRequests.complete({ requestId: request.id });
    expect(done.request.status).toBe("completed");
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the daily purge job", () => {
  it("runs once per due time when two runners tick at once, purging each tenant in one run", async () => {
    await appendConsent(h.db.db, northwave, [
      { subjectId: "dev_x", receivedAt: daysAgo(900) },
      { subjectId: "dev_y", receivedAt: daysAgo(800) },
      { subjectId: "dev_z", receivedAt: daysAgo(1) },
    ]);
    await signDueCheckpoints(h.db.db, TEST_SIGNER);
    await staff.caller.retention.setTenantPeriod({ tenantId: northwave, days: 365 });
    let clock = Date.now();
    const now = () => new Date(clock);
    const [daily] = consentRetentionJobs(purgeServices(h.db.db, 1000));
    if (!daily) throw new Error("no daily job");
    const runners = [createJobRunner({ db: h.db.db, jobs: [daily], now }), createJobRunner({ db: h.db.db, jobs: [daily], now })];
    const ran = await Promise.all(runners.map((runner) => runner.tick()));
    expect(ran.flat()).toEqual([CONSENT_RETENTION_JOB]);
    clock += 3600_000;
    expect((await Promise.all(runners.map((runner) => runner.tick()))).flat()).toEqual([]);

    const purges = await h.db.db.select().from(consentRetentionPurges).where(eq(consentRetentionPurges.tenantId, northwave));
    expect(purges.map((purge) => [purge.trigger, purge.status, purge.purgedRecords, purge.jobRunId])).toEqual([
      ["schedule", "completed", 2, `${CONSENT_RETENTION_JOB}#1`],
    ]);
    expect((await tombstoneSeqs(h.db.db, northwave)).length).toBe(2);
    expect((await liveSeqs(h.db.db, northwave)).length).toBe(1);
    const audited = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, northwave), eq(auditEvents.action, "consent.retention_purge")));
    expect(audited.map((event) => [event.actorLabel, event.requestId, (event.after as { records: number }).records])).toEqual([
      ["system", `${CONSENT_RETENTION_JOB}#1`, 2],
    ]);
  });
});
