import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexToOklch, oklchToHex } from "./oklch.js";

const hexColor = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);

describe("OKLCH", () => {
  it("matches published values", () => {
    // CSS Color 4 / Ottosson reference: sRGB red is oklch(0.62796 0.25768 29.2339).
    const red = hexToOklch("#ff0000");
    expect(red.l).toBeCloseTo(0.62796, 4);
    expect(red.c).toBeCloseTo(0.25768, 4);
    expect(red.h).toBeCloseTo(29.2339, 2);
    expect(hexToOklch("#ffffff").l).toBeCloseTo(1, 6);
    expect(hexToOklch("#ffffff").c).toBeCloseTo(0, 6);
    expect(hexToOklch("#000000")).toEqual({ l: 0, c: 0, h: 0 });
    expect(hexToOklch("#0000ff").h).toBeCloseTo(264.05, 1);
  });

  it("round-trips every sRGB colour", () => {
    fc.assert(
      fc.property(hexColor, (hex) => {
        expect(oklchToHex(hexToOklch(hex))).toBe(hex);
      }),
    );
  });

  it("reduces chroma, not hue or lightness, for a colour sRGB cannot show", () => {
    const mapped = oklchToHex({ l: 0.3, c: 0.4, h: 145 });
    const back = hexToOklch(mapped);
    expect(back.l).toBeCloseTo(0.3, 2);
    expect(back.c).toBeLessThan(0.4);
    expect(back.c).toBeGreaterThan(0.05);
    expect(Math.abs(back.h - 145)).toBeLessThan(2);
  });

  it("ends at black and white", () => {
    expect(oklchToHex({ l: 0, c: 0.2, h: 30 })).toBe("#000000");
    expect(oklchToHex({ l: 1, c: 0.2, h: 30 })).toBe("#ffffff");
  });
});
