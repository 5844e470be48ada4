/**
 * Retention purges end to end: the preview is exactly what a purge removes (counts and seqs), held
 * subjects and held tenants are kept, each batch is audited with its seq range, the chain still
 * verifies after (removed records by their links, anchored by signed checkpoints), the record page
 * and evidence packs answer sensibly for removed records, and tampering with what a purge left is
 * still detected.
 */
import {
  auditEvents,
  consentPersonalData,
  consentPurgedRecords,
  consentRecords,
  queryRows,
  readConsentStats,
  recomputeConsentStats,
  verifySignature,
} from "@pc/db";
import { verifyEvidencePack } from "@pc/shared";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQueuedPurges, runScheduledPurges } from "../src/jobs/consent-retention.job.js";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { verifyTenantLedger } from "../src/ledger/ledger-verify.js";
import { candidateSeqs } from "../src/routers/retention/retention.preview.js";
import { type AppendedRecord, appendConsent } from "./consent-audit-fixtures.js";
import { clientErrorFrom, codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, TEST_SIGNER, TEST_TRUSTED_KEYS } from "./harness.js";
import { daysAgo, jobContext, liveSeqs, purgeServices, tombstoneSeqs } from "./retention-fixtures.js";

let h: Harness;
let staff: Client;
let beatlab: string;
let fjordsound: string;
let records: AppendedRecord[];
let purgeId: string;
let previewed: number[];

const sortedRows = (rows: Record<string, string>[]) => rows.map((row) => JSON.stringify(row)).sort();
const sum = (rows: Record<string, string>[]) => rows.reduce((total, row) => total + Number(row.n), 0);
const seqsOf = (subject: string) => records.filter((record) => record.subjectId === subject).map((record) => record.seq);

beforeAll(async () => {
  h = await createHarness();
  beatlab = h.tenantIds.beatlab;
  fjordsound = h.tenantIds.fjordsound;
  staff = await h.as("compliance@masterchannel.test");
  // Old records of three subjects, one of them to be held, interleaved; then some within the period.
  const old = ["dev_a", "dev_held", "dev_b", "dev_b", "dev_held", "dev_c", "dev_a", "dev_c", "dev_a"];
  records = await appendConsent(h.db.db, beatlab, [
    ...old.map((subjectId, index) => ({ subjectId, receivedAt: daysAgo(400 - index) })),
    { subjectId: "dev_a", receivedAt: daysAgo(10) },
    { subjectId: "dev_held", receivedAt: daysAgo(5) },
    { subjectId: "dev_d", receivedAt: daysAgo(1) },
  ]);
  await appendConsent(h.db.db, fjordsound, [
    { subjectId: "dev_f", receivedAt: daysAgo(500) },
    { subjectId: "dev_g", receivedAt: daysAgo(400) },
  ]);
  await signDueCheckpoints(h.db.db, TEST_SIGNER);
  await staff.caller.retention.setTenantPeriod({ tenantId: beatlab, days: 30 });
  await staff.caller.retention.setTenantPeriod({ tenantId: fjordsound, days: 30 });
  await staff.caller.retention.placeHold({ tenantId: beatlab, scope: "subject", subjectId: "dev_held", reason: "Dispute 2031-17" });
  await staff.caller.retention.placeHold({ tenantId: fjordsound, scope: "tenant", reason: "Regulator inquiry" });
});
afterAll(() => h.close());

