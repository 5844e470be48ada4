/** What the earnings procedures answer, as the page uses it. */
import type { RouterOutputs } from "../../lib/trpc";

export type EarningsAccount = RouterOutputs["earnings"]["account"];
export type EarningsSummary = RouterOutputs["earnings"]["summary"];
export type EarningsBalance = EarningsSummary["balances"][number];
export type EarningsMonth = EarningsSummary["months"][number];
export type EarningsSale = RouterOutputs["earnings"]["sales"]["items"][number];
export type EarningsAdjustment = RouterOutputs["earnings"]["adjustments"][number];
export type EarningsPayout = RouterOutputs["earnings"]["payouts"]["items"][number];
