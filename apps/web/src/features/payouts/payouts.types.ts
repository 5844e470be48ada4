/** What the payouts, earnings and webhook event procedures answer, as the pages use it. */
import type { RouterInputs, RouterOutputs } from "../../lib/trpc";

export type PayoutListInput = RouterInputs["payouts"]["list"];
export type PayoutList = RouterOutputs["payouts"]["list"];
export type ListedPayout = PayoutList["items"][number];
export type PayoutTotals = PayoutList["totals"][number];
export type PayoutDetail = RouterOutputs["payouts"]["detail"];
export type PayoutReconciliationView = PayoutDetail["reconciliation"];
export type PayoutItemView = PayoutDetail["items"][number];
export type PartnerAccount = RouterOutputs["payouts"]["accounts"][number];
export type StripeEventRow = RouterOutputs["stripeEvents"]["list"]["items"][number];
export type StripeEventDetail = RouterOutputs["stripeEvents"]["detail"];
/** A payout as both finance and partners see it (the partner's list has no tenant). */
export type PayoutView = RouterOutputs["earnings"]["payouts"]["items"][number];
export type PayoutFailureView = NonNullable<PayoutView["failure"]>;
