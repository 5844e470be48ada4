// The currencies a price book may use, with the facts Stripe (not Intl) decides: the minor-unit
// exponent of the `amount` / `unit_amount` fields and the smallest amount Stripe will charge.
//
// Source: Stripe, "Supported currencies", https://docs.stripe.com/currencies (read 2026-11-30 from
// a stored copy of the page's Markdown export, docs.stripe.com/currencies.md; no live fetch).
// - "Zero-decimal currencies": of ours only JPY. "Three-decimal currencies": none of ours. All the
//   others are two-decimal ("Currencies are two-decimal currencies unless otherwise specified").
// - "Special cases": ISK and UGX are charged in whole units but sent with two decimals (`500` is 5);
//   HUF and TWD are charged with two decimals and only manual payouts must be whole units. TWD and
//   UGX are not offered here; a new row would follow HUF and ISK respectively.
// - "Minimum charge amount by currency" for `minimumMinor`. Those minimums hold when the charge
//   currency is the settlement currency; a charge converted to another settlement currency must
//   also clear that currency's minimum after conversion, which only Stripe can check at charge time.
// - "Maximum charge amounts" for MAX_MINOR_AMOUNT.

export interface CurrencyInfo {
  /** ISO 4217 code, upper case; Stripe wants it lower case (`code.toLowerCase()`). */
  readonly code: string;
  /** Stripe's minor-unit exponent: the amount 1.00 of the currency is `10 ** exponent` in the API. */
  readonly exponent: number;
  /**
   * Digits after the decimal point a person may type and sees. Equal to `exponent` except where
   * Stripe keeps a two-decimal API for a currency it only charges in whole units (ISK): then every
   * amount must be a multiple of `10 ** (exponent - decimals)` minor units.
   */
  readonly decimals: number;
  /** Smallest amount Stripe charges, in minor units. */
  readonly minimumMinor: number;
  /**
   * True where Stripe's minimum table has no row for the currency (ISK), so `minimumMinor` is our own
   * floor, about USD 0.50 rounded up; Stripe then applies the settlement currency's minimum.
   */
  readonly minimumIsEstimate: boolean;
}

/**
 * Eight digits, 999 999.99 in a two-decimal currency: Stripe's limit for non-card payment methods in
 * every currency here. Cards allow more (12 digits, American Express 9), but the payment method is
 * not known when a price is set, so the lowest limit is the one that holds for every sale.
 */
export const MAX_MINOR_AMOUNT = 99_999_999;

export const CURRENCY_CODES = ["NOK", "EUR", "USD", "GBP", "SEK", "DKK", "CHF", "PLN", "CZK", "HUF", "ISK", "JPY", "AUD", "CAD"] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

const row = (code: CurrencyCode, exponent: number, minimumMinor: number, extra: Partial<CurrencyInfo> = {}): CurrencyInfo =>
  Object.freeze({ code, exponent, decimals: exponent, minimumMinor, minimumIsEstimate: false, ...extra });

const CURRENCIES: Readonly<Record<CurrencyCode, CurrencyInfo>> = Object.freeze({
  NOK: row("NOK", 2, 300), // kr 3.00
  EUR: row("EUR", 2, 50), // € 0.50
  USD: row("USD", 2, 50), // $ 0.50
  GBP: row("GBP", 2, 30), // £ 0.30
  SEK: row("SEK", 2, 300), // kr 3.00
  DKK: row("DKK", 2, 250), // kr 2.50
  CHF: row("CHF", 2, 50), // CHF 0.50
  PLN: row("PLN", 2, 200), // zł 2.00
  CZK: row("CZK", 2, 1500), // Kč 15.00
  // Stripe special case: HUF is charged with two decimals; only manual payouts must be whole forints
  // (divisible by 100), so people may type two decimals.
  HUF: row("HUF", 2, 17500), // Ft 175.00
  // Stripe special case: ISK is charged in whole krónur, but the API keeps two decimals for
  // backward compatibility, so 1 500 kr is `150000` and must be divisible by 100. Intl says 0.
  // Stripe's minimum table has no ISK row: 100 kr is our floor (USD 0.50 is about 70 kr).
  ISK: row("ISK", 2, 10000, { decimals: 0, minimumIsEstimate: true }),
  JPY: row("JPY", 0, 50), // ¥50, zero-decimal
  AUD: row("AUD", 2, 50), // $ 0.50
  CAD: row("CAD", 2, 50), // $ 0.50
});

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCIES, value);
}

export function currencyInfo(code: CurrencyCode): CurrencyInfo {
  const info = isCurrencyCode(code) ? CURRENCIES[code] : undefined;
  if (!info) throw new RangeError(`Unsupported currency: ${String(code)}`);
  return info;
}

/** Minor units per smallest step a person can type: 1, or 100 for ISK. */
export function amountStep(info: CurrencyInfo): number {
  return 10 ** (info.exponent - info.decimals);
}
