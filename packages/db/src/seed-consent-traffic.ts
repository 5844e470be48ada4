/**
 * The demo's consent traffic, simulated: when events arrive (planConsentTraffic: daily volume with
 * weekly seasonality, slow growth and a re-consent wave, each tenant's events in time order, the
 * last one of each day marked for a checkpoint) and who sends them (createVisitorSimulation: new
 * and returning visitors, their choices against the policy version in force, their country,
 * language, network and browser), turned into ledger entries exactly as ingestion builds them.
 * Every draw comes from one seeded PRNG, so the same seed gives the same traffic; only the secret
 * parts (salts, the subject secret, the random bits of record ids) come from node:crypto.
 */
import { createHmac } from "node:crypto";
import { type ConsentDecision, jurisdictionOf, personalDataDigest, truncateIp } from "@pc/shared";
import { v7 as uuidv7 } from "uuid";
import type { PendingLedgerEntry } from "./consent-ledger.js";
import type { PolicyPurposeRow } from "./schema/index.js";
import {
  ACTION_SHARES,
  CHECKPOINT_DELAY_MINUTES,
  COUNTRY_SHARES,
  CUSTOM_GRANT_BY_CATEGORY,
  DAILY_NOISE,
  DELIVERY_DELAY_MS,
  HOUR_WEIGHTS,
  IPV4_NETWORKS,
  IPV6_PREFIX,
  IPV6_SHARE,
  LANGUAGE_BY_COUNTRY,
  PATH_SHARES,
  RECONSENT_WAVE,
  RETURNING_VISITOR_SHARE,
  SAME_NETWORK_SHARE,
  USER_AGENT_SHARES,
  WEEKDAY_FACTORS,
  type Weighted,
  YEARLY_GROWTH,
} from "./seed-data/consent.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

import type { Random } from "@pc/shared";

export { mulberry32, type Random } from "@pc/shared";

/** Draws from a weighted table. */
export function picker<T>(random: Random, table: Weighted<T>): () => T {
  const values = table.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of table) {
    total += weight;
    cumulative.push(total);
  }
  return () => {
    const r = random() * total;
    for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return values[i] as T;
    return values[values.length - 1] as T;
  };
}

/** Splits `total` in proportion to `weights` into whole numbers that add up to it (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (sum > 0 ? (total * weight) / sum : 0));
  const counts = exact.map(Math.floor);
  const left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (let i = 0; i < left; i++) {
    const { index } = order[i % order.length] as { index: number };
    counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

/** One event to come: its tenant (index), arrival, whether it belongs to the re-consent wave, and the checkpoint after it. */
export interface PlannedEvent {
  tenant: number;
  receivedAt: number;
  wave: boolean;
  /** For the last event of a tenant's day: when the checkpoint over it is signed. */
  checkpointAt: number | null;
}

export interface TrafficPlan {
  events: number;
  /** The tenants' relative shares, in the order events name them. */
  tenantShares: readonly number[];
  /** Arrivals lie in [from, until). */
  from: number;
  until: number;
  /** Where the re-consent wave's events arrive; null without one. */
  wave: { from: number; until: number } | null;
}

