// The revenue split of one charge between the platform (operator) and the partner, and the margin
// preview shown next to each price.
//
// Rounding: the partner share is gross × (10 000 − share) ÷ 10 000 rounded down to a whole minor
// unit, and the platform fee is the rest (gross − partner share), so the two always add up to the
// gross exactly. The partner share is the rounded one because it is what Stripe transfers and what
// refunds later take back in proportion (payouts/refunds.ts): rounding it down means a partner is
// never transferred a fraction it was not owed, and the platform fee (Stripe's
// `application_fee_amount`) takes the remainder, at most one minor unit above gross × share ÷ 10 000.
// All products are computed in BigInt, so any safe-integer gross is exact.
//
// Who pays Stripe: the console uses destination charges with an application fee, where Stripe
// takes its processing fee from the platform's balance. So `feeBorneBy` defaults to "platform":
// the partner receives the whole partner share and the platform keeps the platform fee minus
// Stripe's fee (negative when the share does not cover it, which the preview should flag).
// "partner" is for a set-up where the fee is passed on (for example direct charges on the
// connected account).

import { assertSafeMinor } from "./amounts.js";
import type { CurrencyCode } from "./currencies.js";
import { currencyInfo } from "./currencies.js";

export const BPS_PER_WHOLE = 10_000;

/** The operator's revenue share of a tenant's first price book in a currency: 20 %. */
export const DEFAULT_REVENUE_SHARE_BPS = 2_000;

/** Stripe's processing fee as percent (in basis points) plus a fixed amount in minor units. */
export interface StripeFeeModel {
  readonly percentBps: number;
  readonly fixedMinor: number;
}

/**
 * Rough defaults for showing an estimate, not for accounting. Written from memory of Stripe's
 * public pricing for standard domestic / EEA cards charged by an account in the currency's home
 * country (e.g. EEA 1.5% + €0.25, UK 1.5% + 20p, US 2.9% + 30¢). The real fee depends on the
 * platform account's country, the card's region and type, and currency conversion (Stripe adds
 * about 2% when the charge and settlement currencies differ), so operators should pass their own
 * model. Rows marked "estimate" are our guesses in the currency's usual range.
 */
export const DEFAULT_STRIPE_FEE_MODELS: Readonly<Record<CurrencyCode, StripeFeeModel>> = Object.freeze({
  NOK: { percentBps: 150, fixedMinor: 200 }, // estimate: 1.5% + kr 2.00
  EUR: { percentBps: 150, fixedMinor: 25 }, // 1.5% + € 0.25
  USD: { percentBps: 290, fixedMinor: 30 }, // 2.9% + $ 0.30
  GBP: { percentBps: 150, fixedMinor: 20 }, // 1.5% + £ 0.20
  SEK: { percentBps: 150, fixedMinor: 180 }, // 1.5% + kr 1.80
  DKK: { percentBps: 150, fixedMinor: 180 }, // 1.5% + kr 1.80
  CHF: { percentBps: 290, fixedMinor: 30 }, // 2.9% + CHF 0.30
  PLN: { percentBps: 150, fixedMinor: 100 }, // 1.5% + zł 1.00
  CZK: { percentBps: 150, fixedMinor: 650 }, // estimate: 1.5% + Kč 6.50
  HUF: { percentBps: 150, fixedMinor: 8500 }, // estimate: 1.5% + Ft 85
  ISK: { percentBps: 150, fixedMinor: 4000 }, // estimate: 1.5% + kr 40 (about € 0.25)
  JPY: { percentBps: 360, fixedMinor: 0 }, // 3.6%
  AUD: { percentBps: 170, fixedMinor: 30 }, // 1.7% + $ 0.30
  CAD: { percentBps: 290, fixedMinor: 30 }, // 2.9% + $ 0.30
});

export type FeeBorneBy = "platform" | "partner";

export interface RevenueSplit {
  /** The operator's cut: Stripe's `application_fee_amount`. */
  readonly platformFee: number;
  /** What the partner's connected account receives; `platformFee + partnerShare === gross`. */
  readonly partnerShare: number;
}

export interface MarginPreviewInput {
  readonly gross: number;
  readonly currency: CurrencyCode;
  readonly revenueShareBps: number;
  readonly feeModel?: StripeFeeModel;
  readonly feeBorneBy?: FeeBorneBy;
}

export interface MarginPreview extends RevenueSplit {
  readonly currency: CurrencyCode;
  readonly gross: number;
  readonly estimatedStripeFee: number;
  readonly feeBorneBy: FeeBorneBy;
  /** partnerShare, less the estimated Stripe fee when the partner bears it. May be negative. */
  readonly partnerNet: number;
  /** platformFee, less the estimated Stripe fee when the platform bears it. May be negative. */
  readonly platformNet: number;
}

/** amount × bps ÷ 10 000, rounded half-up, for non-negative amount and bps (Stripe fee estimates). */
export function applyBpsHalfUp(amount: number, bps: number): number {
  assertSafeMinor(amount);
  if (amount < 0) throw new RangeError(`amount must not be negative, got ${amount}`);
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`basis points must be a non-negative integer, got ${bps}`);
  const whole = BigInt(BPS_PER_WHOLE);
  return Number((BigInt(amount) * BigInt(bps) + whole / 2n) / whole);
}

function assertShareBps(revenueShareBps: number): void {
  if (!Number.isInteger(revenueShareBps) || revenueShareBps < 0 || revenueShareBps > BPS_PER_WHOLE) {
    throw new RangeError(`revenue share must be an integer from 0 to ${BPS_PER_WHOLE} basis points, got ${revenueShareBps}`);
  }
}

/**
 * Splits `gross` minor units; the operator's `revenueShareBps` goes to the platform. The partner
 * share is rounded down and the platform fee is the remainder.
 */
export function splitRevenue(gross: number, revenueShareBps: number): RevenueSplit {
  assertSafeMinor(gross, "gross");
  if (gross < 0) throw new RangeError(`gross must not be negative, got ${gross}`);
  assertShareBps(revenueShareBps);
  const whole = BigInt(BPS_PER_WHOLE);
  // BigInt division truncates, which is rounding down for these non-negative operands.
  const partnerShare = Number((BigInt(gross) * (whole - BigInt(revenueShareBps))) / whole);
  return { platformFee: gross - partnerShare, partnerShare };
}

/** Stripe's fee on a charge of `gross` under `model`; nothing when nothing is charged. */
export function estimateStripeFee(
  gross: number,
  currency: CurrencyCode,
  model: StripeFeeModel = DEFAULT_STRIPE_FEE_MODELS[currency],
): number {
  currencyInfo(currency); // refuses an unknown currency
  assertSafeMinor(model.fixedMinor, "fixed fee");
  if (model.fixedMinor < 0) throw new RangeError(`fixed fee must not be negative, got ${model.fixedMinor}`);
  if (gross === 0) return 0;
  return applyBpsHalfUp(gross, model.percentBps) + model.fixedMinor;
}

export function marginPreview({ gross, currency, revenueShareBps, feeModel, feeBorneBy = "platform" }: MarginPreviewInput): MarginPreview {
  const { platformFee, partnerShare } = splitRevenue(gross, revenueShareBps);
  const estimatedStripeFee = estimateStripeFee(gross, currency, feeModel);
  return {
    currency,
    gross,
    estimatedStripeFee,
    platformFee,
    partnerShare,
    feeBorneBy,
    partnerNet: feeBorneBy === "partner" ? partnerShare - estimatedStripeFee : partnerShare,
    platformNet: feeBorneBy === "platform" ? platformFee - estimatedStripeFee : platformFee,
  };
}
