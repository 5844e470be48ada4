/**
 * The consent audit workspace: search filters and keyset pagination, page links refused outside
 * their search, subjects found through the keyed hash, partner isolation, record evidence (chain
 * position, verification, checkpoint, policy as shown) and subject timelines.
 */
import { auditEvents, consentRecords, type Database, queryRows, withRlsContext } from "@pc/db";
import { GENESIS_HASH, ledgerEntryHash, ZConsentSearchInput } from "@pc/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDueCheckpoints } from "../src/jobs/ledger-checkpoint.job.js";
import { runSearchPage, searchPageQuery } from "../src/routers/consent-audit/consent-audit.queries.js";
import { type AppendedRecord, appendConsent } from "./consent-audit-fixtures.js";
import { codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, TEST_SIGNER } from "./harness.js";

const PURPOSES_1_0 = { preferences: "acknowledged", stripe_checkout: "acknowledged", audio_mastering_data: "acknowledged" } as const;

let h: Harness;
let staff: Client;
let northwaveAdmin: Client;
let northwaveViewer: Client;
let fjordsoundAdmin: Client;
let northwave: AppendedRecord[];
let fjordsound: AppendedRecord[];

/** Newest first, as the search orders them (ties by tenant, then seq, descending). */
function newestFirst(records: AppendedRecord[]): string[] {
  return [...records]
    .sort(
      (a, b) =>
        b.receivedAt.getTime() - a.receivedAt.getTime() || (a.tenantId < b.tenantId ? 1 : a.tenantId > b.tenantId ? -1 : b.seq - a.seq),
    )
    .map((record) => record.recordId);
}

async function allPages(client: Client, input: Record<string, unknown>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await client.caller.consentAudit.search({ ...input, limit, cursor });
    expect(result.items.length).toBeLessThanOrEqual(limit);
    ids.push(...result.items.map((item) => item.recordId));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error("pagination never ended");
}

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  northwaveAdmin = await h.as("admin@northwave.test");
  northwaveViewer = await h.as("viewer@northwave.test");
  fjordsoundAdmin = await h.as("admin@fjordsound.test");
  const base = Date.now() - 60 * 60_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000);
  northwave = await appendConsent(h.db.db, h.tenantIds.northwave, [
    // Alice chose under 1.0 and the banner resent her answer once: stale since the material 2.0.
    { subjectId: "dev_alice", consentId: "c_alice_1", receivedAt: at(1), version: "1.0", action: "accept_all", purposes: PURPOSES_1_0 },
    { subjectId: "dev_alice", consentId: "c_alice_1", receivedAt: at(2), version: "1.0", action: "accept_all", purposes: PURPOSES_1_0 },
    { subjectId: "dev_bob", consentId: "c_bob_1", receivedAt: at(3), action: "reject_all", country: "SE" },
    {
      subjectId: "dev_bob",
      consentId: "c_bob_2",
      receivedAt: at(4),
      action: "save_custom",
      purposes: { ...PURPOSES_1_0, tidio: "denied", product_analytics: "granted" },
    },
    { subjectId: "dev_carol", receivedAt: at(5), action: "withdraw", country: "DE" },
    { subjectId: "dev_carol", receivedAt: at(5), action: "gpc", country: null },
    ...Array.from({ length: 14 }, (_, i) => ({ receivedAt: at(10 + Math.floor(i / 3)), country: i % 2 ? "NO" : "DK" })),
  ]);
  fjordsound = await appendConsent(h.db.db, h.tenantIds.fjordsound, [
    // The same raw subject id at another tenant is another person: another digest.
    { subjectId: "dev_alice", receivedAt: at(2), action: "accept_all" },
    ...Array.from({ length: 6 }, (_, i) => ({ receivedAt: at(10 + i), action: "reject_all" as const })),
  ]);
  await signDueCheckpoints(h.db.db, TEST_SIGNER);
});
afterAll(() => h.close());

