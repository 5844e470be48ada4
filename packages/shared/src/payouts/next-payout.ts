// When a connected account's next automatic payout is made, and roughly how much it will be, from
// its payout schedule (Stripe's `settings.payouts.schedule`) and balance.
//
// All dates are UTC calendar days (a Date at 00:00 UTC), as Stripe's schedule runs in UTC and its
// balance `available_on` dates are midnights UTC. "Next" is strictly after today: today's payout,
// if any, is taken to have been made already. This is the day Stripe creates the payout, not the
// bank's arrival date, and it ignores weekends and bank holidays, so the card should say "about".
// `delayDays` does not move the payout day: it is how long a charge's funds stay pending, which the
// `availableOn` of each pending amount already reflects; it is checked and kept in the type so
// callers pass Stripe's schedule as it is.

import { assertSafeMinor } from "../money/amounts.js";

export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface PayoutSchedule {
  readonly interval: "daily" | "weekly" | "monthly" | "manual";
  readonly delayDays: number;
  /** For weekly payouts: the day of the week, lower case as Stripe sends it ("monday"). */
  readonly weeklyAnchor?: string;
  /** For monthly payouts: the day of the month, 1 to 31; past a month's end, its last day. */
  readonly monthlyAnchor?: number;
}

const DAY_MS = 86_400_000;

const startOfUtcDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The day (00:00 UTC) of the next automatic payout after `now`; null for manual payouts. */
export function nextPayoutDate(schedule: PayoutSchedule, now: Date): Date | null {
  if (Number.isNaN(now.getTime())) throw new RangeError("now must be a valid date");
  if (!Number.isSafeInteger(schedule.delayDays) || schedule.delayDays < 0) {
    throw new RangeError(`delayDays must be a whole number of days, 0 or more, got ${schedule.delayDays}`);
  }
  const today = startOfUtcDay(now);
  switch (schedule.interval) {
    case "manual":
      return null;
    case "daily":
      return new Date(today + DAY_MS);
    case "weekly": {
      const anchor = WEEKDAYS.indexOf((schedule.weeklyAnchor ?? "").toLowerCase() as Weekday);
      if (anchor < 0) throw new RangeError(`weekly payouts need weeklyAnchor, a day of the week, got ${schedule.weeklyAnchor}`);
      const ahead = (anchor - new Date(today).getUTCDay() + 7) % 7 || 7;
      return new Date(today + ahead * DAY_MS);
    }
    case "monthly": {
      const anchor = schedule.monthlyAnchor;
      if (anchor === undefined || !Number.isInteger(anchor) || anchor < 1 || anchor > 31) {
        throw new RangeError(`monthly payouts need monthlyAnchor, a day of the month from 1 to 31, got ${anchor}`);
      }
      const year = now.getUTCFullYear();
      const month = now.getUTCMonth();
      const thisMonth = Math.min(anchor, daysInMonth(year, month));
      if (thisMonth > now.getUTCDate()) return new Date(Date.UTC(year, month, thisMonth));
      // Date.UTC rolls month 12 over into January of the next year.
      return new Date(Date.UTC(year, month + 1, Math.min(anchor, daysInMonth(year, month + 1))));
    }
    default:
      throw new RangeError(`unknown payout interval ${String((schedule as { interval: unknown }).interval)}`);
  }
}

export interface PendingBalance {
  /** Minor units; negative for pending refunds and the like. */
  readonly amount: number;
  readonly availableOn: Date;
}

export interface ExpectedPayoutInput {
  readonly schedule: PayoutSchedule;
  readonly now: Date;
  /** The available balance in the payout currency, minor units (may be negative). */
  readonly available: number;
  readonly pending: readonly PendingBalance[];
}

export interface ExpectedPayout {
  readonly date: Date;
  readonly amount: number;
}

/**
 * The next automatic payout: its day and the available balance plus the pending amounts that
 * become available by the start of that day. Null for manual payouts and when there is nothing
 * (or less than nothing) to pay out.
 */
export function expectedNextPayout({ schedule, now, available, pending }: ExpectedPayoutInput): ExpectedPayout | null {
  assertSafeMinor(available, "available");
  const date = nextPayoutDate(schedule, now);
  if (!date) return null;
  let total = BigInt(available);
  for (const item of pending) {
    assertSafeMinor(item.amount, "pending amount");
    if (Number.isNaN(item.availableOn.getTime())) throw new RangeError("pending availableOn must be a valid date");
    if (item.availableOn.getTime() <= date.getTime()) total += BigInt(item.amount);
  }
  const amount = Number(total);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`the expected payout ${total} is beyond the safe integer range`);
  return amount > 0 ? { date, amount } : null;
}
