// Amounts as people type and read them, and as Stripe takes them: integer minor units.
// Parsing is exact string arithmetic (no floating point); Intl is used only to display, with the
// number of decimals taken from our currency table rather than from Intl's own idea of the currency.

import { amountStep, type CurrencyCode, currencyInfo, MAX_MINOR_AMOUNT } from "./currencies.js";

export type AmountProblemCode =
  | "empty"
  | "not_a_number"
  | "negative"
  | "ambiguous_separator"
  | "too_many_decimals"
  | "not_whole_step"
  | "below_minimum"
  | "above_maximum";

/** A refusal with a stable code (for translation) and an English message naming the problem. */
export interface AmountProblem {
  readonly code: AmountProblemCode;
  readonly message: string;
}

export type ParseAmountResult = { readonly ok: true; readonly minor: number } | ({ readonly ok: false } & AmountProblem);

export interface ParseAmountOptions {
  /**
   * The decimal separator of the person's locale ("," for nb, "." for en); the other one is then
   * accepted as a thousands separator. Left out, a lone "." or "," is read as the decimal separator,
   * except when exactly three digits follow it ("1,500", "1.500"), which is refused as ambiguous.
   */
  readonly decimalSeparator?: "." | ",";
  /** Also check the Stripe minimum (default true). Turn off to parse, say, a discount or a filter bound. */
  readonly enforceMinimum?: boolean;
}

// Spaces people and locales put between thousands: space, no-break space, narrow no-break space,
// thin space; and the apostrophes of de-CH ("1'499.50").
const GROUPING_CHARS = " \u00a0\u202f\u2009'\u2019";
const ALLOWED = new RegExp(`^[0-9${GROUPING_CHARS}.,]+$`);

const fail = (code: AmountProblemCode, message: string): ParseAmountResult => ({ ok: false, code, message });

/** Reads a decimal amount typed by a person into integer minor units of `currency`. */
export function parseAmount(input: string, currency: CurrencyCode, options: ParseAmountOptions = {}): ParseAmountResult {
  const info = currencyInfo(currency);
  let text = input.trim();
  if (text === "") return fail("empty", "Enter an amount");
  if (/^[-\u2212\u2013]/.test(text)) return fail("negative", "Amount cannot be negative");
  // Norwegian price tags write whole kroner as "149,-".
  text = text.replace(/[.,][-\u2013]$/, "");
  if (!ALLOWED.test(text) || !/[0-9]/.test(text)) return fail("not_a_number", "Amount must be a number, like 149 or 149.50");

  const decimal = decimalSeparatorOf(text, options.decimalSeparator, info.decimals);
  if (decimal === "ambiguous") {
    const plain = text.replace(/[.,]/, "");
    return fail(
      "ambiguous_separator",
      `"${text}" is ambiguous: write ${plain} for thousands, or give ${info.decimals} decimals for a fraction`,
    );
  }
  const [wholeText = "", fraction = "", ...rest] = decimal ? text.split(decimal) : [text];
  if (rest.length > 0 || !/^[0-9]*$/.test(fraction)) return fail("not_a_number", "Amount must be a number, like 149 or 149.50");
  const whole = wholeDigits(wholeText, decimal === "." ? "," : decimal === "," ? "." : ".,");
  if (whole === null || (whole === "" && fraction === "")) return fail("not_a_number", "Amount must be a number, like 149 or 149.50");

  if (fraction.length > info.decimals) {
    return info.decimals === 0
      ? fail("too_many_decimals", `${currency} amounts are whole numbers, without decimals`)
      : fail("too_many_decimals", `${currency} amounts have at most ${info.decimals} decimals`);
  }
  // Exact: BigInt of the digits, so "99999999999999999999" is refused as too large rather than rounded.
  const minor = BigInt(`${whole || "0"}${fraction.padEnd(info.exponent, "0")}`);
  if (minor > BigInt(MAX_MINOR_AMOUNT)) return fail("above_maximum", aboveMaximumMessage(currency));

  const problem = checkMinorAmount(Number(minor), currency, options);
  return problem ? { ok: false, ...problem } : { ok: true, minor: Number(minor) };
}