describe("consentAudit.search", () => {
  it("lists every tenant's records newest first for staff, without subject digests or personal data", async () => {
    const { items, nextCursor } = await staff.caller.consentAudit.search({ limit: 200 });
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.recordId)).toEqual(newestFirst([...northwave, ...fjordsound]));
    const text = JSON.stringify(items);
    for (const secret of ["subjectDigest", "personalDataDigest", "198.51.100", "vitest", "prevHash", "dev_alice"]) {
      expect(text).not.toContain(secret);
    }
    expect(items[0]?.tenant).toMatchObject({ slug: expect.any(String), name: expect.any(String) });
    // Each item as stored: seq a number, both times Dates at the instant written.
    const alice = northwave[0];
    const item = items.find((candidate) => candidate.recordId === alice?.recordId);
    expect(item).toMatchObject({
      seq: alice?.seq,
      receivedAt: alice?.receivedAt,
      policyVersion: "1.0",
      action: "accept_all",
      purposes: alice?.purposes,
      tenant: { id: h.tenantIds.northwave, slug: "northwave" },
    });
    expect(typeof item?.seq).toBe("number");
    expect(item?.occurredAt).toBeInstanceOf(Date);
  });

  it("runs its page in a transaction planned for the page's own values, a page at a time", async () => {
    // The dashboard's page is a prepared statement; a generic plan (blind to the filter values) once
    // took 1.5 s on 10 million records, so the search's transaction forces custom plans.
    const { cursor: _cursor, limit, ...filters } = ZConsentSearchInput.parse({ tenantId: h.tenantIds.northwave, policyVersion: "1.0" });
    const seen = await withRlsContext(h.db.db, { tenantId: null, userId: null, allTenants: true }, async (tx) => {
      const before = await queryRows<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`);
      const page = await searchPageQuery(tx as Database, { scopeTenantId: null, filters, limit });
      const rows = page ? await runSearchPage(tx as Database, page, limit) : [];
      const after = await queryRows<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`);
      return { before: before[0]?.mode, after: after[0]?.mode, rows: rows.length };
    });
    expect(seen).toEqual({ before: "auto", after: "force_custom_plan", rows: northwave.filter((r) => r.version === "1.0").length });
    // Transaction-local: the connection's other work plans as before.
    const [outside] = await queryRows<{ mode: string }>(h.db.db, sql`select current_setting('plan_cache_mode') as mode`);
    expect(outside?.mode).toBe("auto");
  });

  it("applies each filter", async () => {
    const search = async (input: Record<string, unknown>) =>
      (await staff.caller.consentAudit.search({ limit: 200, ...input })).items.map((item) => item.recordId);
    const nw = h.tenantIds.northwave;
    expect(await search({ tenantId: nw })).toEqual(newestFirst(northwave));
    expect(await search({ tenantId: h.tenantIds.fjordsound })).toEqual(newestFirst(fjordsound));
    const from = northwave[2]?.receivedAt as Date;
    const to = northwave[6]?.receivedAt as Date;
    expect(await search({ tenantId: nw, from, to })).toEqual(
      newestFirst(northwave.filter((r) => r.receivedAt >= from && r.receivedAt < to)),
    );
    expect(await search({ tenantId: nw, from: from.toISOString() })).toEqual(newestFirst(northwave.filter((r) => r.receivedAt >= from)));
    expect(await search({ tenantId: nw, purpose: "product_analytics", decision: "granted" })).toEqual([northwave[3]?.recordId]);
    expect(await search({ tenantId: nw, purpose: "product_analytics" })).toEqual(
      newestFirst(northwave.filter((r) => "product_analytics" in r.purposes)),
    );
    expect(await search({ action: "reject_all" })).toEqual(
      newestFirst([...northwave, ...fjordsound].filter((r) => r.action === "reject_all")),
    );
    expect(await search({ policyVersion: "1.0" })).toEqual(newestFirst(northwave.filter((r) => r.version === "1.0")));
    expect(await search({ country: "se" })).toEqual([northwave[2]?.recordId]);
    expect(await search({ tenantId: nw, country: "DK" })).toEqual(newestFirst(northwave.filter((r) => r.country === "DK")));
  });

  it("finds a subject through the tenant's keyed hash, exactly", async () => {
    const search = async (input: Record<string, unknown>) =>
      (await staff.caller.consentAudit.search({ limit: 200, ...input })).items.map((item) => item.recordId);
    expect(await search({ tenantId: h.tenantIds.northwave, subjectId: "dev_alice" })).toEqual(
      newestFirst(northwave.filter((r) => r.subjectId === "dev_alice")),
    );
    expect(await search({ tenantId: h.tenantIds.fjordsound, subjectId: "dev_alice" })).toEqual([fjordsound[0]?.recordId]);
    expect(await search({ tenantId: h.tenantIds.northwave, subjectId: "dev_alic" })).toEqual([]);
    expect(await search({ tenantId: h.tenantIds.northwave, subjectId: "DEV_ALICE" })).toEqual([]);
    const error = await errorOf(staff.caller.consentAudit.search({ limit: 10, subjectId: "dev_alice" }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("refuses malformed filters", async () => {
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, decision: "granted" }))).toBe("BAD_REQUEST");
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, policyVersion: "two" }))).toBe("BAD_REQUEST");
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, country: "NOR" }))).toBe("BAD_REQUEST");
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, action: "maybe" as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, from: new Date(), to: new Date(Date.now() - 1000) }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(staff.caller.consentAudit.search({ limit: 10, cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });

  it("pages through every record once, without gaps or repeats, across ties", async () => {
    expect(await allPages(staff, {}, 4)).toEqual(newestFirst([...northwave, ...fjordsound]));
    expect(await allPages(staff, { tenantId: h.tenantIds.northwave }, 3)).toEqual(newestFirst(northwave));
    expect(await allPages(northwaveViewer, {}, 5)).toEqual(newestFirst(northwave));
    expect(await allPages(staff, { country: "NO" }, 2)).toEqual(
      newestFirst([...northwave, ...fjordsound].filter((r) => r.country === "NO")),
    );
  });

  it("refuses a page link from another search or another tenant", async () => {
    const first = await staff.caller.consentAudit.search({ tenantId: h.tenantIds.northwave, limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor as string;
    for (const other of [
      () => staff.caller.consentAudit.search({ tenantId: h.tenantIds.fjordsound, limit: 2, cursor }),
      () => staff.caller.consentAudit.search({ tenantId: h.tenantIds.northwave, country: "NO", limit: 2, cursor }),
      () => staff.caller.consentAudit.search({ limit: 2, cursor }),
      () => fjordsoundAdmin.caller.consentAudit.search({ tenantId: h.tenantIds.northwave, limit: 2, cursor }),
      () => northwaveViewer.caller.consentAudit.search({ limit: 2, cursor }),
    ]) {
      const error = await errorOf(other());
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("This page link belongs to another search");
    }
    // The same search with another page size is the same search.
    expect(await codeOf(staff.caller.consentAudit.search({ tenantId: h.tenantIds.northwave, limit: 5, cursor }))).toBe("OK");
  });

  it("keeps a partner within its own tenant whatever tenant the input names", async () => {
    const own = await fjordsoundAdmin.caller.consentAudit.search({ tenantId: h.tenantIds.northwave, limit: 200 });
    expect(own.items.map((item) => item.recordId)).toEqual(newestFirst(fjordsound));
    expect(JSON.stringify(own).toLowerCase()).not.toContain("northwave");
    const bySubject = await fjordsoundAdmin.caller.consentAudit.search({
      tenantId: h.tenantIds.northwave,
      subjectId: "dev_bob",
      limit: 10,
    });
    expect(bySubject.items).toEqual([]);
    const viewer = await northwaveViewer.caller.consentAudit.search({ subjectId: "dev_alice", limit: 10 });
    expect(viewer.items.map((item) => item.recordId)).toEqual(newestFirst(northwave.filter((r) => r.subjectId === "dev_alice")));
    expect(await codeOf((await h.as("finance@masterchannel.test")).caller.consentAudit.search({ limit: 10 }))).toBe("FORBIDDEN");
  });
});

describe("consentAudit.record", () => {
  it("shows every field, its place in the chain, the checkpoint and the policy as shown", async () => {
    const target = northwave[3] as AppendedRecord;
    const detail = await staff.caller.consentAudit.record({ recordId: target.recordId });
    if (detail.purged) throw new Error("the record was removed by retention");
    expect(detail.tenant.slug).toBe("northwave");
    expect(detail.record).toMatchObject({ recordId: target.recordId, seq: target.seq, consentId: target.consentId, action: "save_custom" });
    expect(detail.record.purposes).toEqual(target.purposes);
    expect(detail.chain).toMatchObject({ seq: target.seq, previousSeq: target.seq - 1, nextSeq: target.seq + 1, verifies: true });
    expect(detail.chain.recomputedHash).toBe(detail.chain.hash);
    expect(detail.chain.checkpoint).toMatchObject({ seq: northwave.length, signatureValid: true, keyId: TEST_SIGNER.keyId });
    expect(detail.personalData.erased).toBe(false);
    expect(detail.policy?.version).toBe("2.0");
    expect(detail.policy?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.policy?.html).toContain("<");
    expect(detail.policy?.purposes.map((purpose) => purpose.key)).toContain("product_analytics");
    const text = JSON.stringify(detail);
    expect(text).not.toContain("subjectDigest");
    expect(text).not.toContain("198.51.100");

    const first = await northwaveViewer.caller.consentAudit.record({ recordId: northwave[0]?.recordId as string });
    expect(first.chain).toMatchObject({ prevHash: GENESIS_HASH, previousSeq: null, verifies: true });
    expect(first.policy?.version).toBe("1.0");
    expect(first.policy?.purposes.map((purpose) => purpose.key)).not.toContain("product_analytics");
  });

  it("answers NOT_FOUND for another tenant's record and an unknown id", async () => {
    const error = await errorOf(fjordsoundAdmin.caller.consentAudit.record({ recordId: northwave[0]?.recordId as string }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("No such consent record");
    expect(await codeOf(staff.caller.consentAudit.record({ recordId: uuidv7() }))).toBe("NOT_FOUND");
    expect(await codeOf(staff.caller.consentAudit.record({ recordId: "nope" }))).toBe("BAD_REQUEST");
  });

  it("detects a record whose content no longer matches its hash", async () => {
    // The triggers refuse UPDATE even to the owner, so a forged row is inserted as the owner, past
    // the chain's head: its hash covers other purposes than the ones it holds.
    const tenantId = h.tenantIds.beatlab;
    const [genuine] = await appendConsent(h.db.db, tenantId, [{ receivedAt: new Date() }]);
    const [row] = await h.db.db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.id, genuine?.recordId as string)));
    if (!row) throw new Error("no genuine row");
    const forgedId = uuidv7();
    const claimed = { ...row, seq: row.seq + 1, id: forgedId, prevHash: row.hash };
    const hash = ledgerEntryHash(row.hash, {
      ...claimed,
      recordId: forgedId,
      policy: { kind: claimed.policyKind, version: claimed.policyVersion, sha256: claimed.policySha256 },
    });
    const stored = { ...claimed.purposes, tidio: "denied" };
    await h.db.db.execute(sql`insert into consent_records (tenant_id, seq, id, received_at, occurred_at, subject_digest, consent_id,
        policy_kind, policy_version, policy_sha256, banner_version, action, purposes, language, path, gpc, country, jurisdiction,
        personal_data_digest, prev_hash, hash)
      values (${tenantId}, ${claimed.seq}, ${forgedId}, ${claimed.receivedAt.toISOString()}, ${claimed.occurredAt.toISOString()},
        ${claimed.subjectDigest}, ${claimed.consentId}, ${claimed.policyKind}, ${claimed.policyVersion}, ${claimed.policySha256},
        ${claimed.bannerVersion}, ${claimed.action}, ${JSON.stringify(stored)}::jsonb, ${claimed.language}, ${claimed.path},
        ${claimed.gpc}, ${claimed.country}, ${claimed.jurisdiction}, ${claimed.personalDataDigest}, ${row.hash}, ${hash})`);
    const forged = await staff.caller.consentAudit.record({ recordId: forgedId });
    if (forged.purged) throw new Error("the record was removed by retention");
    expect(forged.chain).toMatchObject({ hashMatches: false, linkMatches: true, verifies: false });
    expect(forged.chain.recomputedHash).not.toBe(forged.chain.hash);
    const before = await staff.caller.consentAudit.record({ recordId: genuine?.recordId as string });
    expect(before.chain).toMatchObject({ verifies: true, nextSeq: claimed.seq });
  });
});

