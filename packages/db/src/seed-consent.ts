/**
 * The consent ledger's demo data: each demo tenant's publishable key `pk_demo_<slug>` (refused in
 * production) and subject secret; and (seedDemoConsentEvents) up to a year of consent events,
 * simulated by seed-consent-traffic.ts, chained with appendToLedger and checkpointed as the server
 * would have: one signed checkpoint over the last record of every day that had events.
 */
import { randomBytes } from "node:crypto";
import { formatPolicyVersion } from "@pc/shared";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";
import { appendToLedger, type CheckpointSigner, insertCheckpoint } from "./consent-ledger.js";
import { queryRows, SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { consentPublishableKeys, consentSubjectSecrets, policyVersions, tenants } from "./schema/index.js";
import {
  createVisitorSimulation,
  mulberry32,
  planConsentTraffic,
  type TrafficPolicyVersion,
  type TrafficTenant,
} from "./seed-consent-traffic.js";
import { DELIVERY_DELAY_MS, RECONSENT_WAVE, TENANT_SHARES } from "./seed-data/consent.js";

/** The demo's consent events: what `npm run db:seed` and the server's first start load. */
export const DEMO_CONSENT_EVENTS = 200_000;
/** The PRNG seed when none is given: the same seed gives the same traffic. */
export const DEFAULT_CONSENT_SEED = 20_260_212;
/** Entries per transaction (and per appendToLedger call), as the server's group commit takes at most. */
const ENTRIES_PER_TRANSACTION = 5000;

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365 * DAY_MS;
/** Arrivals start this long after a version took effect, so even the slowest delivery occurred under it. */
const DELIVERY_MARGIN_MS = DELIVERY_DELAY_MS.max + 1000;

/** The demo key a storefront (or curl) uses for a demo tenant. */
export const demoPublishableKey = (slug: string) => `pk_demo_${slug}`;

/** The subject id of a demo tenant's first simulated visitor (README): one subject anyone can look up. */
export const demoSubjectId = (slug: string) => `dev_demo_${slug}`;

export async function seedConsentKeys(tx: Transaction, tenantId: string, slug: string): Promise<void> {
  await tx.insert(consentPublishableKeys).values({ tenantId, key: demoPublishableKey(slug), isDemo: true });
  await tx.insert(consentSubjectSecrets).values({ tenantId, secret: randomBytes(32).toString("hex") });
}

export interface SeedConsentEventsOptions {
  /** How many events, across the demo tenants. */
  events: number;
  signer: CheckpointSigner;
  /** When the demo data was seeded: events lie in the year before it. */
  seededAt: Date;
  /** The PRNG seed (DEFAULT_CONSENT_SEED). */
  seed?: number;
}

export interface SeedConsentEventsResult {
  events: number;
  checkpoints: number;
  ms: number;
}

interface TrafficSources {
  tenants: TrafficTenant[];
  versions: (TrafficPolicyVersion & { material: boolean })[];
}

/**
 * The demo tenants (in TENANT_SHARES order) with their secrets, and the privacy versions that were
 * in force at some time before `seededAt`, as ingestion accepts them (published, in effect, not
 * withdrawn before taking effect).
 */
async function loadSources(tx: Transaction, seededAt: Date): Promise<TrafficSources> {
  const [existing] = await queryRows<{ found: boolean }>(tx, sql`select exists (select 1 from consent_records) as found`);
  if (existing?.found) throw new Error("Demo consent events go into an empty consent ledger; this one has records");

  const slugs = TENANT_SHARES.map(([slug]) => slug);
  const rows = await tx
    .select({ id: tenants.id, slug: tenants.slug, secret: consentSubjectSecrets.secret })
    .from(tenants)
    .innerJoin(consentSubjectSecrets, eq(consentSubjectSecrets.tenantId, tenants.id))
    .where(inArray(tenants.slug, slugs));
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const trafficTenants = slugs.map((slug) => {
    const row = bySlug.get(slug);
    if (!row) throw new Error(`The demo tenant ${slug} (with its subject secret) must be seeded before its consent events`);
    return { id: row.id, secret: Buffer.from(row.secret, "hex"), knownSubjectId: demoSubjectId(slug) };
  });

  const published = await tx
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.kind, "privacy"),
        eq(policyVersions.status, "published"),
        lte(policyVersions.effectiveFrom, seededAt),
        sql`(${policyVersions.retiredAt} is null or ${policyVersions.retiredAt} > ${policyVersions.effectiveFrom})`,
      ),
    )
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.major), asc(policyVersions.minor));
  const versions = published.map((row) => {
    if (row.major === null || row.minor === null || row.sha256 === null || row.effectiveFrom === null) {
      throw new Error(`The published privacy version ${row.id} has no number, hash or effective time`);
    }
    return {
      version: formatPolicyVersion({ major: row.major, minor: row.minor }),
      sha256: row.sha256,
      effectiveFrom: row.effectiveFrom.getTime(),
      material: row.material,
      purposes: row.purposes,
    };
  });
  if (versions.length === 0) throw new Error("Demo consent events need a published privacy policy (seedPolicies)");
  return { tenants: trafficTenants, versions };
}

