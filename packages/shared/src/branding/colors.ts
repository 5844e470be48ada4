// Hex colours as partners type them and as storefronts read them (always "#rrggbb", lowercase),
// and the sRGB transfer function that contrast and OKLCH maths start from.
import { z } from "zod";

/** An 8-bit sRGB colour, each channel 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const HEX_COLOR_MESSAGE = "Colour must be a hex colour such as #1f6feb";

const HEX_COLOR_PATTERN = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#ABC" or " #AaBbCc " become "#aabbcc"; anything else is null. */
export function normaliseHexColor(input: string): string | null {
  const value = input.trim();
  if (!HEX_COLOR_PATTERN.test(value)) return null;
  const digits = value.slice(1).toLowerCase();
  if (digits.length === 6) return `#${digits}`;
  return `#${[...digits].map((digit) => digit + digit).join("")}`;
}

/** Accepts "#rrggbb" or "#rgb" in any case and outputs lowercase "#rrggbb", so stored colours compare by string. */
export const ZHexColor = z
  .string({ error: HEX_COLOR_MESSAGE })
  .trim()
  .regex(HEX_COLOR_PATTERN, { error: HEX_COLOR_MESSAGE })
  .transform((value) => normaliseHexColor(value) as string);

export type HexColor = z.output<typeof ZHexColor>;

/** Throws on anything ZHexColor would refuse: callers inside the domain hold validated colours. */
export function parseHexColor(hex: string): Rgb {
  const normalised = normaliseHexColor(hex);
  if (normalised === null) throw new RangeError(`${HEX_COLOR_MESSAGE} (got ${JSON.stringify(hex)})`);
  return {
    r: Number.parseInt(normalised.slice(1, 3), 16),
    g: Number.parseInt(normalised.slice(3, 5), 16),
    b: Number.parseInt(normalised.slice(5, 7), 16),
  };
}

/** Rounds and clamps each channel, so colour maths can hand over its floats directly. */
export function formatHexColor({ r, g, b }: Rgb): string {
  const channel = (value: number) =>
    Math.min(255, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)))
      .toString(16)
      .padStart(2, "0");
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/**
 * sRGB transfer function, one channel 0–1 to linear light. The threshold is 0.04045 as in the sRGB
 * standard (IEC 61966-2-1); WCAG 2.x prints 0.03928, copied from an older draft. No 8-bit channel
 * value (n/255) lies between the two, so the choice never changes a luminance or a ratio here.
 */
export function srgbChannelToLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

export function linearChannelToSrgb(linear: number): number {
  return linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055;
}
