import { describe, expect, it } from "vitest";
import type { PolicyPurpose } from "../policies/purposes.js";
import { checkBatchAgainstPolicies, checkEventAgainstPolicy } from "./policy-check.js";
import type { ConsentEvent } from "./wire.js";

// The demo's purposes (packages/db/src/seed-data/policies.ts), reduced to what the check reads.
const purpose = (key: string, category: PolicyPurpose["category"]): PolicyPurpose => ({
  key,
  name: key,
  description: `${key} purpose`,
  category,
  legalBasis: category === "strictly_necessary" ? "6(1)(b)" : "6(1)(a)",
  vendor: { name: "Vendor", legalEntity: "Vendor AS" },
  transfer: { destination: "EEA", mechanism: "Within the EEA" },
  retention: "12 months",
  optIn: category !== "strictly_necessary",
});
const PRIVACY_1_0 = [
  purpose("preferences", "strictly_necessary"),
  purpose("stripe_checkout", "strictly_necessary"),
  purpose("audio_mastering_data", "strictly_necessary"),
  purpose("tidio", "functional"),
];
const PRIVACY_2_0 = [...PRIVACY_1_0, purpose("product_analytics", "analytics")];

type Checked = Pick<ConsentEvent, "purposes" | "action" | "policy">;
const saveCustom: Checked = {
  policy: { kind: "privacy", version: "2.0" },
  action: "save_custom",
  purposes: {
    preferences: "acknowledged",
    stripe_checkout: "acknowledged",
    audio_mastering_data: "acknowledged",
    tidio: "granted",
    product_analytics: "denied",
  },
};

describe("checkEventAgainstPolicy", () => {
  it("finds nothing wrong with the issue's example against privacy 2.0", () => {
    expect(checkEventAgainstPolicy(saveCustom, PRIVACY_2_0)).toEqual([]);
  });

  it("names a purpose the version asks about that has no decision, and one it does not define", () => {
    const { product_analytics: _left, ...withoutAnalytics } = saveCustom.purposes;
    expect(checkEventAgainstPolicy({ ...saveCustom, purposes: withoutAnalytics }, PRIVACY_2_0)).toEqual([
      { path: "purposes.product_analytics", message: "purposes.product_analytics is missing: privacy 2.0 asks about product_analytics" },
    ]);
    // The 2.0 decisions against 1.0, which had no product analytics.
    expect(checkEventAgainstPolicy({ ...saveCustom, policy: { kind: "privacy", version: "1.0" } }, PRIVACY_1_0)).toEqual([
      { path: "purposes.product_analytics", message: "purposes.product_analytics is not a purpose of privacy 1.0" },
    ]);
  });

  it("takes only acknowledged for a strictly necessary purpose, and only granted or denied for the others", () => {
    const purposes = { ...saveCustom.purposes, preferences: "denied", stripe_checkout: "granted", tidio: "acknowledged" } as const;
    expect(checkEventAgainstPolicy({ ...saveCustom, purposes }, PRIVACY_2_0)).toEqual([
      {
        path: "purposes.preferences",
        message: 'purposes.preferences must be "acknowledged": preferences is strictly necessary and cannot be refused',
      },
      {
        path: "purposes.stripe_checkout",
        message: 'purposes.stripe_checkout must be "acknowledged": stripe_checkout is strictly necessary and cannot be refused',
      },
      {
        path: "purposes.tidio",
        message: 'purposes.tidio must be "granted" or "denied": only strictly necessary purposes are acknowledged',
      },
    ]);
  });

  it("holds accept all and reject all to what they say", () => {
    expect(checkEventAgainstPolicy({ ...saveCustom, action: "accept_all" }, PRIVACY_2_0)).toEqual([
      { path: "purposes.product_analytics", message: 'purposes.product_analytics must be "granted" when action is "accept_all"' },
    ]);
    expect(checkEventAgainstPolicy({ ...saveCustom, action: "reject_all" }, PRIVACY_2_0)).toEqual([
      { path: "purposes.tidio", message: 'purposes.tidio must be "denied" when action is "reject_all"' },
    ]);
    const allDenied = { ...saveCustom.purposes, tidio: "denied", product_analytics: "denied" } as const;
    for (const action of ["reject_all", "withdraw", "gpc", "save_custom"] as const) {
      expect(checkEventAgainstPolicy({ ...saveCustom, action, purposes: allDenied }, PRIVACY_2_0), action).toEqual([]);
    }
  });

  it("does not mistake an inherited property for a decision", () => {
    const withToString = [...PRIVACY_2_0, purpose("constructor", "functional")];
    expect(checkEventAgainstPolicy(saveCustom, withToString)).toEqual([
      { path: "purposes.constructor", message: "purposes.constructor is missing: privacy 2.0 asks about constructor" },
    ]);
  });
});

describe("checkBatchAgainstPolicies", () => {
  it("prefixes each problem with its event's index and names versions never published", () => {
    const published = new Map([
      ["privacy 1.0", PRIVACY_1_0],
      ["privacy 2.0", PRIVACY_2_0],
    ]);
    const events: Checked[] = [
      saveCustom,
      { ...saveCustom, policy: { kind: "privacy", version: "3.0" } },
      { ...saveCustom, purposes: { ...saveCustom.purposes, tidio: "acknowledged" } },
    ];
    expect(checkBatchAgainstPolicies(events, ({ kind, version }) => published.get(`${kind} ${version}`))).toEqual([
      {
        path: "events[1].policy.version",
        message: "policy.version 3.0 of the privacy policy was never published for this storefront",
      },
      {
        path: "events[2].purposes.tidio",
        message: 'purposes.tidio must be "granted" or "denied": only strictly necessary purposes are acknowledged',
      },
    ]);
  });
});