/** Every event's arrival, all tenants together in time order; each tenant's arrivals strictly increase. */
export function planConsentTraffic(random: Random, plan: TrafficPlan): PlannedEvent[] {
  const pickHour = picker(
    random,
    HOUR_WEIGHTS.map((weight, hour) => [hour, weight] as const),
  );
  /** A time in [a, b) (within one UTC day) that follows the hours' weights where it can. */
  const timeIn = (a: number, b: number): number => {
    const dayStart = Math.floor(a / DAY_MS) * DAY_MS;
    for (let tries = 0; tries < 16; tries++) {
      const at = Math.floor(dayStart + pickHour() * HOUR_MS + random() * HOUR_MS);
      if (at >= a && at < b) return at;
    }
    return Math.floor(a + random() * (b - a));
  };

  const firstDay = Math.floor(plan.from / DAY_MS) * DAY_MS;
  const days = Math.ceil((plan.until - firstDay) / DAY_MS);
  const span = Math.max(plan.until - plan.from, 1);
  const tenantEvents = apportion(plan.events, plan.tenantShares);
  const all: PlannedEvent[] = [];

  for (const [tenant, count] of tenantEvents.entries()) {
    const normal: number[] = [];
    const extra: number[] = [];
    for (let day = 0; day < days; day++) {
      const start = firstDay + day * DAY_MS;
      const a = Math.max(start, plan.from);
      const b = Math.min(start + DAY_MS, plan.until);
      const growth = 1 + (YEARLY_GROWTH * ((a + b) / 2 - plan.from)) / span;
      const base = growth * (WEEKDAY_FACTORS[new Date(start).getUTCDay()] ?? 1) * (1 + DAILY_NOISE * (2 * random() - 1));
      normal.push(b > a ? (base * (b - a)) / DAY_MS : 0);
      let waveWeight = 0;
      if (plan.wave) {
        const wa = Math.max(a, plan.wave.from);
        const wb = Math.min(b, plan.wave.until);
        if (wb > wa) {
          const fade = Math.exp(-((wa + wb) / 2 - plan.wave.from) / (RECONSENT_WAVE.decayDays * DAY_MS));
          waveWeight = (base * RECONSENT_WAVE.peak * fade * (wb - wa)) / DAY_MS;
        }
      }
      extra.push(waveWeight);
    }
    const perDay = apportion(
      count,
      normal.map((weight, day) => weight + (extra[day] as number)),
    );
    const events: PlannedEvent[] = [];
    let previous = Number.NEGATIVE_INFINITY;
    for (const [day, dayCount] of perDay.entries()) {
      if (dayCount === 0) continue;
      const start = firstDay + day * DAY_MS;
      const a = Math.max(start, plan.from);
      const b = Math.min(start + DAY_MS, plan.until);
      const waveShare = (extra[day] as number) / ((normal[day] as number) + (extra[day] as number));
      const today: { at: number; wave: boolean }[] = [];
      for (let i = 0; i < dayCount; i++) {
        const wave = plan.wave !== null && random() < waveShare;
        const at = wave && plan.wave ? timeIn(Math.max(a, plan.wave.from), Math.min(b, plan.wave.until)) : timeIn(a, b);
        today.push({ at, wave });
      }
      today.sort((x, y) => x.at - y.at);
      for (const { at, wave } of today) {
        // Two arrivals in the same millisecond: the chain still orders them one after the other.
        previous = Math.max(at, previous + 1);
        events.push({ tenant, receivedAt: previous, wave, checkpointAt: null });
      }
      // The day's last record gets a checkpoint; when is settled below, once the next arrival is known.
      (events[events.length - 1] as PlannedEvent).checkpointAt = 0;
    }
    // A day's checkpoint is signed a few minutes after its last record, never after the next one arrived.
    for (const [index, event] of events.entries()) {
      if (event.checkpointAt === null) continue;
      const next = events[index + 1]?.receivedAt ?? plan.until;
      const delay = (CHECKPOINT_DELAY_MINUTES.min + random() * (CHECKPOINT_DELAY_MINUTES.max - CHECKPOINT_DELAY_MINUTES.min)) * MINUTE_MS;
      event.checkpointAt = Math.max(event.receivedAt, Math.min(Math.floor(event.receivedAt + delay), next - 1, plan.until));
    }
    for (const event of events) all.push(event);
  }
  return all.sort((x, y) => x.receivedAt - y.receivedAt || x.tenant - y.tenant);
}

export interface TrafficTenant {
  id: string;
  /** The tenant's subject secret (consent_subject_secrets, hex-decoded). */
  secret: Buffer;
  /**
   * The subject id of the tenant's first visitor instead of a random one: a subject the README
   * names, whom anyone trying the audit pages (and the browser tests) can look up.
   */
  knownSubjectId?: string;
}

export interface TrafficPolicyVersion {
  version: string;
  sha256: string;
  effectiveFrom: number;
  purposes: readonly PolicyPurposeRow[];
}

interface Visitor {
  subjectId: string;
  subjectDigest: string;
  country: string | null;
  language: string;
  userAgent: string;
  ip: string | null;
  /** Index of the version the visitor's latest choice answered. */
  versionIndex: number;
  /** Whether the latest choice granted any opt-in purpose. */
  granted: boolean;
}

/** Per event, crypto-random bytes the caller draws in bulk: the salt (hex) and 16 bytes for the record id. */
export interface EntryRandomness {
  salt: string;
  idBytes: Uint8Array;
}

// Crockford's base 32, as the banner's ids (apps/server/src/embed/consent.js).
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * Turns planned events into ledger entries, visitor by visitor. `versions` in effective order;
 * `waveVersion` is the index of the material version whose wave brings back earlier visitors.
 */