describe("consentAudit.subjectTimeline", () => {
  it("collapses resent copies, shows the current state per purpose and flags a stale choice", async () => {
    const timeline = await staff.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_alice" });
    expect(timeline.records).toBe(2);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]).toMatchObject({ consentId: "c_alice_1", copies: 2, copySeqs: [northwave[0]?.seq, northwave[1]?.seq] });
    expect(timeline.currentState.map((state) => [state.purpose, state.decision])).toEqual([
      ["audio_mastering_data", "acknowledged"],
      ["preferences", "acknowledged"],
      ["stripe_checkout", "acknowledged"],
    ]);
    expect(timeline.isStale).toBe(true);
    expect(timeline.stale).toEqual([expect.objectContaining({ policyKind: "privacy", chosenVersion: "1.0", requiredVersion: "2.0" })]);
  });

  it("answers the latest decision per purpose, oldest event first, and no stale flag on the current version", async () => {
    const timeline = await northwaveAdmin.caller.consentAudit.subjectTimeline({ subjectId: "dev_bob" });
    expect(timeline.events.map((event) => event.consentId)).toEqual(["c_bob_1", "c_bob_2"]);
    expect(timeline.events.every((event) => event.copies === 1)).toBe(true);
    const state = Object.fromEntries(timeline.currentState.map((entry) => [entry.purpose, entry.decision]));
    expect(state).toMatchObject({ tidio: "denied", product_analytics: "granted" });
    expect(timeline.isStale).toBe(false);
    expect(JSON.stringify(timeline)).not.toContain("dev_bob");
  });

  it("answers NOT_FOUND for an unknown subject, and for another tenant's subject", async () => {
    const unknown = await errorOf(staff.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_nobody" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toBe("No consent records for this subject");
    const foreign = await errorOf(
      fjordsoundAdmin.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_bob" }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    // Fjordsound's own dev_alice is someone else: one event, not Northwave's two.
    const own = await fjordsoundAdmin.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_alice" });
    expect(own.tenant.slug).toBe("fjordsound");
    expect(own.records).toBe(1);
    expect(await codeOf(staff.caller.consentAudit.subjectTimeline({ subjectId: "dev_alice" }))).toBe("BAD_REQUEST");
  });

  it("records staff viewing a subject on the tenant's audit trail, and not a partner viewing its own", async () => {
    const latest = async () =>
      h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "consent.view_subject")).orderBy(desc(auditEvents.id));
    const before = (await latest()).length;
    await northwaveAdmin.caller.consentAudit.subjectTimeline({ subjectId: "dev_carol" });
    expect(await latest()).toHaveLength(before);
    await staff.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_carol" });
    const events = await latest();
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({
      tenantId: h.tenantIds.northwave,
      actorLabel: "compliance@masterchannel.test",
      targetType: "consent_subject",
    });
    expect(JSON.stringify(events[0])).not.toContain("dev_carol");
    // The partner sees it in its own trail.
    const trail = await northwaveAdmin.caller.audit.list({ limit: 20, action: "consent.view_subject" });
    expect(trail.items.some((item) => item.actorLabel === "compliance@masterchannel.test")).toBe(true);
  });
});
