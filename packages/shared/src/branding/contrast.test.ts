import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AA_LARGE_TEXT, AA_NORMAL_TEXT, contrastRatio, formatContrastRatio, nearestPassingShade, relativeLuminance } from "./contrast.js";
import { hexToOklch } from "./oklch.js";

const hexColor = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
const requiredRatio = fc.oneof(fc.constantFrom(AA_LARGE_TEXT, AA_NORMAL_TEXT, 7), fc.double({ min: 1, max: 22, noNaN: true }));

/** Smallest angle between two hues, in degrees. */
function hueDistance(a: number, b: number): number {
  const difference = Math.abs(a - b) % 360;
  return Math.min(difference, 360 - difference);
}

describe("relative luminance and contrast ratio", () => {
  it("gives the known values", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 12);
    expect(relativeLuminance("#808080")).toBeCloseTo(0.21586, 5);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#1f6feb", "#1f6feb")).toBe(1);
  });

  it("puts #777777 on white just under AA and #767676 just over", () => {
    const grey77 = contrastRatio("#777777", "#ffffff");
    const grey76 = contrastRatio("#767676", "#ffffff");
    expect(grey77).toBeCloseTo(4.48, 2);
    expect(grey77).toBeLessThan(AA_NORMAL_TEXT);
    expect(grey76).toBeCloseTo(4.54, 2);
    expect(grey76).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });

  it("weights green over red over blue", () => {
    expect(contrastRatio("#00ff00", "#000000")).toBeCloseTo(15.3, 1);
    expect(contrastRatio("#ff0000", "#000000")).toBeCloseTo(5.25, 2);
    expect(contrastRatio("#0000ff", "#000000")).toBeCloseTo(2.44, 2);
  });

  it("is symmetric, between 1 and 21, and 1 only for colours of equal luminance", () => {
    fc.assert(
      fc.property(hexColor, hexColor, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(contrastRatio(b, a)).toBe(ratio);
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21 + 1e-9);
        expect(ratio === 1).toBe(relativeLuminance(a) === relativeLuminance(b));
      }),
    );
  });

  it("shows a ratio truncated, so a failing one never reads as the threshold", () => {
    expect(formatContrastRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
    expect(formatContrastRatio(4.4999)).toBe("4.49:1");
    expect(formatContrastRatio(contrastRatio("#000000", "#ffffff"))).toBe("21.00:1");
  });
});

describe("nearestPassingShade", () => {
  it("returns a colour that already passes unchanged", () => {
    expect(nearestPassingShade("#1F6FEB", "#ffffff", AA_NORMAL_TEXT)).toEqual({
      color: "#1f6feb",
      ratio: contrastRatio("#1f6feb", "#ffffff"),
    });
  });

  it("finds the nearest passing grey, one step away", () => {
    expect(nearestPassingShade("#777777", "#ffffff", AA_NORMAL_TEXT)).toEqual({
      color: "#767676",
      ratio: contrastRatio("#767676", "#ffffff"),
    });
  });

  it("moves the shorter way: lighter from just above the background, darker from just below", () => {
    // Against #7c7c7c at 3:1 both directions are possible; the distances decide.
    const fromLighter = nearestPassingShade("#8a8a8a", "#7c7c7c", AA_LARGE_TEXT);
    const fromDarker = nearestPassingShade("#606060", "#7c7c7c", AA_LARGE_TEXT);
    expect(fromLighter && relativeLuminance(fromLighter.color)).toBeGreaterThan(relativeLuminance("#8a8a8a"));
    expect(fromDarker && relativeLuminance(fromDarker.color)).toBeLessThan(relativeLuminance("#606060"));
  });

  it("darkens a light accent on white and keeps its hue", () => {
    const shade = nearestPassingShade("#f78166", "#ffffff", AA_NORMAL_TEXT);
    expect(shade).not.toBeNull();
    expect(shade?.ratio).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    expect(shade?.ratio).toBeLessThan(4.7); // nearest: only just over, not pushed to near-black
    expect(hueDistance(hexToOklch(shade?.color ?? "#000000").h, hexToOklch("#f78166").h)).toBeLessThan(1);
  });

  it("is null only when neither black nor white reaches the ratio", () => {
    expect(nearestPassingShade("#777777", "#808080", 7)).toBeNull();
    expect(nearestPassingShade("#000000", "#ffffff", 21.5)).toBeNull();
    expect(nearestPassingShade("#777777", "#ffffff", 21)?.color).toBe("#000000");
  });

  it("refuses something that is not a colour", () => {
    expect(() => nearestPassingShade("tomato", "#ffffff", 3)).toThrow(RangeError);
  });

  it("for any pair and ratio: a shade that passes and keeps the hue, or null when black and white both fail", () => {
    fc.assert(
      fc.property(hexColor, hexColor, requiredRatio, (color, against, minRatio) => {
        const shade = nearestPassingShade(color, against, minRatio);
        if (shade === null) {
          expect(contrastRatio("#000000", against)).toBeLessThan(minRatio);
          expect(contrastRatio("#ffffff", against)).toBeLessThan(minRatio);
          return;
        }
        if (contrastRatio(color, against) >= minRatio) expect(shade.color).toBe(color);
        expect(shade.color).toMatch(/^#[0-9a-f]{6}$/);
        expect(shade.ratio).toBe(contrastRatio(shade.color, against));
        expect(shade.ratio).toBeGreaterThanOrEqual(minRatio);
        const before = hexToOklch(color);
        const after = hexToOklch(shade.color);
        // Hue is undefined for greys and jitters with 8-bit rounding at low chroma: #610ad9 against
        // #4f67bb at 3.96 gives #020009 (chroma 0.041, hue 5.01° off), all of it rounding near black.
        if (before.c > 0.08 && after.c > 0.08) expect(hueDistance(before.h, after.h)).toBeLessThan(5);
      }),
      { numRuns: 300 },
    );
  }, 20_000);
});
