/**
 * The shape of the demo's consent traffic as plain data, read by seed-consent.ts: how the events
 * divide between the tenants, the visitors' choices, countries, languages, pages and browsers, and
 * how volume moves over the week, the day and the year. Weights are relative (they need not add up
 * to 100); the shares they give are checked by seed-consent.test.ts.
 */
import type { ConsentAction } from "@pc/shared";
import type { DemoTenantSlug } from "../seed.js";

export type Weighted<T> = readonly (readonly [T, number])[];

/** How the events divide between the demo tenants. */
export const TENANT_SHARES: Weighted<DemoTenantSlug> = [
  ["northwave", 50],
  ["fjordsound", 30],
  ["beatlab", 20],
];

/**
 * What visitors choose. A withdrawal needs a visitor who consented earlier; the "gpc" action is the
 * banner applying the browser's Global Privacy Control signal (every opt-in denied).
 */
export const ACTION_SHARES: Weighted<ConsentAction> = [
  ["accept_all", 55],
  ["reject_all", 20],
  ["save_custom", 18],
  ["gpc", 4],
  ["withdraw", 3],
];

/**
 * In "save custom", how often an opt-in purpose is granted, by its category: the support chat
 * (functional) more often than analytics, so that about 60% of all choices grant Tidio and product
 * analytics is granted somewhat less often.
 */
export const CUSTOM_GRANT_BY_CATEGORY: Readonly<Record<string, number>> = {
  functional: 0.35,
  analytics: 0.12,
  marketing: 0.08,
};

/** Of the events that are neither a withdrawal nor part of the re-consent wave, those by a returning visitor. */
export const RETURNING_VISITOR_SHARE = 0.08;

/**
 * The re-consent wave after the latest material version took effect: volume on top of the usual,
 * all of it visitors who consented to an earlier version, highest on the first day and fading.
 */
export const RECONSENT_WAVE = {
  days: 14,
  /** Extra volume on the first day, as a multiple of the usual. */
  peak: 2.2,
  /** Days for the extra volume to fall by a factor e. */
  decayDays: 3.5,
} as const;

/** A returning visitor's address is in the same network as before this often. */
export const SAME_NETWORK_SHARE = 0.8;

/** null: the storefront's CDN sent no country hint (jurisdiction UNKNOWN). */
export const COUNTRY_SHARES: Weighted<string | null> = [
  ["NO", 58],
  ["SE", 7],
  ["DK", 5],
  ["DE", 5],
  ["GB", 4],
  ["US", 4],
  ["NL", 2],
  ["FR", 2],
  ["CH", 1.5],
  ["IS", 1.5],
  [null, 10],
];

/** The banner's language by country; a share of visitors everywhere reads it in English. */
export const LANGUAGE_BY_COUNTRY: Readonly<Record<string, Weighted<string>>> = {
  NO: [
    ["nb", 88],
    ["nn", 4],
    ["en", 8],
  ],
  SE: [
    ["sv", 90],
    ["en", 10],
  ],
  DK: [
    ["da", 90],
    ["en", 10],
  ],
  DE: [
    ["de", 92],
    ["en", 8],
  ],
  GB: [["en-GB", 1]],
  US: [["en-US", 1]],
  NL: [
    ["nl", 80],
    ["en", 20],
  ],
  FR: [
    ["fr", 92],
    ["en", 8],
  ],
  CH: [
    ["de-CH", 60],
    ["fr-CH", 25],
    ["en", 15],
  ],
  IS: [
    ["is", 70],
    ["en", 30],
  ],
  unknown: [
    ["nb", 60],
    ["en", 40],
  ],
};

export const PATH_SHARES: Weighted<string> = [
  ["/", 45],
  ["/pricing", 20],
  ["/upload", 15],
  ["/checkout", 10],
  ["/account", 10],
];

export const USER_AGENT_SHARES: Weighted<string> = [
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 28],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 16],
  [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    20,
  ],
  ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 12],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 10],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", 7],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 7],
];

/** Of the visitors' addresses, the IPv6 share (the rest IPv4). */
export const IPV6_SHARE = 0.3;

/**
 * Networks visitors' addresses come from: reserved for documentation and benchmarking (RFC 5737,
 * RFC 2544, RFC 3849), so the demo names no real network. IPv4 as [first three octets, how many /24s].
 */
export const IPV4_NETWORKS: readonly (readonly [number, number, number, number])[] = [
  [198, 18, 0, 512], // 198.18.0.0/15
  [192, 0, 2, 1], // TEST-NET-1
  [198, 51, 100, 1], // TEST-NET-2
  [203, 0, 113, 1], // TEST-NET-3
];
/** IPv6 addresses are drawn from 2001:db8::/32. */
export const IPV6_PREFIX = "2001:db8";

/** Volume by day of the week (getUTCDay: Sunday first): weekends lower. */
export const WEEKDAY_FACTORS = [0.62, 1.0, 1.05, 1.05, 1.0, 0.9, 0.66] as const;

/** Volume by hour of the day (UTC; Norway is UTC+1 or +2): quiet at night, busiest in the evening. */
export const HOUR_WEIGHTS = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.35, 0.65, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.2, 1.3, 1.35, 1.3, 1.1, 0.8, 0.45,
] as const;

/** Daily volume grows linearly by this much over the year (0.8: the last day sees 1.8 times the first). */
export const YEARLY_GROWTH = 0.8;
/** Each day's volume varies by up to ± this fraction. */
export const DAILY_NOISE = 0.15;

/** occurredAt lies this many milliseconds before receivedAt (the banner's request on its way). */
export const DELIVERY_DELAY_MS = { min: 250, max: 4000 } as const;
/** A day's checkpoint is signed this many minutes after the day's last record (if no record came in between). */
export const CHECKPOINT_DELAY_MINUTES = { min: 1, max: 6 } as const;
