// The consent event exactly as storefronts send it to POST /api/public/consent (and, up to
// MAX_CONSENT_BATCH at a time, to /batch). This is a public contract storefronts code against: a
// field is only ever added (optional) here before any storefront sends it.
//
// Unknown fields are refused, not ignored: a ledger must never acknowledge an event while silently
// dropping part of what the storefront believed it recorded, and a misspelt field ("purpose",
// "occured_at") is a bug the integrator should see on the first request, not in an audit years later.
//
// These rules need no database. Those that need the policy version the event names (its purposes)
// are in policy-check.ts; the server answers 400 for these and 422 for those.

import { z } from "zod";
import { MAX_PURPOSES, POLICY_KINDS } from "../policies/purposes.js";
import { formatPolicyVersion, parsePolicyVersion } from "../policies/versions.js";

export const CONSENT_ACTIONS = ["accept_all", "reject_all", "save_custom", "withdraw", "gpc"] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** acknowledged: a strictly necessary purpose, shown as always on; the others are granted or denied. */
export const CONSENT_DECISIONS = ["granted", "denied", "acknowledged"] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const MAX_SUBJECT_ID = 128;
export const MAX_CONSENT_ID = 128;
export const MAX_BANNER_VERSION = 32;
/** RFC 5646 §4.4.1: 35 characters hold any tag a banner needs ("zh-Hant-TW", "es-419"…). */
export const MAX_LANGUAGE_TAG = 35;
export const MAX_PAGE_PATH = 2048;
export const MAX_CONSENT_BATCH = 500;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How far ahead of the server's clock occurredAt may lie: visitors' clocks are often wrong by hours. */
export const MAX_OCCURRED_IN_FUTURE_MS = 24 * HOUR_MS;
/** How old an event may be: a banner may queue events offline, but not for longer than a year and a bit. */
export const MAX_OCCURRED_AGE_MS = 400 * DAY_MS;

/** The problem with one field, for a 400 or 422 answer: `path` like "events[3].purposes.tidio". */
export interface ConsentProblem {
  path: string;
  message: string;
}

type RawIssue = z.core.$ZodRawIssue;

/** "fieldName is required" when absent, else the description of what it must be. */
const fieldError =
  (field: string, mustBe: string) =>
  (issue: RawIssue): string =>
    issue.input === undefined ? `${field} is required` : `${field} must be ${mustBe}`;

/** For objects: names unknown fields rather than saying "unrecognized key"; `subject` starts a sentence. */
const objectError =
  (what: string, fields: string, subject = what) =>
  (issue: RawIssue): string => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys as string[];
      return `Unknown field${keys.length === 1 ? "" : "s"} ${keys.join(", ")} in ${what}; known fields: ${fields}`;
    }
    return issue.input === undefined ? `${subject} is required` : `${subject} must be a JSON object`;
  };

/** Identifiers storefronts make up: visible ASCII only, so nothing invisible or ambiguous enters the ledger. */
function identifier(field: string, max: number) {
  const mustBe = `1 to ${max} visible ASCII characters (no spaces)`;
  // One pattern for length and characters, so a bad value gets one message.
  return z.string({ error: fieldError(field, mustBe) }).regex(new RegExp(`^[!-~]{1,${max}}$`), `${field} must be ${mustBe}`);
}

// The purpose key pattern of ZPolicyPurpose (policies/purposes.ts); a key the policy does not
// define at all is the 422 of policy-check.ts.
const PURPOSE_KEY = /^[a-z][a-z0-9_]{1,39}$/;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const LANGUAGE_MESSAGE = `language must be a BCP 47 language tag such as "nb" or "en-GB", at most ${MAX_LANGUAGE_TAG} characters`;

const PATH_MESSAGE = `path must be the page path: starting with "/", at most ${MAX_PAGE_PATH} characters, without spaces, query string or fragment (they may hold personal data)`;
/**
 * A page path and nothing more: no query string or fragment, since they often carry personal data
 * (?email=…, reset tokens) and nothing written to the ledger can be taken out again.
 */
function isPagePath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || char === "?" || char === "#") return false;
  }
  return true;
}

const OCCURRED_AT_MESSAGE = 'occurredAt must be an ISO 8601 date and time with a timezone, such as "2026-05-03T10:21:07.412Z"';

/**
 * occurredAt, checked against `now` and normalised to UTC with milliseconds (what a timestamptz
 * gives back), so the value hashed into the chain is the value read back from the database.
 */
function occurredAt(now: () => number) {
  return z.iso
    .datetime({ offset: true, error: (issue) => (issue.input === undefined ? "occurredAt is required" : OCCURRED_AT_MESSAGE) })
    .superRefine((text, ctx) => {
      const at = Date.parse(text);
      if (Number.isNaN(at)) return; // the format check already said so
      const current = now();
      if (at > current + MAX_OCCURRED_IN_FUTURE_MS) {
        ctx.addIssue({ code: "custom", message: "occurredAt lies more than 24 hours in the future: check the device's clock" });
      } else if (at < current - MAX_OCCURRED_AGE_MS) {
        ctx.addIssue({ code: "custom", message: "occurredAt is more than 400 days old: the ledger does not take events that old" });
      }
    })
    .transform((text) => new Date(text).toISOString());
}

