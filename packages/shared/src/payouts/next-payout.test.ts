import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedNextPayout, nextPayoutDate, type PayoutSchedule, WEEKDAYS } from "./next-payout.js";

const at = (iso: string) => new Date(iso);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const schedule = (s: Partial<PayoutSchedule> & Pick<PayoutSchedule, "interval">): PayoutSchedule => ({ delayDays: 7, ...s });

describe("nextPayoutDate", () => {
  it("is none for manual payouts and the next UTC day for daily ones", () => {
    expect(nextPayoutDate(schedule({ interval: "manual" }), at("2026-03-04T10:00:00Z"))).toBeNull();
    expect(nextPayoutDate(schedule({ interval: "daily" }), at("2026-03-04T10:00:00Z"))).toEqual(day("2026-03-05"));
    expect(nextPayoutDate(schedule({ interval: "daily" }), at("2026-12-31T23:59:59Z"))).toEqual(day("2027-01-01"));
    // 00:30 in Oslo is still the 3rd in UTC.
    expect(nextPayoutDate(schedule({ interval: "daily" }), at("2026-03-04T00:30:00+01:00"))).toEqual(day("2026-03-04"));
  });

  it("is the next anchor weekday, a week ahead on the anchor day itself", () => {
    const wednesday = at("2026-03-04T10:00:00Z");
    expect(nextPayoutDate(schedule({ interval: "weekly", weeklyAnchor: "friday" }), wednesday)).toEqual(day("2026-03-06"));
    expect(nextPayoutDate(schedule({ interval: "weekly", weeklyAnchor: "monday" }), wednesday)).toEqual(day("2026-03-09"));
    expect(nextPayoutDate(schedule({ interval: "weekly", weeklyAnchor: "wednesday" }), wednesday)).toEqual(day("2026-03-11"));
  });

  it("is the next anchor day of the month, clamped to the month's last day", () => {
    const monthly = (monthlyAnchor: number, now: string) => nextPayoutDate(schedule({ interval: "monthly", monthlyAnchor }), at(now));
    expect(monthly(15, "2026-03-04T10:00:00Z")).toEqual(day("2026-03-15"));
    expect(monthly(1, "2026-03-04T10:00:00Z")).toEqual(day("2026-04-01"));
    expect(monthly(4, "2026-03-04T10:00:00Z")).toEqual(day("2026-04-04"));
    expect(monthly(31, "2026-01-31T10:00:00Z")).toEqual(day("2026-02-28"));
    expect(monthly(31, "2028-01-31T10:00:00Z")).toEqual(day("2028-02-29"));
    expect(monthly(30, "2026-02-28T10:00:00Z")).toEqual(day("2026-03-30")); // Feb's clamped day is today
    expect(monthly(31, "2026-04-15T10:00:00Z")).toEqual(day("2026-04-30"));
    expect(monthly(5, "2026-12-20T10:00:00Z")).toEqual(day("2027-01-05"));
  });

  it("is always a UTC midnight within the interval after now", () => {
    const limits = { daily: 1, weekly: 7, monthly: 31 } as const;
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.constantFrom("daily" as const, "weekly" as const, "monthly" as const),
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 1, max: 31 }),
        (now, interval, weeklyAnchor, monthlyAnchor) => {
          const next = nextPayoutDate(schedule({ interval, weeklyAnchor, monthlyAnchor }), now);
          if (!next) throw new Error("no date");
          expect(next.getTime() % 86_400_000).toBe(0);
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(limits[interval] * 86_400_000);
          if (interval === "weekly") expect(next.getUTCDay()).toBe(WEEKDAYS.indexOf(weeklyAnchor));
          if (interval === "monthly") {
            const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
            expect(next.getUTCDate()).toBe(Math.min(monthlyAnchor, last));
          }
        },
      ),
    );
  });

  it("refuses a schedule it cannot read", () => {
    const now = at("2026-03-04T10:00:00Z");
    expect(() => nextPayoutDate(schedule({ interval: "weekly" }), now)).toThrow(/weeklyAnchor/);
    expect(() => nextPayoutDate(schedule({ interval: "weekly", weeklyAnchor: "someday" }), now)).toThrow(/weeklyAnchor/);
    expect(() => nextPayoutDate(schedule({ interval: "monthly", monthlyAnchor: 0 }), now)).toThrow(/monthlyAnchor/);
    expect(() => nextPayoutDate(schedule({ interval: "monthly", monthlyAnchor: 32 }), now)).toThrow(/monthlyAnchor/);
    expect(() => nextPayoutDate(schedule({ interval: "daily", delayDays: -1 }), now)).toThrow(/delayDays/);
    expect(() => nextPayoutDate(schedule({ interval: "daily" }), new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("expectedNextPayout", () => {
  const now = at("2026-03-04T10:00:00Z");
  const weekly = schedule({ interval: "weekly", weeklyAnchor: "friday" });

  it("adds the pending amounts that become available by the payout day", () => {
    expect(
      expectedNextPayout({
        schedule: weekly,
        now,
        available: 10_000,
        pending: [
          { amount: 5_000, availableOn: day("2026-03-05") },
          { amount: 2_500, availableOn: day("2026-03-06") }, // on the payout day: included
          { amount: -1_000, availableOn: day("2026-03-06") }, // a pending refund
          { amount: 9_999, availableOn: day("2026-03-07") }, // too late
        ],
      }),
    ).toEqual({ date: day("2026-03-06"), amount: 16_500 });
  });

  it("is none for manual payouts and when nothing is to be paid", () => {
    expect(expectedNextPayout({ schedule: schedule({ interval: "manual" }), now, available: 10_000, pending: [] })).toBeNull();
    expect(expectedNextPayout({ schedule: weekly, now, available: 0, pending: [] })).toBeNull();
    expect(
      expectedNextPayout({ schedule: weekly, now, available: 500, pending: [{ amount: -800, availableOn: day("2026-03-05") }] }),
    ).toBeNull();
    expect(
      expectedNextPayout({ schedule: weekly, now, available: -500, pending: [{ amount: 800, availableOn: day("2026-03-05") }] }),
    ).toEqual({
      date: day("2026-03-06"),
      amount: 300,
    });
  });

  it("refuses amounts that are not safe integers, and a sum beyond them", () => {
    expect(() => expectedNextPayout({ schedule: weekly, now, available: 1.5, pending: [] })).toThrow(RangeError);
    expect(() =>
      expectedNextPayout({
        schedule: weekly,
        now,
        available: Number.MAX_SAFE_INTEGER,
        pending: [{ amount: 1, availableOn: day("2026-03-05") }],
      }),
    ).toThrow(/safe integer range/);
  });
});
