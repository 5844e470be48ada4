// Percentages as people type and read them, and basis points as the price books keep them
// (1 basis point = 0.01 %, so 20.5 % is 2050 bps). Exact string arithmetic, like the amounts:
// no floating point, so "20.1" is 2010 and never 2009.9999.

import { BPS_PER_WHOLE } from "./split.js";

export type PercentProblemCode = "empty" | "not_a_number" | "negative" | "too_many_decimals" | "above_maximum";

/** A refusal with a stable code (for translation) and an English message naming the problem. */
export interface PercentProblem {
  readonly code: PercentProblemCode;
  readonly message: string;
}

export type ParsePercentResult = { readonly ok: true; readonly bps: number } | ({ readonly ok: false } & PercentProblem);

/** Decimals a percentage may have: two, since a basis point is a hundredth of a percent. */
export const PERCENT_DECIMALS = 2;

const fail = (code: PercentProblemCode, message: string): ParsePercentResult => ({ ok: false, code, message });

/**
 * Reads a percentage ("20", "20,5", "20.55 %", "0.01") into whole basis points from 0 to 10 000.
 * Either "." or "," is the decimal separator (percentages have no thousands to group).
 */
export function parsePercentToBps(input: string): ParsePercentResult {
  const text = input.trim().replace(/\s*%$/, "").trim();
  if (text === "") return fail("empty", "Enter a percentage");
  if (/^[-\u2212\u2013]/.test(text)) return fail("negative", "Percentage cannot be negative");
  const match = /^([0-9]*)(?:[.,]([0-9]*))?$/.exec(text);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || (whole === "" && fraction === "")) return fail("not_a_number", "Percentage must be a number, like 20 or 20.5");
  if (fraction.length > PERCENT_DECIMALS) {
    return fail("too_many_decimals", `Percentage has at most ${PERCENT_DECIMALS} decimals (1 basis point is 0.01 %)`);
  }
  // Past 100 % long before the safe-integer range matters; the length check keeps BigInt small.
  if (whole.replace(/^0+/, "").length > 3) return fail("above_maximum", "Percentage cannot be above 100 %");
  const bps = Number(`${whole || "0"}${fraction.padEnd(PERCENT_DECIMALS, "0")}`);
  if (bps > BPS_PER_WHOLE) return fail("above_maximum", "Percentage cannot be above 100 %");
  return { ok: true, bps };
}

export interface FormatPercentOptions {
  /** "." (the default) or "," for locales such as nb that write 20,5 %. */
  readonly decimalSeparator?: "." | ",";
  /** Leave out the " %" (for an input that shows the sign beside it). Default true. */
  readonly withSign?: boolean;
}

/**
 * Basis points as the shortest exact percentage: 2050 is "20.5 %", 2000 is "20 %", 1 is "0.01 %".
 * A no-break space keeps the number and its sign on one line.
 */
export function formatBpsAsPercent(bps: number, { decimalSeparator = ".", withSign = true }: FormatPercentOptions = {}): string {
  if (!Number.isSafeInteger(bps)) throw new RangeError(`basis points must be a safe integer, got ${bps}`);
  const digits = Math.abs(bps)
    .toString()
    .padStart(PERCENT_DECIMALS + 1, "0");
  const whole = digits.slice(0, -PERCENT_DECIMALS);
  const fraction = digits.slice(-PERCENT_DECIMALS).replace(/0+$/, "");
  const number = `${bps < 0 ? "-" : ""}${whole}${fraction ? `${decimalSeparator}${fraction}` : ""}`;
  return withSign ? `${number}\u00a0%` : number;
}
