import { describe, expect, it } from "vitest";
import {
  type ConsentProblem,
  consentBatchSchema,
  consentEventSchema,
  consentProblemsOf,
  formatProblemPath,
  MAX_CONSENT_BATCH,
  MAX_OCCURRED_AGE_MS,
  MAX_OCCURRED_IN_FUTURE_MS,
  ZConsentEvent,
} from "./wire.js";

const NOW = Date.parse("2026-05-03T12:00:00.000Z");
const clock = () => NOW;
const eventSchema = consentEventSchema(clock);
const batchSchema = consentBatchSchema(clock);

/** The example of issue 5, character for character. */
const ISSUE_EXAMPLE = JSON.parse(`{ "subjectId": "dev_5f1c9a", "consentId": "c_8Q2kd", "policy": { "kind": "privacy", "version": "2.0" },
    "bannerVersion": "3", "action": "save_custom", "occurredAt": "2026-05-03T10:21:07.412Z",
    "purposes": { "preferences": "acknowledged", "stripe_checkout": "acknowledged",
                  "audio_mastering_data": "acknowledged", "tidio": "granted", "product_analytics": "denied" },
    "language": "nb", "path": "/checkout", "gpc": false, "country": "NO" }`) as Record<string, unknown>;

function problemsOf(input: unknown, schema: typeof eventSchema | typeof batchSchema = eventSchema): ConsentProblem[] {
  const result = schema.safeParse(input);
  return result.success ? [] : consentProblemsOf(result.error);
}

describe("the consent event on the wire", () => {
  it("accepts the issue's example exactly as it is", () => {
    expect(eventSchema.parse(ISSUE_EXAMPLE)).toEqual(ISSUE_EXAMPLE);
  });

  it("uses the clock at the moment of parsing when none is given", () => {
    expect(ZConsentEvent.safeParse({ ...ISSUE_EXAMPLE, occurredAt: new Date().toISOString() }).success).toBe(true);
    expect(
      ZConsentEvent.safeParse({ ...ISSUE_EXAMPLE, occurredAt: new Date(Date.now() + 2 * MAX_OCCURRED_IN_FUTURE_MS).toISOString() }).success,
    ).toBe(false);
  });

  it("names every required field that is missing", () => {
    const required = ["subjectId", "consentId", "policy", "bannerVersion", "action", "occurredAt", "purposes", "language", "path", "gpc"];
    for (const field of required) {
      const { [field]: _left, ...rest } = ISSUE_EXAMPLE;
      expect(problemsOf(rest), field).toEqual([{ path: field, message: `${field} is required` }]);
    }
    const { country: _country, ...withoutCountry } = ISSUE_EXAMPLE;
    expect(eventSchema.parse(withoutCountry).country).toBeUndefined();
  });

  const malformed: [path: string, patch: Record<string, unknown>][] = [
    ["subjectId", { subjectId: "" }],
    ["subjectId", { subjectId: "x".repeat(129) }],
    ["subjectId", { subjectId: "dev 5f1c9a" }],
    ["subjectId", { subjectId: "dév" }],
    ["subjectId", { subjectId: 42 }],
    ["consentId", { consentId: "c\n8Q2kd" }],
    ["consentId", { consentId: "c".repeat(129) }],
    ["bannerVersion", { bannerVersion: 3 }],
    ["bannerVersion", { bannerVersion: "3".repeat(33) }],
    ["policy", { policy: "privacy 2.0" }],
    ["policy.kind", { policy: { kind: "cookies", version: "2.0" } }],
    ["policy.version", { policy: { kind: "privacy", version: "2" } }],
    ["policy.version", { policy: { kind: "privacy", version: " 2.0" } }],
    ["policy.version", { policy: { kind: "privacy", version: "02.0" } }],
    ["policy.version", { policy: { kind: "privacy", version: 2.0 } }],
    ["action", { action: "accept" }],
    ["occurredAt", { occurredAt: "2026-05-03T10:21:07.412" }],
    ["occurredAt", { occurredAt: "2026-05-03" }],
    ["occurredAt", { occurredAt: "2026-02-30T10:21:07Z" }],
    ["occurredAt", { occurredAt: NOW }],
    ["occurredAt", { occurredAt: new Date(NOW + MAX_OCCURRED_IN_FUTURE_MS + 1).toISOString() }],
    ["occurredAt", { occurredAt: new Date(NOW - MAX_OCCURRED_AGE_MS - 1).toISOString() }],
    ["purposes", { purposes: [] }],
    ["purposes", { purposes: "all" }],
    ["purposes", { purposes: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`purpose_${i}`, "granted"])) }],
    ["purposes.tidio", { purposes: { tidio: "yes" } }],
    ["purposes.tidio", { purposes: { tidio: true } }],
    ["purposes.Tidio", { purposes: { Tidio: "granted" } }],
    ["purposes.__proto__", { purposes: JSON.parse('{ "__proto__": "granted" }') }],
    ["language", { language: "norwegian" }],
    ["language", { language: "nb_NO" }],
    ["language", { language: `en-${"abcdefgh-".repeat(4)}x` }],
    ["language", { language: "" }],
    ["language", { language: "x".repeat(40) }],
    ["path", { path: "checkout" }],
    ["path", { path: "/checkout?email=kari@example.com" }],
    ["path", { path: "/checkout#step-2" }],
    ["path", { path: "/check out" }],
    ["path", { path: `/${"a".repeat(2048)}` }],
    ["path", { path: `/?${"a".repeat(2048)}` }],
    ["gpc", { gpc: "false" }],
    ["gpc", { gpc: null }],
    ["country", { country: "NOR" }],
    ["country", { country: "N0" }],
    ["country", { country: null }],
  ];

  it.each(malformed)("refuses a malformed %s with a message naming it", (path, patch) => {
    const problems = problemsOf({ ...ISSUE_EXAMPLE, ...patch });
    expect(problems).toHaveLength(1);
    for (const problem of problems) {
      expect(problem.path).toBe(path);
      const field = path.startsWith("purposes.") ? "purposes" : path;
      expect(problem.message).toContain(field);
    }
  });

  it("refuses unknown fields, naming each, at any level", () => {
    expect(problemsOf({ ...ISSUE_EXAMPLE, purpose: {}, occured_at: "x" })).toEqual([
      {
        path: "purpose",
        message: expect.stringMatching(/^Unknown fields purpose, occured_at in a consent event; known fields: subjectId, /),
      },
      { path: "occured_at", message: expect.stringMatching(/^Unknown fields purpose, occured_at/) },
    ]);
    expect(problemsOf({ ...ISSUE_EXAMPLE, policy: { kind: "privacy", version: "2.0", sha256: "ab" } })).toEqual([
      { path: "policy.sha256", message: "Unknown field sha256 in policy; known fields: kind, version" },
    ]);
  });

  it("refuses what is not an object", () => {
    for (const input of [null, 42, "event", [ISSUE_EXAMPLE]]) {
      expect(problemsOf(input)).toEqual([{ path: "", message: "A consent event must be a JSON object" }]);
    }
  });

  it('refuses the "gpc" action without the GPC signal', () => {
    expect(problemsOf({ ...ISSUE_EXAMPLE, action: "gpc" })).toEqual([{ path: "gpc", message: 'gpc must be true when action is "gpc"' }]);
    expect(problemsOf({ ...ISSUE_EXAMPLE, action: "gpc", gpc: true })).toEqual([]);
  });

  it("normalises occurredAt to UTC with milliseconds, at the bounds included", () => {
    const parse = (occurredAt: string) => eventSchema.parse({ ...ISSUE_EXAMPLE, occurredAt }).occurredAt;
    expect(parse("2026-05-03T12:21:07+02:00")).toBe("2026-05-03T10:21:07.000Z");
    expect(parse("2026-05-03T10:21:07.412345Z")).toBe("2026-05-03T10:21:07.412Z");
    expect(parse(new Date(NOW + MAX_OCCURRED_IN_FUTURE_MS).toISOString())).toBe("2026-05-04T12:00:00.000Z");
    expect(parse(new Date(NOW - MAX_OCCURRED_AGE_MS).toISOString())).toBe("2025-03-29T12:00:00.000Z");
  });

  it("takes other language tags, paths and country hints as they come", () => {
    for (const language of ["en-GB", "zh-Hant-TW", "es-419", "sgn-BE-FR"]) {
      expect(eventSchema.parse({ ...ISSUE_EXAMPLE, language }).language).toBe(language);
    }
    for (const path of ["/", "/products/blåbær", "/a/%20b"]) expect(eventSchema.parse({ ...ISSUE_EXAMPLE, path }).path).toBe(path);
    expect(eventSchema.parse({ ...ISSUE_EXAMPLE, country: "no" }).country).toBe("NO");
    expect(eventSchema.parse({ ...ISSUE_EXAMPLE, purposes: {} }).purposes).toEqual({});
  });
});