/**
 * Loads `events` simulated consent events into an empty ledger: spread over the year before
 * `seededAt` (never before the first privacy version took effect), each naming the privacy version
 * in force when it occurred, with a re-consent wave in the two weeks after the latest material
 * version. Entries are built as ingestion builds them and appended in transactions of
 * ENTRIES_PER_TRANSACTION; each day's last record per tenant gets a signed checkpoint in the same
 * transaction (the last day's is the final head's).
 */
export async function seedDemoConsentEvents(db: Database, options: SeedConsentEventsOptions): Promise<SeedConsentEventsResult> {
  const started = performance.now();
  if (!Number.isSafeInteger(options.events) || options.events < 0) throw new RangeError("events must be a whole number, 0 or more");
  const sources = await withRlsContext(db, SYSTEM_CONTEXT, (tx) => loadSources(tx, options.seededAt));
  const seededAt = options.seededAt.getTime();
  const first = sources.versions[0] as TrafficPolicyVersion;
  const from = Math.max(seededAt - YEAR_MS, first.effectiveFrom + DELIVERY_MARGIN_MS);
  if (from >= seededAt) throw new Error("The first privacy version takes effect after seededAt: no time for consent events");

  const materialIndex = sources.versions.findLastIndex((version) => version.material);
  const material = sources.versions[materialIndex];
  const waveFrom = material ? material.effectiveFrom + DELIVERY_MARGIN_MS : Number.NaN;
  const wave =
    material && waveFrom > from && waveFrom < seededAt
      ? { from: waveFrom, until: Math.min(material.effectiveFrom + RECONSENT_WAVE.days * DAY_MS, seededAt) }
      : null;

  const random = mulberry32(options.seed ?? DEFAULT_CONSENT_SEED);
  const planned = planConsentTraffic(random, {
    events: options.events,
    tenantShares: TENANT_SHARES.map(([, share]) => share),
    from,
    until: seededAt,
    wave,
  });
  const simulate = createVisitorSimulation(random, sources.tenants, sources.versions, wave ? materialIndex : null);

  let checkpoints = 0;
  for (let offset = 0; offset < planned.length; offset += ENTRIES_PER_TRANSACTION) {
    const chunk = planned.slice(offset, offset + ENTRIES_PER_TRANSACTION);
    // Secret bytes in bulk: one salt and the random bits of one record id per entry.
    const salts = randomBytes(16 * chunk.length).toString("hex");
    const idBytes = randomBytes(16 * chunk.length);
    const entries = chunk.map((event, i) =>
      simulate(event, { salt: salts.slice(32 * i, 32 * i + 32), idBytes: idBytes.subarray(16 * i, 16 * i + 16) }),
    );
    checkpoints += await withRlsContext(db, SYSTEM_CONTEXT, async (tx) => {
      const acks = await appendToLedger(tx, entries);
      let signed = 0;
      for (const [i, event] of chunk.entries()) {
        const ack = acks[i];
        if (event.checkpointAt === null || !ack) continue;
        const { tenantId } = (entries[i] as (typeof entries)[number]).record;
        await insertCheckpoint(tx, options.signer, { tenantId, seq: ack.seq, hash: ack.hash, signedAt: new Date(event.checkpointAt) });
        signed++;
      }
      return signed;
    });
  }
  return { events: planned.length, checkpoints, ms: Math.round(performance.now() - started) };
}
