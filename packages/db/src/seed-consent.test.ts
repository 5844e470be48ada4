/**
 * The demo consent events as seedDemoConsentEvents stores them: every tenant's chain verifies and
 * every checkpoint's signature does, each record is one ingestion would have accepted and stored
 * for the version in force when it occurred, and the traffic has the shape the demo promises (the
 * shares of choices, countries and first visits, weekly seasonality, the re-consent wave after 2.0).
 */
import { createHmac, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import {
  checkEventAgainstPolicy,
  consentEventSchema,
  jurisdictionOf,
  ledgerCheckpointMessage,
  personalDataDigest,
  truncateIp,
  verifyLedgerChain,
} from "@pc/shared";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "./client.js";
import { storedLedgerRecordOf } from "./consent-ledger.js";
import { SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { signingKeyFrom } from "./ledger-signing-key.js";
import {
  consentCheckpoints,
  consentLedgerHeads,
  consentPersonalData,
  consentRecords,
  consentSubjectSecrets,
  policyVersions,
  tenants,
} from "./schema/index.js";
import { demoSubjectId, seedDemoConsentEvents } from "./seed-consent.js";
import { createVisitorSimulation, mulberry32, planConsentTraffic } from "./seed-consent-traffic.js";
import { PATH_SHARES } from "./seed-data/consent.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

const EVENTS = 3000;
const DAY_MS = 86_400_000;

type RecordRow = typeof consentRecords.$inferSelect;
type VersionRow = typeof policyVersions.$inferSelect;

let t: TestDatabase;
const { privateKey } = generateKeyPairSync("ed25519");
const signer = signingKeyFrom(privateKey);
const seededAt = new Date();
let result: Awaited<ReturnType<typeof seedDemoConsentEvents>>;
let records: RecordRow[];
let checkpoints: (typeof consentCheckpoints.$inferSelect)[];
let versions: VersionRow[];
let slugOf: Map<string, string>;

const system = <T>(work: (tx: Transaction) => Promise<T>) => withRlsContext(t.db, SYSTEM_CONTEXT, work);
const versionName = (row: VersionRow) => `${row.major}.${row.minor}`;
const share = (rows: readonly RecordRow[], test: (row: RecordRow) => boolean) => rows.filter(test).length / rows.length;

beforeAll(async () => {
  t = await createTestDatabase();
  result = await seedDemoConsentEvents(t.db, { events: EVENTS, signer, seededAt });
  records = await system((tx) => tx.select().from(consentRecords).orderBy(asc(consentRecords.tenantId), asc(consentRecords.seq)));
  checkpoints = await system((tx) =>
    tx.select().from(consentCheckpoints).orderBy(asc(consentCheckpoints.tenantId), asc(consentCheckpoints.seq)),
  );
  versions = await t.db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.kind, "privacy"), eq(policyVersions.status, "published")))
    .orderBy(asc(policyVersions.effectiveFrom));
  const rows = await t.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  slugOf = new Map(rows.map((row) => [row.id, row.slug]));
});
afterAll(() => t.close());

const recordsOf = (tenantId: string) => records.filter((row) => row.tenantId === tenantId);
/** The version in force at `at`: the latest to take effect by then. */
const versionAt = (at: Date) => versions.filter((row) => (row.effectiveFrom?.getTime() ?? Infinity) <= at.getTime()).at(-1);
const utcDay = (at: Date) => Math.floor(at.getTime() / DAY_MS);

