/**
 * The large seed's consent traffic (`npm run db:seed:large`): N events over many tenants with a
 * skewed share each, spread over a span of days (growth, weekly and daily rhythm), every tenant's
 * chain numbered and hashed in order exactly as appendToLedger does, produced a chunk at a time as
 * COPY text. Memory stays flat whatever N is: no visitor is kept. A subject is a number per tenant
 * (`sub_<n>`) whose traits (country, language, browser, network, consent ids) are derived from that
 * number, so the benchmark can name subjects that exist; returning visitors, resent choices (the
 * banner sending the same consent id and content again), every action and the purposes of the
 * policy version in force when the event occurred are all there.
 */
import { createHmac, hash as digestOf, randomBytes } from "node:crypto";
import {
  type ConsentAction,
  type ConsentDecision,
  jurisdictionOf,
  ledgerRecordCanonical,
  mulberry32,
  type Random,
  truncateIp,
} from "@pc/shared";
import { v7 as uuidv7 } from "uuid";
import { apportion, picker } from "../seed-consent-traffic.js";
import {
  ACTION_SHARES,
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
  USER_AGENT_SHARES,
  WEEKDAY_FACTORS,
} from "../seed-data/consent.js";
import { copyValue } from "./copy-text.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const GENESIS = "0".repeat(64);

/** Of the events that are not a resend, those by a subject never seen before. */
export const NEW_SUBJECT_SHARE = 0.4;
/** After an event, how often the banner sends the same choice again (the tenant's next event is the copy). */
export const RESEND_SHARE = 0.03;
/** Of returning subjects, those picked among the tenant's latest RECENT_WINDOW subjects (the rest: any). */
const RECENT_SHARE = 0.5;
const RECENT_WINDOW = 5000;
/** A returning subject on another device (a second consent id) this often; on another network this often. */
const OTHER_DEVICE_SHARE = 0.15;
const OTHER_NETWORK_SHARE = 0.2;
/** Volume grows by this factor from the first day to the last. */
const GROWTH = 3;

/** The subject id a tenant's n-th subject (from 1) sends: what the benchmark looks up. */
export const largeSubjectId = (n: number) => `sub_${n}`;

export interface LargeTenant {
  id: string;
  /** consent_subject_secrets.secret, hex-decoded. */
  secret: Buffer;
}

export interface LargePolicyVersion {
  version: string;
  sha256: string;
  effectiveFrom: number;
  purposes: readonly { key: string; category: string }[];
}

export interface LargeTrafficOptions {
  events: number;
  tenants: readonly LargeTenant[];
  /** Relative weights, one per tenant, in the same order. */
  shares: readonly number[];
  /** Published privacy versions in effective order; events before the first one name the first. */
  versions: readonly LargePolicyVersion[];
  /** Received times lie in [from, until). */
  from: number;
  until: number;
  seed: number;
  /** A signed checkpoint over each tenant's head every this many days (and always over the final head). */
  checkpointEveryDays: number;
}

export interface LargeCheckpoint {
  tenantId: string;
  seq: number;
  hash: string;
  signedAt: Date;
}

export interface TrafficChunk {
  events: number;
  /** COPY text for consent_records (RECORD_COLUMNS) and consent_personal_data (PERSONAL_COLUMNS). */
  records: string;
  personal: string;
}

export const RECORD_COLUMNS = [
  "tenant_id",
  "seq",
  "id",
  "received_at",
  "occurred_at",
  "subject_digest",
  "consent_id",
  "policy_kind",
  "policy_version",
  "policy_sha256",
  "banner_version",
  "action",
  "purposes",
  "language",
  "path",
  "gpc",
  "country",
  "jurisdiction",
  "personal_data_digest",
  "prev_hash",
  "hash",
] as const;
export const PERSONAL_COLUMNS = ["tenant_id", "digest", "ip", "user_agent", "salt", "created_at"] as const;

/** Weights for `count` tenants: the first gets `largestShare` of all events, the rest a Zipf-like tail. */
export function skewedShares(count: number, largestShare: number): number[] {
  if (count === 1) return [1];
  const tail = Array.from({ length: count - 1 }, (_, i) => 1 / (i + 1) ** 1.1);
  const tailSum = tail.reduce((a, b) => a + b, 0);
  return [largestShare, ...tail.map((weight) => ((1 - largestShare) * weight) / tailSum)];
}

