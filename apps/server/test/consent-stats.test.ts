/**
 * Consent statistics through the router: buckets by UTC day, ISO week and calendar month (their
 * boundaries), opt-in rates with acknowledged purposes apart, the action mix, the breakdowns by
 * version and country, filters, re-consent coverage among active subjects, the numbers against a
 * recomputation from the ledger, bad input, and a partner never seeing another tenant's numbers.
 */
import { consentRecords } from "@pc/db";
import { and, gte, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendConsent } from "./consent-audit-fixtures.js";
import { clientErrorFrom } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

const DAY_MS = 86_400_000;
const ACK_1_0 = { preferences: "acknowledged", stripe_checkout: "acknowledged", audio_mastering_data: "acknowledged" } as const;
/** 23 February 2026 is a Monday; 1 March a Sunday. */
const RANGE = { from: "2026-02-23", to: "2026-03-08" };

let h: Harness;
let staff: Client;
let northwaveViewer: Client;
let fjordsoundAdmin: Client;

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  northwaveViewer = await h.as("viewer@northwave.test");
  fjordsoundAdmin = await h.as("admin@fjordsound.test");
  await appendConsent(h.db.db, h.tenantIds.northwave, [
    {
      receivedAt: new Date("2026-02-28T23:30:00Z"),
      action: "accept_all",
      purposes: { preferences: "acknowledged", tidio: "granted", product_analytics: "granted" },
      country: "NO",
    },
    {
      receivedAt: new Date("2026-03-01T00:10:00Z"),
      action: "reject_all",
      purposes: { preferences: "acknowledged", tidio: "denied", product_analytics: "denied" },
      country: "SE",
    },
    {
      receivedAt: new Date("2026-03-02T12:00:00Z"),
      action: "save_custom",
      purposes: { preferences: "acknowledged", tidio: "granted", product_analytics: "denied" },
      country: null,
    },
    { receivedAt: new Date("2026-03-02T13:00:00Z"), version: "1.0", action: "accept_all", purposes: ACK_1_0, country: "NO" },
    // Outside the range: the day before it starts and the day after it ends.
    { receivedAt: new Date("2026-02-22T23:59:59Z"), action: "withdraw", country: "NO" },
    { receivedAt: new Date("2026-03-09T00:00:00Z"), action: "gpc", country: "NO" },
  ]);
  await appendConsent(h.db.db, h.tenantIds.fjordsound, [
    { receivedAt: new Date("2026-03-03T08:00:00Z"), action: "reject_all", purposes: { tidio: "denied" }, country: "DK" },
    { receivedAt: new Date("2026-03-04T08:00:00Z"), action: "reject_all", purposes: { tidio: "denied" }, country: "DK" },
  ]);
});
afterAll(() => h.close());

const overview = (client: Client, input: Record<string, unknown>) =>
  client.caller.consentStats.overview({ tenantId: h.tenantIds.northwave, ...RANGE, ...input } as never);

const rates = (result: Awaited<ReturnType<typeof overview>>, purpose: string) =>
  result.purposes
    .find((row) => row.purpose === purpose)
    ?.buckets.map((bucket) => [bucket.start, bucket.granted, bucket.denied, bucket.rate]);

