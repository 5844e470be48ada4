import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AA_NON_TEXT, AA_NORMAL_TEXT, contrastRatio } from "./contrast.js";
import {
  type BrandingTheme,
  buttonLabelColor,
  CONTRAST_PAIRS,
  checkBrandingContrast,
  checkThemeContrast,
  ZBrandingColors,
} from "./themes.js";

const hexColor = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
const theme = fc.record({ primary: hexColor, accent: hexColor, background: hexColor, text: hexColor });

// The example from the public config contract (issue 3).
const light: BrandingTheme = { primary: "#1f6feb", accent: "#f78166", background: "#ffffff", text: "#1f2328" };
const dark: BrandingTheme = { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" };

function applyFixes(original: BrandingTheme): BrandingTheme {
  const fixed = { ...original };
  for (const check of checkThemeContrast(original)) if (check.fix) fixed[check.field] = check.fix.color;
  return fixed;
}

describe("buttonLabelColor", () => {
  it("puts white on dark fills and black on light ones", () => {
    expect(buttonLabelColor("#1f6feb")).toBe("#ffffff");
    expect(buttonLabelColor("#58a6ff")).toBe("#000000");
    expect(buttonLabelColor("#ffd33d")).toBe("#000000");
    expect(buttonLabelColor("#000000")).toBe("#ffffff");
  });

  it("always reaches AA on any fill", () => {
    fc.assert(
      fc.property(hexColor, (primary) => {
        expect(contrastRatio(buttonLabelColor(primary), primary)).toBeGreaterThanOrEqual(Math.sqrt(21) - 1e-9);
      }),
    );
  });
});

describe("checkThemeContrast", () => {
  it("measures the four rendered pairs of the contract's light theme", () => {
    const checks = checkThemeContrast(light);
    expect(checks.map((check) => check.pair)).toEqual([...CONTRAST_PAIRS]);
    const byPair = Object.fromEntries(checks.map((check) => [check.pair, check]));
    expect(byPair["button-label-on-primary"]).toMatchObject({
      foreground: "#ffffff",
      background: "#1f6feb",
      required: AA_NORMAL_TEXT,
      passes: true,
    });
    expect(byPair["text-on-background"]).toMatchObject({
      foreground: "#1f2328",
      background: "#ffffff",
      required: AA_NORMAL_TEXT,
      passes: true,
    });
    expect(byPair["primary-on-background"]).toMatchObject({
      foreground: "#1f6feb",
      background: "#ffffff",
      required: AA_NON_TEXT,
      passes: true,
    });
    // #f78166 on white is about 2.53:1: the link fails and the fix is a darker shade of the accent.
    const link = byPair["link-on-background"];
    expect(link).toMatchObject({ foreground: "#f78166", background: "#ffffff", passes: false, field: "accent" });
    expect(link?.ratio).toBeCloseTo(2.53, 2);
    expect(link?.fix?.ratio).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    expect(link?.fix?.ratio).toBe(contrastRatio(link?.fix?.color ?? "", "#ffffff"));
    for (const check of checks) if (check.passes) expect(check.fix).toBeUndefined();
  });

  it("fixes the partner's colour, never the background", () => {
    const checks = checkThemeContrast({ primary: "#fafafa", accent: "#eeeeee", background: "#ffffff", text: "#dddddd" });
    const failing = checks.filter((check) => !check.passes);
    expect(failing.map((check) => check.field).sort()).toEqual(["accent", "primary", "text"]);
    for (const check of failing) {
      expect(check.background).toBe("#ffffff");
      expect(contrastRatio(check.fix?.color ?? "#ffffff", "#ffffff")).toBeGreaterThanOrEqual(check.required);
    }
  });

  it("for any theme: the button passes, every failing pair gets a fix, and applying the fixes passes", () => {
    fc.assert(
      fc.property(theme, (original) => {
        const checks = checkThemeContrast(original);
        for (const check of checks) {
          expect(check.passes).toBe(check.ratio >= check.required);
          expect(check.ratio).toBe(contrastRatio(check.foreground, check.background));
          if (check.pair === "button-label-on-primary") expect(check.passes).toBe(true);
          if (!check.passes) expect(check.fix?.ratio).toBeGreaterThanOrEqual(check.required);
        }
        const fixed = applyFixes(original);
        expect(fixed.background).toBe(original.background);
        expect(checkThemeContrast(fixed).every((check) => check.passes)).toBe(true);
      }),
      { numRuns: 150 },
    );
  }, 20_000);
});

describe("checkBrandingContrast", () => {
  it("checks both themes and blocks on any failure", () => {
    const report = checkBrandingContrast({ light, dark });
    expect(report.checks).toHaveLength(CONTRAST_PAIRS.length * 2);
    expect(report.checks.filter((check) => check.mode === "dark").every((check) => check.passes)).toBe(true);
    expect(report.checks.filter((check) => !check.passes).map((check) => [check.mode, check.pair])).toEqual([
      ["light", "link-on-background"],
    ]);
    expect(report.passes).toBe(false);
    expect(checkBrandingContrast({ light: { ...light, accent: "#cf222e" }, dark }).passes).toBe(true);
  });

  it("catches a failure in the dark theme alone", () => {
    const report = checkBrandingContrast({ light: { ...light, accent: "#cf222e" }, dark: { ...dark, text: "#30363d" } });
    expect(report.passes).toBe(false);
    expect(report.checks.filter((check) => !check.passes).map((check) => [check.mode, check.pair])).toEqual([
      ["dark", "text-on-background"],
    ]);
  });
});

describe("ZBrandingColors", () => {
  it("normalises every colour and names the one that is wrong", () => {
    expect(ZBrandingColors.parse({ light: { ...light, primary: "#1F6FEB" }, dark: { ...dark, accent: "#FA5" } })).toEqual({
      light,
      dark: { ...dark, accent: "#ffaa55" },
    });
    const result = ZBrandingColors.safeParse({ light, dark: { ...dark, background: "navy" } });
    expect(result.error?.issues[0]?.path).toEqual(["dark", "background"]);
    expect(result.error?.issues[0]?.message).toBe("Colour must be a hex colour such as #1f6feb");
  });
});
