/**
 * The demo policy documents keep the rules publishing enforces: valid purposes, known variables
 * only, version numbers in sequence, and purpose keys that never change meaning. Plain data, so no
 * database here.
 */
import {
  formatPolicyVersion,
  nextPolicyVersion,
  type PolicyPurpose,
  type PolicyVersionNumber,
  parsePolicyVersion,
  purposeMeaningChanges,
  unknownVariables,
  ZPolicyPurposes,
} from "@pc/shared";
import { describe, expect, it } from "vitest";
import {
  DEMO_ADDENDA,
  PRIVACY_POLICY_VERSIONS,
  type SeedPolicyVersion,
  seedPolicyEffectiveFrom,
  TERMS_OF_SERVICE_VERSIONS,
} from "./policies.js";

const DOCUMENTS: [string, SeedPolicyVersion[]][] = [
  ["privacy", PRIVACY_POLICY_VERSIONS],
  ["terms", TERMS_OF_SERVICE_VERSIONS],
];
const ALL_VERSIONS = DOCUMENTS.flatMap(([kind, versions]) => versions.map((version) => [`${kind} ${version.version}`, version] as const));

const byKey = (purposes: PolicyPurpose[]) => new Map(purposes.map((purpose) => [purpose.key, purpose]));

function privacyVersion(number: string): SeedPolicyVersion {
  const found = PRIVACY_POLICY_VERSIONS.find((version) => version.version === number);
  if (!found) throw new Error(`no privacy policy ${number}`);
  return found;
}

describe.each(ALL_VERSIONS)("%s", (_name, version) => {
  it("has purposes that pass ZPolicyPurposes", () => {
    expect(ZPolicyPurposes.safeParse(version.purposes).error).toBeUndefined();
  });

  it("uses only known variables and starts with a level-1 heading", () => {
    expect(unknownVariables(version.markdown)).toEqual([]);
    expect(version.markdown).toMatch(/^# \S/);
    expect(version.title.trim()).not.toBe("");
    expect(version.changeSummary.trim()).not.toBe("");
  });
});

describe("version sequence", () => {
  it.each(DOCUMENTS)("numbers %s versions as publishing would, with effective times in order", (_kind, versions) => {
    const seededAt = new Date();
    let latest: PolicyVersionNumber | null = null;
    let previousEffective = -Infinity;
    for (const version of versions) {
      const expected = nextPolicyVersion(latest, version.material);
      expect(version.version).toBe(formatPolicyVersion(expected));
      latest = parsePolicyVersion(version.version);
      const effective = seedPolicyEffectiveFrom(version, seededAt).getTime();
      expect(effective).toBeGreaterThan(previousEffective);
      expect(effective).toBeLessThanOrEqual(seededAt.getTime());
      previousEffective = effective;
    }
  });
});

describe("privacy policy purposes", () => {
  it("1.0 has exactly the seed policy's four purposes", () => {
    const v1 = privacyVersion("1.0");
    expect(v1.effectiveFrom).toBe("2026-02-12T00:00:00Z");
    expect(v1.purposes.map((purpose) => purpose.key)).toEqual(["preferences", "stripe_checkout", "audio_mastering_data", "tidio"]);
    const purposes = byKey(v1.purposes);
    for (const key of ["preferences", "stripe_checkout", "audio_mastering_data"]) {
      expect(purposes.get(key)).toMatchObject({ category: "strictly_necessary", optIn: false });
    }
    expect(purposes.get("stripe_checkout")?.vendor.legalEntity).toBe("Stripe Payments Europe, Ltd.");
    expect(purposes.get("tidio")).toMatchObject({
      name: "Tidio Support Chat",
      category: "functional",
      legalBasis: "6(1)(a)",
      optIn: true,
      vendor: { legalEntity: "Tidio LLC" },
      transfer: { destination: "USA", mechanism: "EU-US Data Privacy Framework" },
    });
  });

  it("1.1 is editorial and keeps 1.0's purposes", () => {
    const v11 = privacyVersion("1.1");
    expect(v11.material).toBe(false);
    expect(v11.purposes).toEqual(privacyVersion("1.0").purposes);
    expect(v11.markdown).not.toBe(privacyVersion("1.0").markdown);
  });

  it("2.0 is material, adds opt-in product analytics and keeps every earlier key's meaning", () => {
    const v1 = privacyVersion("1.0");
    const v2 = privacyVersion("2.0");
    expect(v2).toMatchObject({ material: true, effectiveDaysBeforeSeed: 21 });
    const before = byKey(v1.purposes);
    const after = byKey(v2.purposes);
    expect([...after.keys()]).toEqual([...before.keys(), "product_analytics"]);
    for (const [key, purpose] of before) {
      const kept = after.get(key);
      expect(kept, key).toBeDefined();
      if (kept) expect(purposeMeaningChanges(purpose, kept), key).toEqual([]);
    }
    expect(after.get("product_analytics")).toMatchObject({ category: "analytics", legalBasis: "6(1)(a)", optIn: true });
    expect(v2.markdown).toContain("Product Analytics");
  });
});

describe("terms of service", () => {
  it("has one version, effective 12.02.2026, defining no purposes", () => {
    expect(TERMS_OF_SERVICE_VERSIONS).toHaveLength(1);
    expect(TERMS_OF_SERVICE_VERSIONS[0]).toMatchObject({ version: "1.0", effectiveFrom: "2026-02-12T00:00:00Z", purposes: [] });
  });
});

describe("demo addenda", () => {
  it.each(DEMO_ADDENDA)("$tenantSlug $kind addendum $version uses only known variables and sits below the template", (addendum) => {
    expect(unknownVariables(addendum.markdown)).toEqual([]);
    expect(addendum.markdown).toMatch(/^## \S/);
    expect(addendum.version).toBe(1);
  });
});
