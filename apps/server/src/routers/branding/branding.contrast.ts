import { type BrandingColors, type ContrastPair, checkBrandingContrast } from "@pc/shared";
import { InvalidInputError } from "../../errors.js";

export const PAIR_LABEL: Record<ContrastPair, string> = {
  "button-label-on-primary": "button label on primary",
  "text-on-background": "text on background",
  "link-on-background": "link on background",
  "primary-on-background": "primary on background",
};

/** Rounded down, so a ratio just short of the requirement never reads as meeting it. */
export const formatRatio = (ratio: number) => (Math.floor(ratio * 100) / 100).toFixed(2);

/**
 * Refuses colours with a failing pair, naming each with its measured ratio and, where one exists,
 * the nearest passing shade ("Light theme: link on background is 2.53:1, needs 4.5:1 (try #c4533a)").
 */
export function requireReadableColors(colors: BrandingColors): void {
  const failing = checkBrandingContrast(colors).checks.filter((check) => !check.passes);
  if (failing.length === 0) return;
  const lines = failing.map(
    (check) =>
      `${check.mode === "light" ? "Light" : "Dark"} theme: ${PAIR_LABEL[check.pair]} is ${formatRatio(check.ratio)}:1, ` +
      `needs ${check.required}:1${check.fix ? ` (try ${check.fix.color})` : ""}`,
  );
  throw new InvalidInputError("colors", `These colours are too hard to read to publish. ${lines.join(". ")}.`);
}