/** murmur3's finaliser: spreads a 32-bit value. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** What the banner sends for one choice: kept for one event per tenant, to be resent. */
interface Choice {
  subject: number;
  subjectDigest: string;
  consentId: string;
  versionIndex: number;
  action: ConsentAction;
  purposesJson: string;
  purposes: Record<string, ConsentDecision>;
  language: string;
  path: string;
  country: string | null;
  userAgent: string;
  ip: string | null;
}

interface TenantState {
  seq: number;
  hash: string;
  subjects: number;
  lastCheckpointSeq: number;
  resend: Choice | null;
}

// Crockford's base 32, as the banner's ids.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function createLargeTraffic(options: LargeTrafficOptions) {
  const { tenants, versions, from, until } = options;
  if (tenants.length === 0 || tenants.length !== options.shares.length) throw new Error("One share per tenant, at least one tenant");
  if (versions.length === 0) throw new Error("At least one published privacy version is needed");
  const random = mulberry32(options.seed);
  // Subject traits draw from their own generator, reseeded per subject.
  let subjectDraw: Random = random;
  const fromSubject: Random = () => subjectDraw();
  const pickTenant = picker(
    random,
    options.shares.map((share, index) => [index, share] as const),
  );
  const pickHour = picker(
    random,
    HOUR_WEIGHTS.map((weight, hour) => [hour, weight] as const),
  );
  const pickAction = picker(random, ACTION_SHARES);
  const pickPath = picker(random, PATH_SHARES);
  const pickCountry = picker(fromSubject, COUNTRY_SHARES);
  const pickLanguage = new Map(Object.entries(LANGUAGE_BY_COUNTRY).map(([country, table]) => [country, picker(fromSubject, table)]));
  const pickUserAgent = picker(fromSubject, USER_AGENT_SHARES);
  const jurisdictions = new Map(COUNTRY_SHARES.map(([country]) => [country, jurisdictionOf(country)]));
  const bannerSince = versions[1]?.effectiveFrom ?? Number.NEGATIVE_INFINITY;

  const state: TenantState[] = tenants.map(() => ({ seq: 0, hash: GENESIS, subjects: 0, lastCheckpointSeq: 0, resend: null }));
  const checkpoints: LargeCheckpoint[] = [];

  const firstDay = Math.floor(from / DAY_MS) * DAY_MS;
  const days = Math.max(1, Math.ceil((until - firstDay) / DAY_MS));
  const dayWeights = Array.from({ length: days }, (_, day) => {
    const start = firstDay + day * DAY_MS;
    const covered = Math.max(0, Math.min(start + DAY_MS, until) - Math.max(start, from)) / DAY_MS;
    const growth = 1 + ((GROWTH - 1) * day) / Math.max(days - 1, 1);
    return covered * growth * (WEEKDAY_FACTORS[new Date(start).getUTCDay()] ?? 1) * (1 + DAILY_NOISE * (2 * random() - 1));
  });
  const perDay = apportion(options.events, dayWeights);

  const hex16 = (draw: Random) => Math.floor(draw() * 0x10000).toString(16);
  const address = (draw: Random): string | null => {
    if (draw() < IPV6_SHARE) return truncateIp(`${IPV6_PREFIX}:${hex16(draw)}:${hex16(draw)}::1`);
    const [a, b, c, count] = IPV4_NETWORKS[Math.floor(draw() * IPV4_NETWORKS.length)] as (typeof IPV4_NETWORKS)[number];
    const network = ((b << 8) | c) + Math.floor(draw() * count);
    return `${a}.${network >> 8}.${network & 0xff}.0`;
  };
  const idOf = (draw: Random, length: number) => {
    let id = "";
    for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(draw() * 32)];
    return id;
  };
  const traitSeed = (tenant: number, subject: number, device: number) =>
    mix32(options.seed ^ mix32(tenant * 0x9e3779b1 + mix32(subject * 4 + device)));
  /** A subject's traits: the same every time its number comes up. */
  const subjectTraits = (tenant: number, subject: number) => {
    subjectDraw = mulberry32(traitSeed(tenant, subject, 0));
    const country = pickCountry();
    const traits = {
      country,
      language: (pickLanguage.get(country ?? "unknown") as () => string)(),
      userAgent: pickUserAgent(),
      ip: address(subjectDraw),
      consentId: `c_${idOf(subjectDraw, 12)}`,
    };
    subjectDraw = random;
    return traits;
  };
  const otherDeviceConsentId = (tenant: number, subject: number) => `c_${idOf(mulberry32(traitSeed(tenant, subject, 1)), 12)}`;
  const versionAt = (at: number) => {
    let index = 0;
    for (let i = 1; i < versions.length; i++) if ((versions[i] as LargePolicyVersion).effectiveFrom <= at) index = i;
    return index;
  };

  const choose = (tenant: number, occurredAt: number): Choice => {
    const own = state[tenant] as TenantState;
    const isNew = own.subjects === 0 || random() < NEW_SUBJECT_SHARE;
    let subject: number;
    if (isNew) subject = ++own.subjects;
    else if (random() < RECENT_SHARE) subject = own.subjects - Math.floor(random() * Math.min(own.subjects, RECENT_WINDOW));
    else subject = 1 + Math.floor(random() * own.subjects);
    const traits = subjectTraits(tenant, subject);
    const consentId = !isNew && random() < OTHER_DEVICE_SHARE ? otherDeviceConsentId(tenant, subject) : traits.consentId;
    const ip = random() < OTHER_NETWORK_SHARE ? address(random) : traits.ip;
    let action = pickAction();
    // Withdrawing needs an earlier choice.
    if (isNew && action === "withdraw") action = "reject_all";
    const versionIndex = versionAt(occurredAt);
    const purposes: Record<string, ConsentDecision> = {};
    for (const purpose of (versions[versionIndex] as LargePolicyVersion).purposes) {
      let decision: ConsentDecision;
      if (purpose.category === "strictly_necessary") decision = "acknowledged";
      else if (action === "accept_all") decision = "granted";
      else if (action === "save_custom") decision = random() < (CUSTOM_GRANT_BY_CATEGORY[purpose.category] ?? 0.1) ? "granted" : "denied";
      else decision = "denied";
      purposes[purpose.key] = decision;
    }
    const secret = (tenants[tenant] as LargeTenant).secret;
    return {
      subject,
      subjectDigest: createHmac("sha256", secret).update(largeSubjectId(subject)).digest("hex"),
      consentId,
      versionIndex,
      action,
      purposes,
      purposesJson: JSON.stringify(purposes),
      language: traits.language,
      path: pickPath(),
      country: traits.country,
      userAgent: traits.userAgent,
      ip,
    };
  };

  // The current day's arrivals (sorted) and their tenants.
  let day = -1;
  let times: Float64Array = new Float64Array(0);
  let tenantOfEvent: Uint16Array = new Uint16Array(0);
  let position = 0;

  const closeDay = (closed: number) => {
    const last = closed === days - 1;
    if (!last && (closed + 1) % options.checkpointEveryDays !== 0) return;
    const signedAt = new Date(Math.min(firstDay + (closed + 1) * DAY_MS, until));
    for (const [index, own] of state.entries()) {
      if (own.seq === own.lastCheckpointSeq) continue;
      checkpoints.push({ tenantId: (tenants[index] as LargeTenant).id, seq: own.seq, hash: own.hash, signedAt });
      own.lastCheckpointSeq = own.seq;
    }
  };
  const openDay = (next: number) => {
    const count = perDay[next] ?? 0;
    const start = firstDay + next * DAY_MS;
    const a = Math.max(start, from);
    const b = Math.min(start + DAY_MS, until);
    times = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      let at = Math.floor(start + pickHour() * HOUR_MS + random() * HOUR_MS);
      if (at < a || at >= b) at = Math.floor(a + random() * (b - a));
      times[i] = at;
    }
    times.sort();
    tenantOfEvent = new Uint16Array(count);
    for (let i = 0; i < count; i++) tenantOfEvent[i] = pickTenant();
    position = 0;
  };

  /** The next chunk of at most `max` events, or null when all were produced. */
  function next(max: number): TrafficChunk | null {
    const records: string[] = [];
    const personal: string[] = [];
    // Secret parts in bulk: a salt and the random bits of a record id per event.
    const pool = randomBytes(32 * max);
    while (records.length < max) {
      if (position >= times.length) {
        if (day >= 0) closeDay(day);
        if (day + 1 >= days) break;
        day += 1;
        openDay(day);
        continue;
      }
      const at = times[position] as number;
      const tenant = tenantOfEvent[position] as number;
      position += 1;
      const own = state[tenant] as TenantState;
      const occurredAt = Math.floor(at - DELIVERY_DELAY_MS.min - random() ** 2 * (DELIVERY_DELAY_MS.max - DELIVERY_DELAY_MS.min));
      const choice = own.resend ?? choose(tenant, occurredAt);
      own.resend = random() < RESEND_SHARE ? choice : null;

      const offset = 32 * records.length;
      const salt = pool.toString("hex", offset, offset + 16);
      const tenantId = (tenants[tenant] as LargeTenant).id;
      const receivedAt = new Date(at);
      const occurred = new Date(occurredAt);
      const version = versions[choice.versionIndex] as LargePolicyVersion;
      // personalDataDigest of @pc/shared: sha256 over the canonical JSON of { ip, salt, userAgent } (tested equal).
      const personalDigest = digestOf(
        "sha256",
        `{"ip":${JSON.stringify(choice.ip)},"salt":"${salt}","userAgent":${JSON.stringify(choice.userAgent)}}`,
        "hex",
      );
      const seq = own.seq + 1;
      const record = {
        tenantId,
        seq,
        recordId: uuidv7({ msecs: at, random: pool.subarray(offset + 16, offset + 32) }),
        receivedAt,
        occurredAt: occurred,
        subjectDigest: choice.subjectDigest,
        consentId: choice.consentId,
        policy: { kind: "privacy" as const, version: version.version, sha256: version.sha256 },
        bannerVersion: occurredAt >= bannerSince ? "3" : "2",
        action: choice.action,
        purposes: choice.purposes,
        language: choice.language,
        path: choice.path,
        gpc: choice.action === "gpc",
        country: choice.country,
        jurisdiction: jurisdictions.get(choice.country) ?? jurisdictionOf(choice.country),
        personalDataDigest: personalDigest,
      };
      const hash = digestOf("sha256", `${own.hash}\n${ledgerRecordCanonical(record)}`, "hex");
      const receivedIso = receivedAt.toISOString();
      // Only storefront-like text may need escaping; the rest is hex, digits, ids and ISO times.
      records.push(
        `${tenantId}\t${seq}\t${record.recordId}\t${receivedIso}\t${occurred.toISOString()}\t${record.subjectDigest}\t` +
          `${copyValue(record.consentId)}\tprivacy\t${copyValue(version.version)}\t${version.sha256}\t${record.bannerVersion}\t` +
          `${record.action}\t${copyValue(choice.purposesJson)}\t${copyValue(record.language)}\t${copyValue(record.path)}\t` +
          `${record.gpc ? "t" : "f"}\t${copyValue(record.country)}\t${record.jurisdiction}\t${personalDigest}\t${own.hash}\t${hash}\n`,
      );
      personal.push(`${tenantId}\t${personalDigest}\t${copyValue(choice.ip)}\t${copyValue(choice.userAgent)}\t${salt}\t${receivedIso}\n`);
      own.seq = seq;
      own.hash = hash;
    }
    if (records.length === 0) return null;
    return { events: records.length, records: records.join(""), personal: personal.join("") };
  }

  return {
    next,
    /** Signed-checkpoint places so far (the final heads' once every event was produced). */
    checkpoints,
    /** Each tenant's chain head and subject count, in tenant order. */
    heads: () =>
      state.map((own, index) => ({ tenantId: (tenants[index] as LargeTenant).id, seq: own.seq, hash: own.hash, subjects: own.subjects })),
  };
}
