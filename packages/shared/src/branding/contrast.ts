// WCAG 2.x contrast: relative luminance, contrast ratio, the AA thresholds, and the nearest shade
// of a colour that reaches a threshold (offered to partners as a one-click fix).
import { normaliseHexColor, parseHexColor, srgbChannelToLinear } from "./colors.js";
import { hexToOklch, oklchToHex } from "./oklch.js";

/** WCAG 2.x success criterion 1.4.3 (AA), text below 18 pt, or 14 pt bold. */
export const AA_NORMAL_TEXT = 4.5;
/** WCAG 2.x 1.4.3 (AA) for large text, and 1.4.11 for user-interface components and graphics. */
export const AA_LARGE_TEXT = 3;
export const AA_NON_TEXT = 3;

/** WCAG 2.x relative luminance, 0 (black) to 1 (white). See srgbChannelToLinear for the threshold. */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = parseHexColor(hex);
  return 0.2126 * srgbChannelToLinear(r / 255) + 0.7152 * srgbChannelToLinear(g / 255) + 0.0722 * srgbChannelToLinear(b / 255);
}

/** (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 for equal colours, 21 for black on white, order-free. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * "4.47:1". Truncated, never rounded: WCAG compares the exact ratio, and 4.496 shown as "4.50" next
 * to a failure would contradict itself.
 */
export function formatContrastRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

export interface Shade {
  color: string;
  ratio: number;
}

// 0.001 of OKLCH lightness is finer than one 8-bit step anywhere in the range, so no hex is skipped.
const LIGHTNESS_STEP = 0.001;

/**
 * The colour closest in lightness to `color` that reaches `minRatio` against `against`, keeping the
 * OKLCH hue and, where sRGB allows, the chroma of `color`. OKLCH rather than HSL because its
 * lightness is perceptual: HSL at a fixed saturation turns a blue muddy and a yellow brown long
 * before the contrast moves. Both directions are tried in step and the first passing shade wins,
 * so a colour is never pushed to the far side when a small nudge the other way would do; at equal
 * distance the higher ratio wins. A colour that already passes comes back unchanged. null when not
 * even black or white (the ends of both directions) reaches the ratio.
 */
export function nearestPassingShade(color: string, against: string, minRatio: number): Shade | null {
  const start = normaliseHexColor(color);
  if (start === null) throw new RangeError(`Not a hex colour: ${JSON.stringify(color)}`);
  const startRatio = contrastRatio(start, against);
  if (startRatio >= minRatio) return { color: start, ratio: startRatio };

  const origin = hexToOklch(start);
  const steps = Math.ceil(Math.max(origin.l, 1 - origin.l) / LIGHTNESS_STEP);
  for (let step = 1; step <= steps; step += 1) {
    let best: Shade | null = null;
    for (const direction of [-1, 1]) {
      const l = origin.l + direction * step * LIGHTNESS_STEP;
      if (l < -LIGHTNESS_STEP || l > 1 + LIGHTNESS_STEP) continue;
      const candidate = oklchToHex({ ...origin, l: Math.min(1, Math.max(0, l)) });
      const ratio = contrastRatio(candidate, against);
      if (ratio >= minRatio && (best === null || ratio > best.ratio)) best = { color: candidate, ratio };
    }
    if (best !== null) return best;
  }
  return null;
}
