// OKLCH, the perceptual colour space used to darken or lighten a partner's colour without shifting
// its hue. Matrices from Björn Ottosson, "A perceptual color space for image processing" (2020),
// the same ones CSS Color 4 uses for oklch().
import { formatHexColor, linearChannelToSrgb, parseHexColor, srgbChannelToLinear } from "./colors.js";

/** l: lightness 0–1; c: chroma (about 0–0.37 inside sRGB); h: hue in degrees 0–360 (0 when c is 0). */
export interface Oklch {
  l: number;
  c: number;
  h: number;
}

type Linear = readonly [number, number, number];

function linearSrgbToOklch([r, g, b]: Linear): Oklch {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const lightness = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const a = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const bb = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  const chroma = Math.hypot(a, bb);
  const hue = chroma < 1e-7 ? 0 : ((Math.atan2(bb, a) * 180) / Math.PI + 360) % 360;
  return { l: lightness, c: chroma, h: hue };
}

function oklchToLinearSrgb({ l: lightness, c, h }: Oklch): Linear {
  const radians = (h * Math.PI) / 180;
  const a = c * Math.cos(radians);
  const b = c * Math.sin(radians);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

export function hexToOklch(hex: string): Oklch {
  const { r, g, b } = parseHexColor(hex);
  return linearSrgbToOklch([srgbChannelToLinear(r / 255), srgbChannelToLinear(g / 255), srgbChannelToLinear(b / 255)]);
}

// Slack for the float error of the matrices; anything further out is really outside sRGB.
const GAMUT_EPSILON = 1e-6;

function inSrgbGamut(linear: Linear): boolean {
  return linear.every((channel) => channel >= -GAMUT_EPSILON && channel <= 1 + GAMUT_EPSILON);
}

/**
 * The colour at this lightness and hue with the chroma asked for, or the most chroma sRGB can show
 * there. Lowering chroma alone (never hue or lightness) is the simplest gamut mapping that keeps
 * what the fix promises: same hue, the lightness we searched for.
 */
export function oklchToHex(color: Oklch): string {
  const l = Math.min(1, Math.max(0, color.l));
  let linear = oklchToLinearSrgb({ ...color, l });
  if (!inSrgbGamut(linear)) {
    let low = 0;
    let high = color.c;
    for (let step = 0; step < 20; step += 1) {
      const mid = (low + high) / 2;
      if (inSrgbGamut(oklchToLinearSrgb({ l, c: mid, h: color.h }))) low = mid;
      else high = mid;
    }
    linear = oklchToLinearSrgb({ l, c: low, h: color.h });
  }
  const [r, g, b] = linear.map((channel) => linearChannelToSrgb(Math.min(1, Math.max(0, channel))) * 255) as [number, number, number];
  return formatHexColor({ r, g, b });
}