describe("the consent batch", () => {
  it("takes 1 to 500 events", () => {
    expect(batchSchema.parse({ events: [ISSUE_EXAMPLE] }).events).toEqual([ISSUE_EXAMPLE]);
    expect(batchSchema.safeParse({ events: Array.from({ length: MAX_CONSENT_BATCH }, () => ISSUE_EXAMPLE) }).success).toBe(true);
    const message = "events must be an array of 1 to 500 consent events";
    expect(problemsOf({ events: [] }, batchSchema)).toEqual([{ path: "events", message }]);
    expect(problemsOf({ events: Array.from({ length: MAX_CONSENT_BATCH + 1 }, () => ISSUE_EXAMPLE) }, batchSchema)).toEqual([
      { path: "events", message },
    ]);
    expect(problemsOf({ events: ISSUE_EXAMPLE }, batchSchema)).toEqual([{ path: "events", message }]);
    expect(problemsOf({}, batchSchema)).toEqual([{ path: "events", message: "events is required" }]);
    expect(problemsOf({ events: [ISSUE_EXAMPLE], tenant: "x" }, batchSchema)).toEqual([
      { path: "tenant", message: "Unknown field tenant in the batch; known fields: events" },
    ]);
    expect(problemsOf([ISSUE_EXAMPLE], batchSchema)).toEqual([{ path: "", message: "The batch must be a JSON object" }]);
  });

  it("names the index of each invalid event", () => {
    const events = [
      ISSUE_EXAMPLE,
      { ...ISSUE_EXAMPLE, subjectId: "" },
      ISSUE_EXAMPLE,
      { ...ISSUE_EXAMPLE, purposes: { tidio: "maybe" } },
      7,
    ];
    expect(problemsOf({ events }, batchSchema)).toEqual([
      { path: "events[1].subjectId", message: "subjectId must be 1 to 128 visible ASCII characters (no spaces)" },
      { path: "events[3].purposes.tidio", message: "Each decision in purposes must be granted, denied or acknowledged" },
      { path: "events[4]", message: "A consent event must be a JSON object" },
    ]);
  });

  it("formats problem paths with indices in brackets", () => {
    expect(formatProblemPath(["events", 3, "purposes", "tidio"])).toBe("events[3].purposes.tidio");
    expect(formatProblemPath([])).toBe("");
  });
});