describe("seeded consent chains", () => {
  it("stores exactly the events asked for, half Northwave's, 30% Fjordsound's and 20% Beatlab's", () => {
    expect(result.events).toBe(EVENTS);
    expect(records).toHaveLength(EVENTS);
    const counts = Object.fromEntries([...slugOf].map(([id, slug]) => [slug, recordsOf(id).length]));
    expect(counts).toEqual({ northwave: 1500, fjordsound: 900, beatlab: 600 });
  });

  it("chains every tenant's records in time order, verifiable from the genesis to the head row", async () => {
    const heads = await system((tx) => tx.select().from(consentLedgerHeads));
    for (const tenantId of slugOf.keys()) {
      const rows = recordsOf(tenantId);
      const verification = verifyLedgerChain(rows.map(storedLedgerRecordOf));
      expect(verification, slugOf.get(tenantId)).toMatchObject({ ok: true, count: rows.length });
      const head = heads.find((row) => row.tenantId === tenantId);
      expect(head && { seq: head.seq, hash: head.hash }).toEqual(verification.ok ? verification.head : null);
      for (let i = 1; i < rows.length; i++) {
        expect((rows[i] as RecordRow).receivedAt.getTime()).toBeGreaterThan((rows[i - 1] as RecordRow).receivedAt.getTime());
      }
    }
    const first = Math.min(...records.map((row) => row.receivedAt.getTime()));
    const last = Math.max(...records.map((row) => row.receivedAt.getTime()));
    expect(first).toBeGreaterThanOrEqual(Math.max(seededAt.getTime() - 365 * DAY_MS, versions[0]?.effectiveFrom?.getTime() ?? 0));
    expect(last).toBeLessThan(seededAt.getTime());
  });

  it("signs a checkpoint over the last record of every day with events, the final head included", () => {
    const publicKey = createPublicKey(privateKey);
    expect(result.checkpoints).toBe(checkpoints.length);
    for (const tenantId of slugOf.keys()) {
      const rows = recordsOf(tenantId);
      const lastOfDay = rows.filter(
        (row, i) => i === rows.length - 1 || utcDay(row.receivedAt) !== utcDay((rows[i + 1] as RecordRow).receivedAt),
      );
      const signed = checkpoints.filter((row) => row.tenantId === tenantId);
      expect(signed.map((row) => row.seq)).toEqual(lastOfDay.map((row) => row.seq));
      expect(signed.at(-1)?.seq).toBe(rows.length);
      for (const checkpoint of signed) {
        const record = rows[checkpoint.seq - 1] as RecordRow;
        const next = rows[checkpoint.seq];
        expect(checkpoint.hash).toBe(record.hash);
        expect(checkpoint.keyId).toBe(signer.keyId);
        const message = ledgerCheckpointMessage({ tenantId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
        expect(verify(null, Buffer.from(message, "utf8"), publicKey, Buffer.from(checkpoint.signature, "base64"))).toBe(true);
        // A few minutes after the record, before the next one arrived (a checkpoint over the head then).
        const after = checkpoint.signedAt.getTime() - record.receivedAt.getTime();
        expect(after).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(6 * 60_000);
        if (next) expect(checkpoint.signedAt.getTime()).toBeLessThan(next.receivedAt.getTime());
        expect(checkpoint.signedAt.getTime()).toBeLessThanOrEqual(seededAt.getTime());
      }
      const last = signed.at(-1);
      const pinned = verifyLedgerChain(rows.map(storedLedgerRecordOf), { checkpoint: last && { seq: last.seq, hash: last.hash } });
      expect(pinned.ok).toBe(true);
    }
  });

  it("gives each tenant's first visitor the subject id the README names (dev_demo_<slug>)", async () => {
    const secrets = await system((tx) => tx.select().from(consentSubjectSecrets));
    for (const [tenantId, slug] of slugOf) {
      const secret = secrets.find((row) => row.tenantId === tenantId)?.secret ?? "";
      const digest = createHmac("sha256", Buffer.from(secret, "hex")).update(demoSubjectId(slug)).digest("hex");
      const rows = recordsOf(tenantId);
      expect(rows[0]?.subjectDigest, slug).toBe(digest);
      // One visitor: another tenant's first visitor has another digest (another secret).
      expect(records.filter((row) => row.subjectDigest === digest).every((row) => row.tenantId === tenantId)).toBe(true);
    }
  });

  it("refuses to seed into a ledger that already has records", async () => {
    await expect(seedDemoConsentEvents(t.db, { events: 10, signer, seededAt })).rejects.toThrow(/empty consent ledger/);
  });
});

describe("seeded consent records", () => {
  it("stores each event as ingestion would: valid on the wire, for the version in force, with its hash and purposes", () => {
    // The wire schema, checked against the server's clock when the record was received.
    let receivedAt = 0;
    const schema = consentEventSchema(() => receivedAt);
    for (const row of records) {
      const version = versionAt(row.occurredAt);
      expect(version && versionName(version), row.id).toBe(row.policyVersion);
      expect(row.policySha256).toBe(version?.sha256);
      expect(row.policyKind).toBe("privacy");
      const delay = row.receivedAt.getTime() - row.occurredAt.getTime();
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThanOrEqual(4000);
      // The event as the storefront sent it (its subject id aside, kept only as a digest).
      const event = {
        subjectId: "dev_ANY",
        consentId: row.consentId,
        policy: { kind: row.policyKind, version: row.policyVersion },
        bannerVersion: row.bannerVersion,
        action: row.action,
        occurredAt: row.occurredAt.toISOString(),
        purposes: row.purposes,
        language: row.language,
        path: row.path,
        gpc: row.gpc,
        ...(row.country === null ? {} : { country: row.country }),
      };
      receivedAt = row.receivedAt.getTime();
      const parsed = schema.safeParse(event);
      expect(parsed.error, row.id).toBeUndefined();
      expect(checkEventAgainstPolicy(event, version?.purposes ?? [])).toEqual([]);
      expect(row.gpc).toBe(row.action === "gpc");
      expect(row.jurisdiction).toBe(jurisdictionOf(row.country));
      expect(PATH_SHARES.map(([path]) => path)).toContain(row.path);
      expect(row.bannerVersion).toMatch(/^[23]$/);
      expect(row.consentId).toMatch(/^c_[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(row.subjectDigest).toMatch(/^[0-9a-f]{64}$/);
      // A UUIDv7 whose time is the time the record was received.
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(row.id.replace(/-/g, "").slice(0, 12), 16)).toBe(row.receivedAt.getTime());
    }
    // The banner was version 2 before 1.1 took effect, version 3 since.
    const since = versions[1]?.effectiveFrom?.getTime() ?? 0;
    for (const row of records) expect(row.bannerVersion).toBe(row.occurredAt.getTime() >= since ? "3" : "2");
  });

  it("keeps each record's truncated address, user agent and salt beside it, under the digest the chain holds", async () => {
    const rows = await system((tx) => tx.select().from(consentPersonalData));
    expect(rows).toHaveLength(EVENTS);
    const byDigest = new Map(rows.map((row) => [`${row.tenantId} ${row.digest}`, row]));
    for (const record of records) {
      const data = byDigest.get(`${record.tenantId} ${record.personalDataDigest}`);
      expect(data, record.id).toBeDefined();
      if (!data) continue;
      expect(data.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(data.userAgent).toMatch(/^Mozilla\/5\.0 /);
      expect(data.ip && truncateIp(data.ip)).toBe(data.ip);
      expect(personalDataDigest({ ip: data.ip, userAgent: data.userAgent, salt: data.salt ?? "" })).toBe(data.digest);
    }
    expect(new Set(rows.map((row) => row.salt)).size).toBe(EVENTS);
  });
});

describe("the shape of the demo traffic", () => {
  it("has the shares of choices the demo describes, Tidio granted in about 60% of them", () => {
    const granted = (key: string) => (row: RecordRow) => row.purposes[key] === "granted";
    expect(share(records, (row) => row.action === "accept_all")).toBeGreaterThan(0.49);
    expect(share(records, (row) => row.action === "accept_all")).toBeLessThan(0.62);
    expect(share(records, (row) => row.action === "reject_all")).toBeGreaterThan(0.15);
    expect(share(records, (row) => row.action === "reject_all")).toBeLessThan(0.25);
    expect(share(records, (row) => row.action === "save_custom")).toBeGreaterThan(0.13);
    expect(share(records, (row) => row.action === "save_custom")).toBeLessThan(0.23);
    expect(share(records, (row) => row.action === "gpc")).toBeGreaterThan(0.02);
    expect(share(records, (row) => row.action === "gpc")).toBeLessThan(0.06);
    expect(share(records, (row) => row.action === "withdraw")).toBeGreaterThan(0.015);
    expect(share(records, (row) => row.action === "withdraw")).toBeLessThan(0.045);
    expect(share(records, granted("tidio"))).toBeGreaterThan(0.5);
    expect(share(records, granted("tidio"))).toBeLessThan(0.7);
    // Custom choices are mixed, and analytics (only on 2.0) is granted less often than the chat.
    const custom = records.filter((row) => row.action === "save_custom");
    expect(share(custom, granted("tidio"))).toBeGreaterThan(0.15);
    expect(share(custom, granted("tidio"))).toBeLessThan(0.6);
    const onMaterial = records.filter((row) => "product_analytics" in row.purposes);
    expect(onMaterial.length).toBeGreaterThan(50);
    expect(share(onMaterial, granted("product_analytics"))).toBeLessThan(share(onMaterial, granted("tidio")));
    expect(share(onMaterial, granted("product_analytics"))).toBeGreaterThan(0.4);
  });

  it("has mostly first visits, and withdrawals only by subjects who consented earlier", () => {
    const seen = new Set<string>();
    let firstVisits = 0;
    const grantedBefore = new Set<string>();
    for (const row of [...records].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
      const subject = `${row.tenantId} ${row.subjectDigest}`;
      if (!seen.has(subject)) firstVisits++;
      seen.add(subject);
      if (row.action === "withdraw") expect(grantedBefore.has(subject), row.id).toBe(true);
      if (Object.values(row.purposes).includes("granted")) grantedBefore.add(subject);
      else grantedBefore.delete(subject);
    }
    expect(firstVisits / records.length).toBeGreaterThan(0.75);
    expect(firstVisits / records.length).toBeLessThan(0.95);
  });

  it("comes mostly from Norway, a tenth without a country, in the country's language", () => {
    expect(share(records, (row) => row.country === "NO")).toBeGreaterThan(0.5);
    expect(share(records, (row) => row.country === null)).toBeGreaterThan(0.06);
    expect(share(records, (row) => row.country === null)).toBeLessThan(0.14);
    expect(share(records, (row) => row.jurisdiction === "UNKNOWN")).toBe(share(records, (row) => row.country === null));
    expect(new Set(records.map((row) => row.country)).size).toBeGreaterThanOrEqual(8);
    const swedish = records.filter((row) => row.country === "SE");
    expect(share(swedish, (row) => row.language === "sv")).toBeGreaterThan(0.7);
    expect(share(records, (row) => row.country === "NO" && !["nb", "nn", "en"].includes(row.language))).toBe(0);
  });

  it("names 2.0 only once it took effect, and brings earlier subjects back to consent to it in the two weeks after", () => {
    const material = versions.findLast((row) => row.material);
    const since = material?.effectiveFrom?.getTime() ?? 0;
    expect(material && versionName(material)).toBe("2.0");
    for (const row of records) {
      if (row.policyVersion === "2.0") expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(since);
      else expect(row.occurredAt.getTime()).toBeLessThan(since);
    }
    const firstOn1x = new Map<string, number>();
    const reconsentAt: number[] = [];
    for (const row of [...records].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
      const subject = `${row.tenantId} ${row.subjectDigest}`;
      if (row.policyVersion.startsWith("1.")) {
        if (!firstOn1x.has(subject)) firstOn1x.set(subject, row.receivedAt.getTime());
      } else if (firstOn1x.has(subject)) {
        reconsentAt.push(row.occurredAt.getTime());
        firstOn1x.delete(subject); // each subject's first re-consent
      }
    }
    expect(reconsentAt.length).toBeGreaterThan(40);
    const inWave = reconsentAt.filter((at) => at < since + 14 * DAY_MS).length;
    expect(inWave / reconsentAt.length).toBeGreaterThan(0.75);
    // The wave lifts the volume: the week after 2.0 sees more events than the week before it.
    const inWeek = (from: number) =>
      records.filter((row) => row.receivedAt.getTime() >= from && row.receivedAt.getTime() < from + 7 * DAY_MS);
    expect(inWeek(since).length).toBeGreaterThan(1.5 * inWeek(since - 7 * DAY_MS).length);
  });

  it("is quieter at weekends and grows slowly over the year", () => {
    const perDay = new Map<number, number>();
    for (const row of records) perDay.set(utcDay(row.receivedAt), (perDay.get(utcDay(row.receivedAt)) ?? 0) + 1);
    const days = [...perDay.keys()].sort((a, b) => a - b);
    const mean = (list: number[]) => list.reduce((sum, day) => sum + (perDay.get(day) ?? 0), 0) / Math.max(list.length, 1);
    const whole = days.slice(1, -1); // the first and last days are partial
    const weekend = whole.filter((day) => [0, 6].includes(new Date(day * DAY_MS).getUTCDay()));
    const weekdays = whole.filter((day) => ![0, 6].includes(new Date(day * DAY_MS).getUTCDay()));
    expect(mean(weekend)).toBeLessThan(0.85 * mean(weekdays));
    const quarter = Math.floor(whole.length / 4);
    expect(mean(whole.slice(-2 * quarter, -quarter))).toBeGreaterThan(mean(whole.slice(0, quarter)));
  });

  it("draws the same traffic from the same seed", () => {
    const tenantsOf = [{ id: "00000000-0000-7000-8000-000000000001", secret: Buffer.alloc(32, 1) }];
    const purposes = versions[0]?.purposes ?? [];
    const traffic = (seed: number) => {
      const random = mulberry32(seed);
      const plan = planConsentTraffic(random, {
        events: 200,
        tenantShares: [1],
        from: Date.UTC(2026, 0, 1),
        until: Date.UTC(2026, 2, 1),
        wave: null,
      });
      const simulate = createVisitorSimulation(
        random,
        tenantsOf,
        [{ version: "1.0", sha256: "0".repeat(64), effectiveFrom: 0, purposes }],
        null,
      );
      return plan.map((event) => {
        const { record } = simulate(event, { salt: "0".repeat(32), idBytes: new Uint8Array(16) });
        return [
          record.receivedAt,
          record.occurredAt,
          record.subjectDigest,
          record.consentId,
          record.action,
          record.purposes,
          record.country,
        ];
      });
    };
    expect(traffic(7)).toEqual(traffic(7));
    expect(traffic(7)).not.toEqual(traffic(8));
  });
});