describe("the preview", () => {
  it("counts what would go per tenant, the held records apart, and names exactly the seqs a purge selects", async () => {
    const { tenants: previews } = await staff.caller.retention.preview({});
    const beat = previews.find((preview) => preview.tenant.id === beatlab);
    const expected = records.filter((record, index) => index < 9 && record.subjectId !== "dev_held").map((record) => record.seq);
    expect(beat).toMatchObject({
      retentionDays: 30,
      records: expected.length,
      heldRecords: 2,
      awaitingCheckpoint: 0,
      firstSeq: expected[0],
      lastSeq: expected.at(-1),
      tenantHeld: false,
    });
    previewed = await candidateSeqs(h.db.db, beatlab, beat?.cutoff as Date);
    expect(previewed).toEqual(expected);
    expect(previews.find((preview) => preview.tenant.id === fjordsound)).toMatchObject({ records: 0, heldRecords: 2, tenantHeld: true });
  });

  it("is the partner's own tenant only", async () => {
    const partner = await h.as("admin@fjordsound.test");
    const { tenants: previews } = await partner.caller.retention.preview({ tenantId: beatlab });
    expect(previews.map((preview) => preview.tenant.id)).toEqual([fjordsound]);
  });
});

describe("purge now", () => {
  it("refuses a count that no longer holds, or a cutoff later than the period allows, and queues nothing", async () => {
    const [beat] = (await staff.caller.retention.preview({ tenantId: beatlab })).tenants;
    if (!beat) throw new Error("no preview");
    const changed = await clientErrorFrom(
      staff.caller.retention.purge({ tenantId: beatlab, cutoff: beat.cutoff, expectedRecords: beat.records + 1 }),
    );
    expect(changed).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`${beat.records} records would now be removed`) });
    const tooLate = await clientErrorFrom(
      staff.caller.retention.purge({ tenantId: beatlab, cutoff: new Date(), expectedRecords: beat.records }),
    );
    expect(tooLate).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { cutoff: [expect.stringContaining("30 days")] } });
    expect(
      await codeOf(
        (await h.as("admin@beatlab.test")).caller.retention.purge({
          tenantId: beatlab,
          cutoff: beat.cutoff,
          expectedRecords: beat.records,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await staff.caller.retention.purges({ tenantId: beatlab })).toEqual([]);
  });

  it("removes exactly the previewed records in audited batches, keeps the held ones, and the chain still verifies", async () => {
    const [beat] = (await staff.caller.retention.preview({ tenantId: beatlab })).tenants;
    if (!beat) throw new Error("no preview");
    const queued = await staff.caller.retention.purge({ tenantId: beatlab, cutoff: beat.cutoff, expectedRecords: beat.records });
    expect(queued).toMatchObject({
      status: "queued",
      trigger: "manual",
      expectedRecords: previewed.length,
      requestedByLabel: "compliance@masterchannel.test",
    });
    purgeId = queued.id;

    const summary = await runQueuedPurges(purgeServices(h.db.db), jobContext("consent-retention-queue#1"));
    expect(summary).toEqual({ tenants: 1, purged: previewed.length, failed: 0 });
    const [run] = await staff.caller.retention.purges({ tenantId: beatlab });
    expect(run).toMatchObject({
      id: purgeId,
      status: "completed",
      purgedRecords: previewed.length,
      heldRecords: 2,
      firstSeq: previewed[0],
      lastSeq: previewed.at(-1),
      batches: Math.ceil(previewed.length / 3),
      jobRunId: "consent-retention-queue#1",
    });
    expect(run?.anchors).toBeGreaterThan(0);

    expect(await tombstoneSeqs(h.db.db, beatlab, purgeId)).toEqual(previewed);
    const kept = records.map((record) => record.seq).filter((seq) => !previewed.includes(seq));
    expect(await liveSeqs(h.db.db, beatlab)).toEqual(kept);
    expect(kept).toEqual(expect.arrayContaining(seqsOf("dev_held")));

    // The removed records' personal data is erased; the held subject's is not.
    const personal = await h.db.db
      .select({ digest: consentPersonalData.digest, erasedAt: consentPersonalData.erasedAt })
      .from(consentPersonalData)
      .where(eq(consentPersonalData.tenantId, beatlab));
    expect(personal.filter((row) => row.erasedAt !== null)).toHaveLength(previewed.length);

    const report = await verifyTenantLedger(h.db.db, beatlab, TEST_TRUSTED_KEYS);
    expect(report).toMatchObject({ ok: true, records: records.length, linkOnly: previewed.length, head: { seq: records.length } });

    // Statistics forget the subjects whose every record went (dev_b, dev_c): their latest choices and
    // their share of re-consent coverage are what the remaining ledger says; the daily counts stay.
    const stats = await readConsentStats(h.db.db, { tenantId: beatlab });
    const fromLedger = await recomputeConsentStats(h.db.db, { tenantId: beatlab });
    expect(stats.subjects).toHaveLength(3);
    expect(sortedRows(stats.subjects)).toEqual(sortedRows(fromLedger.subjects));
    expect(sortedRows(stats.coverage)).toEqual(sortedRows(fromLedger.coverage));
    expect(sum(stats.purposes)).toBeGreaterThan(sum(fromLedger.purposes));
  });

  it("writes each batch to the audit trail with the tenant, the cutoff, its count and its seq range", async () => {
    const events = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, beatlab), like(auditEvents.action, "consent.%")))
      .orderBy(asc(auditEvents.id));
    const actions = events.map((event) => event.action);
    expect(actions).toContain("consent.legal_hold.place");
    expect(actions).toContain("consent.retention_period");
    expect(actions.filter((action) => action === "consent.retention_purge_request")).toHaveLength(1);
    const batches = events.filter((event) => event.action === "consent.retention_purge");
    expect(batches.map((event) => event.targetId)).toEqual(batches.map(() => purgeId));
    const ranges = batches.map((event) => event.after as { records: number; firstSeq: number; lastSeq: number; cutoff: string });
    expect(ranges.reduce((sum, range) => sum + range.records, 0)).toBe(previewed.length);
    expect(ranges[0]?.firstSeq).toBe(previewed[0]);
    expect(ranges.at(-1)?.lastSeq).toBe(previewed.at(-1));
    expect(batches[0]?.actorLabel).toBe("system");
  });

  it("leaves a held tenant untouched, and a second run finds nothing more to remove", async () => {
    const before = await liveSeqs(h.db.db, fjordsound);
    const summary = await runScheduledPurges(purgeServices(h.db.db), jobContext("consent-retention#1"));
    expect(summary).toEqual({ tenants: 0, purged: 0, failed: 0 });
    expect(await liveSeqs(h.db.db, fjordsound)).toEqual(before);
    expect(await tombstoneSeqs(h.db.db, fjordsound)).toEqual([]);
  });
});

