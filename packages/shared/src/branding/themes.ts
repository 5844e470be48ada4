// Branding themes and the contrast checks that gate publishing: the colour pairs a storefront
// actually renders, in the light and the dark theme, each with a fix in the partner's own colour.
import { z } from "zod";
import { ZHexColor } from "./colors.js";
import { AA_NON_TEXT, AA_NORMAL_TEXT, contrastRatio, nearestPassingShade } from "./contrast.js";

export const ZBrandingTheme = z.object({
  primary: ZHexColor,
  accent: ZHexColor,
  background: ZHexColor,
  text: ZHexColor,
});
export type BrandingTheme = z.output<typeof ZBrandingTheme>;

export const ZBrandingColors = z.object({ light: ZBrandingTheme, dark: ZBrandingTheme });
export type BrandingColors = z.output<typeof ZBrandingColors>;

export const THEME_MODES = ["light", "dark"] as const;
export type ThemeMode = (typeof THEME_MODES)[number];

export const BUTTON_LABEL_LIGHT = "#ffffff";
export const BUTTON_LABEL_DARK = "#000000";

/**
 * The label colour of a button filled with `primary`: white or black, whichever contrasts more
 * (white on a tie). Storefronts must use this rather than a colour of their own, and the theme has
 * no field for it, so the checked pair is the rendered pair. Black, not a near-black: the better of
 * white and black always reaches at least √21 ≈ 4.58, so no primary colour can fail the button
 * check; with #111111 a mid-luminance primary would fall to about 4.35.
 */
export function buttonLabelColor(primary: string): string {
  return contrastRatio(BUTTON_LABEL_DARK, primary) > contrastRatio(BUTTON_LABEL_LIGHT, primary) ? BUTTON_LABEL_DARK : BUTTON_LABEL_LIGHT;
}

export const CONTRAST_PAIRS = ["button-label-on-primary", "text-on-background", "link-on-background", "primary-on-background"] as const;
export type ContrastPair = (typeof CONTRAST_PAIRS)[number];

export interface ContrastCheck {
  pair: ContrastPair;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
  passes: boolean;
  /** The theme field a fix replaces: the partner's own colour in the pair, never the background. */
  field: keyof BrandingTheme;
  /** Only on a failing pair, and only when some shade of `field` passes. */
  fix?: { color: string; ratio: number };
}

interface PairRule {
  pair: ContrastPair;
  required: number;
  field: keyof BrandingTheme;
  /** Which side of the pair `field` is. */
  fieldIs: "foreground" | "background";
  colors: (theme: BrandingTheme) => { foreground: string; background: string };
}

const PAIR_RULES: readonly PairRule[] = [
  // The label is derived, so the partner's colour here is the fill; this pair cannot fail today
  // (see buttonLabelColor) but stays listed so the publish screen shows every rendered pair.
  {
    pair: "button-label-on-primary",
    required: AA_NORMAL_TEXT,
    field: "primary",
    fieldIs: "background",
    colors: (theme) => ({ foreground: buttonLabelColor(theme.primary), background: theme.primary }),
  },
  // Both are the partner's, but the page background is the anchor the rest are measured against.
  {
    pair: "text-on-background",
    required: AA_NORMAL_TEXT,
    field: "text",
    fieldIs: "foreground",
    colors: (theme) => ({ foreground: theme.text, background: theme.background }),
  },
  // Links are body-size text in the accent colour.
  {
    pair: "link-on-background",
    required: AA_NORMAL_TEXT,
    field: "accent",
    fieldIs: "foreground",
    colors: (theme) => ({ foreground: theme.accent, background: theme.background }),
  },
  // Primary outlines, focus rings and the button's own edge against the page (WCAG 1.4.11).
  {
    pair: "primary-on-background",
    required: AA_NON_TEXT,
    field: "primary",
    fieldIs: "foreground",
    colors: (theme) => ({ foreground: theme.primary, background: theme.background }),
  },
];

/**
 * Every rendered pair of one theme. Each colour a fix changes appears in one failable pair only
 * (primary's other pair, the button label, cannot fail), so applying every fix offered yields a
 * theme that passes.
 */
export function checkThemeContrast(theme: BrandingTheme): ContrastCheck[] {
  return PAIR_RULES.map(({ pair, required, field, fieldIs, colors }) => {
    const { foreground, background } = colors(theme);
    const ratio = contrastRatio(foreground, background);
    const check: ContrastCheck = { pair, foreground, background, ratio, required, passes: ratio >= required, field };
    if (check.passes) return check;
    const fix = nearestPassingShade(theme[field], fieldIs === "foreground" ? background : foreground, required);
    return fix === null ? check : { ...check, fix };
  });
}

export interface BrandingContrastReport {
  /** False blocks publishing. */
  passes: boolean;
  checks: Array<ContrastCheck & { mode: ThemeMode }>;
}

export function checkBrandingContrast(colors: BrandingColors): BrandingContrastReport {
  const checks = THEME_MODES.flatMap((mode) => checkThemeContrast(colors[mode]).map((check) => ({ mode, ...check })));
  return { passes: checks.every((check) => check.passes), checks };
}
