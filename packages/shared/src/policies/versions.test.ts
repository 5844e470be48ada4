import { describe, expect, it } from "vitest";
import { comparePolicyVersions, formatPolicyVersion, nextPolicyVersion, parsePolicyVersion } from "./versions.js";

describe("policy version numbers", () => {
  it("bumps the major number for a material change and the minor one for an editorial change", () => {
    expect(nextPolicyVersion(null, false)).toEqual({ major: 1, minor: 0 });
    expect(nextPolicyVersion(null, true)).toEqual({ major: 1, minor: 0 });
    expect(nextPolicyVersion({ major: 1, minor: 0 }, false)).toEqual({ major: 1, minor: 1 });
    expect(nextPolicyVersion({ major: 1, minor: 1 }, true)).toEqual({ major: 2, minor: 0 });
  });

  it("reads and writes major.minor, and nothing else", () => {
    expect(parsePolicyVersion("2.10")).toEqual({ major: 2, minor: 10 });
    expect(formatPolicyVersion({ major: 2, minor: 10 })).toBe("2.10");
    for (const bad of ["2", "2.", "v2.0", "02.0", "2.01", "2.0.1", "-1.0", ""]) expect(parsePolicyVersion(bad)).toBeNull();
  });

  it("orders by major, then minor", () => {
    expect(comparePolicyVersions({ major: 1, minor: 10 }, { major: 2, minor: 0 })).toBeLessThan(0);
    expect(comparePolicyVersions({ major: 2, minor: 1 }, { major: 2, minor: 0 })).toBeGreaterThan(0);
    expect(comparePolicyVersions({ major: 2, minor: 1 }, { major: 2, minor: 1 })).toBe(0);
  });
});