describe("what reads records after a purge", () => {
  const removed = () => records.find((record) => record.seq === previewed[1]) as AppendedRecord;

  it("shows a removed record as removed by retention, its place in the chain still verifying", async () => {
    const detail = await staff.caller.consentAudit.record({ recordId: removed().recordId });
    if (!detail.purged) throw new Error("the record should have been removed");
    expect(detail.record).toMatchObject({ recordId: removed().recordId, seq: removed().seq });
    expect(detail.chain).toMatchObject({ linkMatches: true, nextLinks: true, anchored: true, verifies: true });
    // A record next to removed ones still verifies too.
    const neighbour = records.find((record) => record.subjectId === "dev_held") as AppendedRecord;
    const live = await staff.caller.consentAudit.record({ recordId: neighbour.recordId });
    expect(live.purged).toBeNull();
    expect(live.chain.verifies).toBe(true);
  });

  it("leaves removed records out of the search, and refuses their evidence pack with a clear reason", async () => {
    const { items } = await staff.caller.consentAudit.search({ tenantId: beatlab, limit: 100 });
    expect(items.map((item) => item.seq).sort((a, b) => a - b)).toEqual(await liveSeqs(h.db.db, beatlab));
    const refused = await clientErrorFrom(staff.caller.consentAudit.evidencePack({ recordId: removed().recordId }));
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("removed by retention on") });
  });

  it("packs a held subject across removed records, anchored, and the pack verifies offline", async () => {
    const pack = await staff.caller.consentAudit.evidencePack({ tenantId: beatlab, subjectId: "dev_held" });
    expect(pack.records.map((record) => record.seq)).toEqual(seqsOf("dev_held"));
    expect(pack.chain.some((entry) => "purgedAt" in entry)).toBe(true);
    expect(pack.anchors.length).toBeGreaterThan(0);
    const result = await verifyEvidencePack(pack, { verifySignature, trustedPublicKeys: [TEST_SIGNER.publicKey] });
    expect(result.problems).toEqual([]);
    expect(result.checked?.linkOnly).toBeGreaterThan(0);
    // Without its anchors the removed runs are not accepted, nor with an anchor whose signature fails.
    const unanchored = await verifyEvidencePack({ ...pack, anchors: [] }, { verifySignature });
    expect(unanchored.problems.map((problem) => problem.reason)).toEqual(["edited"]);
    const [first, ...rest] = pack.anchors;
    const forged = {
      ...pack,
      anchors: [
        { ...(first as (typeof pack.anchors)[number]), signature: first?.signature.replace(/^./, (c) => (c === "A" ? "B" : "A")) ?? "" },
        ...rest,
      ],
    };
    const forgedResult = await verifyEvidencePack(forged, { verifySignature });
    expect(forgedResult.problems.map((problem) => problem.reason).sort()).toEqual(["bad-checkpoint", "edited"]);
  });
});