describe("consent statistics", () => {
  it("counts each UTC day in its own bucket", async () => {
    const result = await overview(staff, { granularity: "day" });
    expect(result.buckets).toHaveLength(14);
    const tidio = rates(result, "tidio")?.filter(([, granted, denied]) => Number(granted) + Number(denied) > 0);
    expect(tidio).toEqual([
      ["2026-02-28", 1, 0, 1],
      ["2026-03-01", 0, 1, 0],
      ["2026-03-02", 1, 0, 1],
    ]);
  });

  it("starts weeks on Monday and months on the 1st, cutting the first and last bucket to the range", async () => {
    const weeks = await overview(staff, { granularity: "week" });
    expect(weeks.buckets.map((bucket) => [bucket.start, bucket.from, bucket.to])).toEqual([
      ["2026-02-23", "2026-02-23", "2026-03-01"],
      ["2026-03-02", "2026-03-02", "2026-03-08"],
    ]);
    expect(rates(weeks, "tidio")).toEqual([
      ["2026-02-23", 1, 1, 0.5],
      ["2026-03-02", 1, 0, 1],
    ]);
    expect(
      weeks.actions.buckets.map(({ start, accept_all, reject_all, save_custom, total }) => [
        start,
        accept_all,
        reject_all,
        save_custom,
        total,
      ]),
    ).toEqual([
      ["2026-02-23", 1, 1, 0, 2],
      ["2026-03-02", 1, 0, 1, 2],
    ]);
    const months = await overview(staff, { granularity: "month" });
    expect(months.buckets.map((bucket) => [bucket.start, bucket.from, bucket.to])).toEqual([
      ["2026-02-01", "2026-02-23", "2026-02-28"],
      ["2026-03-01", "2026-03-01", "2026-03-08"],
    ]);
    expect(rates(months, "product_analytics")).toEqual([
      ["2026-02-01", 1, 0, 1],
      ["2026-03-01", 0, 2, 0],
    ]);
  });

  it("shows purposes nobody could refuse as acknowledged, and breaks the rates down by version and country", async () => {
    const result = await overview(staff, { granularity: "week" });
    const preferences = result.purposes.find((row) => row.purpose === "preferences");
    expect(preferences).toMatchObject({ acknowledgedOnly: true, total: { granted: 0, denied: 0, acknowledged: 4, rate: null } });
    expect(result.purposes.find((row) => row.purpose === "tidio")).toMatchObject({ acknowledgedOnly: false, total: { rate: 2 / 3 } });
    expect(result.actions.totals).toEqual({ accept_all: 2, reject_all: 1, save_custom: 1, withdraw: 0, gpc: 0, total: 4 });
    expect(result.byVersion.map((row) => [row.policyVersion, row.purposes.map((purpose) => purpose.purpose)])).toEqual([
      ["2.0", ["preferences", "product_analytics", "tidio"]],
      ["1.0", ["audio_mastering_data", "preferences", "stripe_checkout"]],
    ]);
    expect(result.byCountry.map((row) => [row.country, row.records])).toEqual([
      ["NO", 2],
      ["SE", 1],
      [null, 1],
    ]);
    expect(result.byCountry[0]?.purposes.find((row) => row.purpose === "tidio")).toMatchObject({ granted: 1, denied: 0, rate: 1 });
  });

  it("narrows to a country and a purpose", async () => {
    const result = await overview(staff, { granularity: "month", country: "no", purpose: "tidio" });
    expect(result.purposes.map((row) => [row.purpose, row.total.granted, row.total.denied])).toEqual([["tidio", 1, 0]]);
    expect(result.actions.totals).toMatchObject({ accept_all: 2, total: 2 });
    expect(result.byCountry.map((row) => row.country)).toEqual(["NO"]);
  });

  it("adds up to what the ledger holds for every tenant in the range", async () => {
    const result = await staff.caller.consentStats.overview({ ...RANGE, granularity: "month" });
    expect(result.tenant).toBeNull();
    const records = await h.db.db
      .select()
      .from(consentRecords)
      .where(
        and(
          gte(consentRecords.receivedAt, new Date(`${RANGE.from}T00:00:00Z`)),
          lt(consentRecords.receivedAt, new Date("2026-03-09T00:00:00Z")),
        ),
      );
    const expected = new Map<string, { granted: number; denied: number; acknowledged: number }>();
    for (const record of records) {
      for (const [purpose, decision] of Object.entries(record.purposes)) {
        const counts = expected.get(purpose) ?? { granted: 0, denied: 0, acknowledged: 0 };
        counts[decision] += 1;
        expected.set(purpose, counts);
      }
    }
    expect(result.actions.totals.total).toBe(records.length);
    expect(
      new Map(
        result.purposes.map((row) => [
          row.purpose,
          { granted: row.total.granted, denied: row.total.denied, acknowledged: row.total.acknowledged },
        ]),
      ),
    ).toEqual(expected);
  });

  it("never gives a partner another tenant's numbers, whatever tenant it names", async () => {
    const asked = await overview(fjordsoundAdmin, { granularity: "month" });
    const own = await fjordsoundAdmin.caller.consentStats.overview({ ...RANGE, granularity: "month" });
    expect(asked).toEqual(own);
    expect(asked.tenant?.id).toBe(h.tenantIds.fjordsound);
    expect(asked.actions.totals).toMatchObject({ reject_all: 2, total: 2 });
    expect(asked.byCountry.map((row) => row.country)).toEqual(["DK"]);
    const viewer = await overview(northwaveViewer, { granularity: "month" });
    expect(viewer.actions.totals.total).toBe(4);
  });

  it("refuses a reversed range, one too long, an unknown granularity and a malformed day, naming the field", async () => {
    const reversed = await clientErrorFrom(overview(staff, { from: "2026-03-08", to: "2026-03-01" }));
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(reversed.fieldErrors?.to).toEqual(["The end must not come before the start"]);
    const long = await clientErrorFrom(overview(staff, { from: "2024-01-01", to: "2026-03-01" }));
    expect(long.fieldErrors?.to).toEqual(["A range spans at most 731 days"]);
    const granularity = await clientErrorFrom(overview(staff, { granularity: "year" }));
    expect(granularity.fieldErrors?.granularity).toEqual(["Choose day, week or month"]);
    const day = await clientErrorFrom(overview(staff, { from: "2026-02-30" }));
    expect(day.fieldErrors?.from).toEqual(["The start must be a date (YYYY-MM-DD)"]);
  });
});

describe("re-consent coverage", () => {
  it("counts the active subjects whose latest choice is on the material version in force or later", async () => {
    const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
    await appendConsent(h.db.db, h.tenantIds.beatlab, [
      // Chose on 1.0, then again on 2.0: covered.
      { subjectId: "dev_a", receivedAt: ago(60), version: "1.0", purposes: ACK_1_0 },
      { subjectId: "dev_a", receivedAt: ago(20) },
      // Still on 1.0: needs to consent again.
      { subjectId: "dev_b", receivedAt: ago(50), version: "1.0", purposes: ACK_1_0 },
      { subjectId: "dev_c", receivedAt: ago(10) },
      // Last seen more than a year ago: not active, not counted.
      { subjectId: "dev_d", receivedAt: ago(400), version: "1.0", purposes: ACK_1_0 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const result = await staff.caller.consentStats.overview({ tenantId: h.tenantIds.beatlab, from: today, to: today });
    const privacy = result.coverage.kinds.find((kind) => kind.policyKind === "privacy");
    expect(privacy).toMatchObject({ required: "2.0", activeSubjects: 3, covered: 2, share: 2 / 3 });
    expect(privacy?.versions).toEqual([
      { policyVersion: "2.0", subjects: 2, covered: true },
      { policyVersion: "1.0", subjects: 1, covered: false },
    ]);
    expect(result.coverage.kinds.find((kind) => kind.policyKind === "terms")).toMatchObject({ activeSubjects: 0, share: null });
  });
});
