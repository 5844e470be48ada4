import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatHexColor,
  HEX_COLOR_MESSAGE,
  linearChannelToSrgb,
  normaliseHexColor,
  parseHexColor,
  srgbChannelToLinear,
  ZHexColor,
} from "./colors.js";

const channel = fc.integer({ min: 0, max: 255 });

describe("ZHexColor", () => {
  it("normalises six- and three-digit colours to lowercase #rrggbb", () => {
    expect(ZHexColor.parse("#1F6FEB")).toBe("#1f6feb");
    expect(ZHexColor.parse("#AbC")).toBe("#aabbcc");
    expect(ZHexColor.parse(" #0d1117 ")).toBe("#0d1117");
  });

  it.each(["1f6feb", "#1f6fe", "#1f6feb0", "#ggg", "#12345", "red", "", "#1f6feb80", 0x1f6feb, null])(
    "refuses %j with the house message",
    (input) => {
      const result = ZHexColor.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(HEX_COLOR_MESSAGE);
    },
  );
});

describe("hex helpers", () => {
  it("parses channels", () => {
    expect(parseHexColor("#1f6feb")).toEqual({ r: 0x1f, g: 0x6f, b: 0xeb });
    expect(parseHexColor("#fa0")).toEqual({ r: 255, g: 170, b: 0 });
    expect(() => parseHexColor("blue")).toThrow(RangeError);
  });

  it("rounds and clamps what it formats", () => {
    expect(formatHexColor({ r: 255.4, g: -3, b: 127.5 })).toBe("#ff0080");
    expect(formatHexColor({ r: 300, g: Number.NaN, b: 0 })).toBe("#ff0000");
  });

  it("round-trips any colour", () => {
    fc.assert(
      fc.property(channel, channel, channel, (r, g, b) => {
        const hex = formatHexColor({ r, g, b });
        expect(hex).toMatch(/^#[0-9a-f]{6}$/);
        expect(normaliseHexColor(hex.toUpperCase())).toBe(hex);
        expect(parseHexColor(hex)).toEqual({ r, g, b });
      }),
    );
  });
});

describe("sRGB transfer function", () => {
  it("uses the sRGB threshold, which gives the same result as WCAG's 0.03928 for every 8-bit value", () => {
    const wcag = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    for (let value = 0; value <= 255; value += 1) expect(srgbChannelToLinear(value / 255)).toBe(wcag(value / 255));
    expect(srgbChannelToLinear(0)).toBe(0);
    expect(srgbChannelToLinear(1)).toBeCloseTo(1, 12);
    expect(srgbChannelToLinear(0.5)).toBeCloseTo(0.21404, 5);
  });

  it("inverts", () => {
    fc.assert(
      fc.property(channel, (value) => {
        expect(linearChannelToSrgb(srgbChannelToLinear(value / 255)) * 255).toBeCloseTo(value, 9);
      }),
    );
  });
});