describe("tampering after a purge", () => {
  /** Runs raw SQL as the owner with the rules off: what an attacker with full rights could do. */
  async function withRulesOff(work: () => Promise<unknown>) {
    await h.db.db.execute(sql`alter table consent_records disable trigger user`);
    await h.db.db.execute(sql`alter table consent_purged_records disable trigger user`);
    try {
      await work();
    } finally {
      await h.db.db.execute(sql`alter table consent_records enable trigger user`);
      await h.db.db.execute(sql`alter table consent_purged_records enable trigger user`);
    }
  }

  it("reports a removed entry whose next entry no longer links to it", async () => {
    const seq = previewed[2] as number;
    const where = and(eq(consentPurgedRecords.tenantId, beatlab), eq(consentPurgedRecords.seq, seq));
    const [original] = await h.db.db.select().from(consentPurgedRecords).where(where);
    await withRulesOff(() =>
      h.db.db
        .update(consentPurgedRecords)
        .set({ hash: "e".repeat(64) })
        .where(where),
    );
    expect((await verifyTenantLedger(h.db.db, beatlab, TEST_TRUSTED_KEYS)).problem).toMatchObject({ seq: seq + 1, reason: "bad-link" });
    await withRulesOff(() =>
      h.db.db
        .update(consentPurgedRecords)
        .set({ hash: original?.hash as string })
        .where(where),
    );
    expect((await verifyTenantLedger(h.db.db, beatlab, TEST_TRUSTED_KEYS)).ok).toBe(true);
  });

  it("reports a record made to look removed outside a purge (no anchor before it) as edited", async () => {
    const target = records.at(-1) as AppendedRecord;
    await withRulesOff(async () => {
      await h.db.db.execute(sql`insert into consent_purged_records (tenant_id, seq, id, received_at, prev_hash, hash, purge_id)
        select tenant_id, seq, id, received_at, prev_hash, hash, ${purgeId} from consent_records where tenant_id = ${beatlab} and seq = ${target.seq}`);
      await h.db.db.delete(consentRecords).where(and(eq(consentRecords.tenantId, beatlab), eq(consentRecords.seq, target.seq)));
    });
    const anchors = await queryRows<{ seq: number }>(
      h.db.db,
      sql`select seq from consent_checkpoints where tenant_id = ${beatlab} and seq = ${target.seq - 1}`,
    );
    expect(anchors).toEqual([]);
    expect((await verifyTenantLedger(h.db.db, beatlab, TEST_TRUSTED_KEYS)).problem).toMatchObject({ seq: target.seq, reason: "edited" });
  });
});