const ZConsentPolicyRef = z.strictObject(
  {
    kind: z.enum(POLICY_KINDS, { error: fieldError("policy.kind", POLICY_KINDS.join(" or ")) }),
    /** Exactly as published ("2.0"): no spaces, no leading zeros. */
    version: z.string({ error: fieldError("policy.version", 'a published version number such as "2.0"') }).refine((text) => {
      const parsed = parsePolicyVersion(text);
      return parsed !== null && formatPolicyVersion(parsed) === text;
    }, 'policy.version must be a published version number such as "2.0"'),
  },
  { error: objectError("policy", "kind, version") },
);

const DECISIONS_MESSAGE = "must be granted, denied or acknowledged";

const PURPOSE_KEY_MESSAGE =
  "Each key of purposes must be a purpose key: 2 to 40 lowercase letters, digits or underscores, starting with a letter";

/** A zod record drops a "__proto__" key without a word; the ledger must refuse it instead. */
const ZNoProtoKey = z.unknown().superRefine((value, ctx) => {
  if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__")) {
    ctx.addIssue({ code: "custom", path: ["__proto__"], message: PURPOSE_KEY_MESSAGE });
  }
});

const ZConsentPurposes = ZNoProtoKey.pipe(
  z
    .record(z.string().regex(PURPOSE_KEY), z.enum(CONSENT_DECISIONS, { error: `Each decision in purposes ${DECISIONS_MESSAGE}` }), {
      error: (issue) => {
        if (issue.code === "invalid_key") return PURPOSE_KEY_MESSAGE;
        return issue.input === undefined ? "purposes is required" : "purposes must be an object of purpose key → decision";
      },
    })
    .refine((purposes) => Object.keys(purposes).length <= MAX_PURPOSES, `purposes may hold at most ${MAX_PURPOSES} purposes`),
);

const EVENT_FIELDS = "subjectId, consentId, policy, bannerVersion, action, occurredAt, purposes, language, path, gpc, country (optional)";

/** The consent event schema, with occurredAt's bounds taken from `now` (the server's clock). */
export function consentEventSchema(now: () => number = Date.now) {
  return z
    .strictObject(
      {
        /** The storefront's pseudonymous id of the visitor (device or account); stored only as a keyed hash. */
        subjectId: identifier("subjectId", MAX_SUBJECT_ID),
        /** The id the banner shows the visitor, so they can quote it. */
        consentId: identifier("consentId", MAX_CONSENT_ID),
        policy: ZConsentPolicyRef,
        bannerVersion: identifier("bannerVersion", MAX_BANNER_VERSION),
        action: z.enum(CONSENT_ACTIONS, { error: fieldError("action", CONSENT_ACTIONS.join(", ")) }),
        occurredAt: occurredAt(now),
        purposes: ZConsentPurposes,
        language: z
          .string({ error: fieldError("language", 'a BCP 47 language tag such as "nb" or "en-GB"') })
          .refine((tag) => tag.length <= MAX_LANGUAGE_TAG && LANGUAGE_TAG.test(tag), LANGUAGE_MESSAGE),
        path: z
          .string({ error: fieldError("path", 'the page path, such as "/checkout"') })
          .refine((path) => path.length <= MAX_PAGE_PATH && isPagePath(path), PATH_MESSAGE),
        /** The browser's Global Privacy Control signal (navigator.globalPrivacyControl). */
        gpc: z.boolean({ error: fieldError("gpc", "true or false") }),
        /** A country hint (ISO 3166-1 alpha-2, any case), e.g. from the storefront's CDN; gives the jurisdiction. */
        country: z
          .string({ error: fieldError("country", 'an ISO 3166-1 alpha-2 country code such as "NO", or left out') })
          .regex(/^[A-Za-z]{2}$/, 'country must be an ISO 3166-1 alpha-2 country code such as "NO", or left out')
          .transform((code) => code.toUpperCase())
          .optional(),
      },
      { error: objectError("a consent event", EVENT_FIELDS, "A consent event") },
    )
    .superRefine((event, ctx) => {
      // The "gpc" action is the banner applying the browser's signal; without the signal it is a bug.
      if (event.action === "gpc" && !event.gpc) {
        ctx.addIssue({ code: "custom", path: ["gpc"], message: 'gpc must be true when action is "gpc"' });
      }
    });
}

/** The body of POST /api/public/consent/batch: all or nothing, 1 to MAX_CONSENT_BATCH events. */
export function consentBatchSchema(now: () => number = Date.now) {
  const batchMessage = `events must be an array of 1 to ${MAX_CONSENT_BATCH} consent events`;
  return z.strictObject(
    {
      events: z
        .array(consentEventSchema(now), { error: fieldError("events", `an array of 1 to ${MAX_CONSENT_BATCH} consent events`) })
        .min(1, batchMessage)
        .max(MAX_CONSENT_BATCH, batchMessage),
    },
    { error: objectError("the batch", "events", "The batch") },
  );
}

/** Checked against the clock at the moment of parsing. */
export const ZConsentEvent = consentEventSchema();
export const ZConsentBatch = consentBatchSchema();
export type ConsentEventInput = z.input<typeof ZConsentEvent>;
/** A valid event: occurredAt in UTC with milliseconds, country upper case. */
export type ConsentEvent = z.output<typeof ZConsentEvent>;
export type ConsentBatch = z.output<typeof ZConsentBatch>;

/** ["events", 3, "purposes", "tidio"] → "events[3].purposes.tidio" */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** The problems of a failed parse, one per field (an unknown field is named in the path). */
export function consentProblemsOf(error: z.ZodError): ConsentProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatProblemPath([...issue.path, key]), message: issue.message }));
    }
    return [{ path: formatProblemPath(issue.path), message: issue.message }];
  });
}
