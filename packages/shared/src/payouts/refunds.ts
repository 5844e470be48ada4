// How a refund (or a dispute) of a destination charge is shared between the partner and the platform.
//
// The sale's `gross` was split into `partnerShare` (transferred to the partner's connected account)
// and the platform fee (gross − partnerShare, Stripe's application fee); see money/split.ts. A refund
// takes money back from both: a transfer reversal from the partner and an application fee refund
// from the platform.
//
// The rule is cumulative rather than per refund: after refunds totalling T, the partner has given
// back floor(T × partnerShare ÷ gross), and each refund reverses the difference from what was
// already reversed. So rounding never accumulates (three refunds of a third reverse exactly what one
// full refund would), a full refund reverses exactly `partnerShare` (floor(gross × p ÷ gross) = p),
// and the partner never gives back more than it was transferred. All products are in BigInt.

import { assertSafeMinor } from "../money/amounts.js";

export interface RefundProrationInput {
  /** The sale's charged amount, in minor units. */
  readonly gross: number;
  /** What was transferred to the partner for the sale (from splitRevenue). */
  readonly partnerShare: number;
  /** Refunded (or disputed) before this refund, in total. */
  readonly alreadyRefunded: number;
  /** Reversed from the partner's transfer before this refund, in total. */
  readonly alreadyReversed: number;
  /** This refund's amount; more than 0 and at most gross − alreadyRefunded. */
  readonly refund: number;
}

export interface RefundProration {
  /** To take back from the partner: a transfer reversal of this amount. */
  readonly partnerReversal: number;
  /** To take back from the platform: an application fee refund of this amount. */
  readonly platformFeeRefund: number;
}

function nonNegative(value: number, name: string): void {
  assertSafeMinor(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/** The partner's cumulative reversal once `refunded` of `gross` has been refunded. */
export function partnerReversalAfter(refunded: number, gross: number, partnerShare: number): number {
  if (gross === 0) return 0;
  return Number((BigInt(refunded) * BigInt(partnerShare)) / BigInt(gross));
}

/**
 * Splits one refund of a sale into the partner's transfer reversal and the platform's application
 * fee refund; `partnerReversal + platformFeeRefund === refund`, both ≥ 0. Throws a RangeError naming
 * the problem for a refund that is not positive, a refund beyond what is left to refund, and history
 * that cannot have happened (more reversed than transferred or than refunded, more of the platform
 * fee refunded than there was).
 */
export function prorateRefund({ gross, partnerShare, alreadyRefunded, alreadyReversed, refund }: RefundProrationInput): RefundProration {
  nonNegative(gross, "gross");
  nonNegative(partnerShare, "partnerShare");
  nonNegative(alreadyRefunded, "alreadyRefunded");
  nonNegative(alreadyReversed, "alreadyReversed");
  assertSafeMinor(refund, "refund");
  if (refund <= 0) throw new RangeError(`refund must be more than 0, got ${refund}`);
  if (partnerShare > gross) throw new RangeError(`partnerShare ${partnerShare} is more than the gross ${gross}`);
  if (alreadyRefunded > gross) throw new RangeError(`alreadyRefunded ${alreadyRefunded} is more than the gross ${gross}`);
  if (alreadyReversed > partnerShare) {
    throw new RangeError(`alreadyReversed ${alreadyReversed} is more than the partner share ${partnerShare}`);
  }
  if (alreadyReversed > alreadyRefunded) {
    throw new RangeError(`alreadyReversed ${alreadyReversed} is more than alreadyRefunded ${alreadyRefunded}`);
  }
  const platformFee = gross - partnerShare;
  const feeRefunded = alreadyRefunded - alreadyReversed;
  if (feeRefunded > platformFee) {
    throw new RangeError(`the platform fee refunded so far (${feeRefunded}) is more than the platform fee ${platformFee}`);
  }
  const left = gross - alreadyRefunded;
  if (refund > left) throw new RangeError(`refund ${refund} is more than the ${left} left to refund of ${gross}`);

  const transferLeft = partnerShare - alreadyReversed;
  if (refund === left) return { partnerReversal: transferLeft, platformFeeRefund: refund - transferLeft };

  const target = partnerReversalAfter(alreadyRefunded + refund, gross, partnerShare);
  // With a history made by this rule, target − alreadyReversed already lies in these bounds; they
  // bite only when earlier reversals were made otherwise (by hand, or by an older rule). The lower
  // bounds keep both parts ≥ 0 and within what is left of each side; the interval is never empty
  // because refund ≤ left = transferLeft + (platformFee − feeRefunded).
  const low = Math.max(0, refund - (platformFee - feeRefunded));
  const high = Math.min(refund, transferLeft);
  const partnerReversal = Math.min(high, Math.max(low, target - alreadyReversed));
  return { partnerReversal, platformFeeRefund: refund - partnerReversal };
}

export interface DisputeProrationInput extends Omit<RefundProrationInput, "refund"> {
  /** The disputed amount Stripe took from the platform's balance (without Stripe's dispute fee). */
  readonly disputed: number;
}

/**
 * A lost (or opened) dispute of `disputed` treated like a refund of that amount: the partner's
 * proportional part is reversed from its transfer and the platform bears the rest. `platformFeeRefund`
 * is then the platform's own share of the disputed amount, not an application fee refund Stripe
 * makes (with destination charges Stripe debits the whole disputed amount from the platform). Pass
 * disputed amounts in `alreadyRefunded` alongside refunds, so refunds and disputes never take back
 * more than the sale. Stripe's dispute fee is not part of this split.
 */
export function prorateDispute({ disputed, ...rest }: DisputeProrationInput): RefundProration {
  return prorateRefund({ ...rest, refund: disputed });
}