export function createVisitorSimulation(
  random: Random,
  tenants: readonly TrafficTenant[],
  versions: readonly TrafficPolicyVersion[],
  waveVersion: number | null,
): (event: PlannedEvent, randomness: EntryRandomness) => PendingLedgerEntry {
  const visitors: Visitor[][] = tenants.map(() => []);
  const pickAction = picker(random, ACTION_SHARES);
  const pickChoice = picker(
    random,
    ACTION_SHARES.filter(([action]) => action !== "withdraw" && action !== "gpc"),
  );
  const pickCountry = picker(random, COUNTRY_SHARES);
  const pickLanguage = new Map(Object.entries(LANGUAGE_BY_COUNTRY).map(([country, table]) => [country, picker(random, table)]));
  const pickPath = picker(random, PATH_SHARES);
  const pickUserAgent = picker(random, USER_AGENT_SHARES);
  const bannerSince = versions[1]?.effectiveFrom ?? Number.NEGATIVE_INFINITY;

  const randomId = (length: number) => {
    let id = "";
    for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(random() * 32)];
    return id;
  };
  const hex16 = () => Math.floor(random() * 0x10000).toString(16);
  const address = (): string | null => {
    if (random() < IPV6_SHARE) return truncateIp(`${IPV6_PREFIX}:${hex16()}:${hex16()}::${hex16()}`);
    const [a, b, c, count] = IPV4_NETWORKS[Math.floor(random() * IPV4_NETWORKS.length)] as (typeof IPV4_NETWORKS)[number];
    const network = ((b << 8) | c) + Math.floor(random() * count);
    return truncateIp(`${a}.${network >> 8}.${network & 0xff}.${1 + Math.floor(random() * 254)}`);
  };
  const versionAt = (at: number) => {
    let index = 0;
    for (let i = 1; i < versions.length; i++) if ((versions[i] as TrafficPolicyVersion).effectiveFrom <= at) index = i;
    return index;
  };
  /** A visitor of the tenant meeting `wanted`, or null after a few tries (lazy: no index to keep up to date). */
  const returning = (tenant: number, wanted: (visitor: Visitor) => boolean): Visitor | null => {
    const pool = visitors[tenant] as Visitor[];
    for (let tries = 0; tries < 12 && pool.length > 0; tries++) {
      const visitor = pool[Math.floor(random() * pool.length)] as Visitor;
      if (wanted(visitor)) return visitor;
    }
    return null;
  };
  const newVisitor = (tenant: number): Visitor => {
    const { secret, knownSubjectId } = tenants[tenant] as TrafficTenant;
    // Drawn even for the known subject, so naming it changes nothing else of the traffic.
    const drawn = `dev_${randomId(24)}`;
    const subjectId = knownSubjectId && (visitors[tenant] as Visitor[]).length === 0 ? knownSubjectId : drawn;
    const country = pickCountry();
    const visitor: Visitor = {
      subjectId,
      subjectDigest: createHmac("sha256", secret).update(subjectId).digest("hex"),
      country,
      language: (pickLanguage.get(country ?? "unknown") as () => string)(),
      userAgent: pickUserAgent(),
      ip: address(),
      versionIndex: -1,
      granted: false,
    };
    (visitors[tenant] as Visitor[]).push(visitor);
    return visitor;
  };

  return (event, { salt, idBytes }) => {
    const tenant = tenants[event.tenant] as TrafficTenant;
    const delay = DELIVERY_DELAY_MS.min + random() ** 2 * (DELIVERY_DELAY_MS.max - DELIVERY_DELAY_MS.min);
    const occurredAt = Math.floor(event.receivedAt - delay);
    const versionIndex = versionAt(occurredAt);
    const version = versions[versionIndex] as TrafficPolicyVersion;

    let action = pickAction();
    let visitor: Visitor | null = null;
    if (event.wave && waveVersion !== null) {
      // Back after the material change: the banner asks again, and the visitor answers.
      visitor = returning(event.tenant, (candidate) => candidate.versionIndex < waveVersion);
      if (visitor) action = pickChoice();
    }
    if (!visitor && action === "withdraw") {
      visitor = returning(event.tenant, (candidate) => candidate.granted);
      if (!visitor) action = pickChoice();
    }
    if (!visitor && random() < RETURNING_VISITOR_SHARE) visitor = returning(event.tenant, () => true);
    // A returning visitor may come from another network (mobile, another Wi-Fi).
    if (visitor && random() > SAME_NETWORK_SHARE) visitor.ip = address();
    visitor ??= newVisitor(event.tenant);

    const purposes: Record<string, ConsentDecision> = {};
    let granted = false;
    for (const purpose of version.purposes) {
      let decision: ConsentDecision;
      if (purpose.category === "strictly_necessary") decision = "acknowledged";
      else if (action === "accept_all") decision = "granted";
      else if (action === "save_custom") decision = random() < (CUSTOM_GRANT_BY_CATEGORY[purpose.category] ?? 0.1) ? "granted" : "denied";
      else decision = "denied";
      if (decision === "granted") granted = true;
      purposes[purpose.key] = decision;
    }
    visitor.versionIndex = versionIndex;
    visitor.granted = granted;

    const personal = { ip: visitor.ip, userAgent: visitor.userAgent, salt };
    const digest = personalDataDigest(personal);
    return {
      record: {
        tenantId: tenant.id,
        recordId: uuidv7({ msecs: event.receivedAt, random: idBytes }),
        receivedAt: new Date(event.receivedAt),
        occurredAt: new Date(occurredAt),
        subjectDigest: visitor.subjectDigest,
        consentId: `c_${randomId(12)}`,
        policy: { kind: "privacy", version: version.version, sha256: version.sha256 },
        bannerVersion: occurredAt >= bannerSince ? "3" : "2",
        action,
        purposes,
        language: visitor.language,
        path: pickPath(),
        gpc: action === "gpc",
        country: visitor.country,
        jurisdiction: jurisdictionOf(visitor.country),
        personalDataDigest: digest,
      },
      personal: { digest, ...personal },
    };
  };
}