function decimalSeparatorOf(text: string, preferred: "." | "," | undefined, decimals: number): "." | "," | null | "ambiguous" {
  if (preferred) return text.includes(preferred) ? preferred : null;
  const last = Math.max(text.lastIndexOf("."), text.lastIndexOf(","));
  if (last < 0) return null;
  const separator = text[last] as "." | ",";
  const other = separator === "." ? "," : ".";
  if (text.includes(other)) return separator; // "1,499.50" or "1.499,50": the last one is the decimal
  if (text.indexOf(separator) !== last) return null; // "1.000.000": repeated, so thousands
  if (/^[0-9]{3}$/.test(text.slice(last + 1))) {
    // Three digits after a lone separator: thousands in one locale, a fraction in another. Where the
    // currency has no decimals it can only be thousands; elsewhere guessing could charge 1000 times too much.
    return decimals === 0 ? null : "ambiguous";
  }
  return separator;
}

/** The digits of the whole part, or null when its thousands separators are misplaced ("1 49 9"). */
function wholeDigits(text: string, thousands: ".," | "." | ","): string | null {
  const groups = text.split(new RegExp(`[${GROUPING_CHARS}${thousands}]`));
  if (groups.length === 1) return /^[0-9]*$/.test(text) ? text : null;
  const [first = "", ...others] = groups;
  if (!/^[0-9]{1,3}$/.test(first) || !others.every((group) => /^[0-9]{3}$/.test(group))) return null;
  return groups.join("");
}

/**
 * Checks an integer minor amount against what Stripe will charge in `currency`; null when it is fine.
 * Used by the zod schemas and by `parseAmount`, so a form and the server refuse with the same words.
 */
export function checkMinorAmount(minor: number, currency: CurrencyCode, { enforceMinimum = true } = {}): AmountProblem | null {
  const info = currencyInfo(currency);
  if (!Number.isSafeInteger(minor)) return { code: "not_a_number", message: "Amount must be a whole number of minor units" };
  if (minor < 0) return { code: "negative", message: "Amount cannot be negative" };
  if (minor > MAX_MINOR_AMOUNT) return { code: "above_maximum", message: aboveMaximumMessage(currency) };
  const step = amountStep(info);
  if (minor % step !== 0) return { code: "not_whole_step", message: `${currency} amounts must be whole units` };
  if (enforceMinimum && minor < info.minimumMinor) {
    return {
      code: "below_minimum",
      message: `Amount is below the ${currency} minimum of ${formatMinorPlain(info.minimumMinor, currency)}`,
    };
  }
  return null;
}

function aboveMaximumMessage(currency: CurrencyCode): string {
  return `Amount is above the ${currency} maximum of ${formatMinorPlain(MAX_MINOR_AMOUNT - (MAX_MINOR_AMOUNT % amountStep(currencyInfo(currency))), currency)}`;
}

/** Minor units to an exact decimal string with a "." and no grouping: 149950 NOK is "1499.50". */
export function formatMinorPlain(minor: number, currency: CurrencyCode): string {
  assertSafeMinor(minor);
  const info = currencyInfo(currency);
  const digits = Math.abs(minor)
    .toString()
    .padStart(info.exponent + 1, "0");
  const whole = digits.slice(0, digits.length - info.exponent);
  const fraction = digits.slice(digits.length - info.exponent, digits.length - info.exponent + shownDecimals(minor, currency));
  return `${minor < 0 ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Minor units for display in `locale`: `formatMinor(149950, "NOK", "nb-NO")` is "1 499,50 kr". */
export function formatMinor(minor: number, currency: CurrencyCode, locale: string): string {
  const decimals = shownDecimals(minor, currency);
  // A decimal string keeps Intl exact (no binary floating point) for any safe integer.
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(formatMinorPlain(minor, currency) as `${number}`);
}

/** The table's decimals, or all of Stripe's when an amount off the step (ISK 1 500.50) would otherwise be hidden. */
function shownDecimals(minor: number, currency: CurrencyCode): number {
  const info = currencyInfo(currency);
  return minor % amountStep(info) === 0 ? info.decimals : info.exponent;
}

export function assertSafeMinor(minor: number, name = "amount"): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${name} must be a safe integer of minor units, got ${minor}`);
}
