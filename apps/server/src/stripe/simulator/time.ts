// Moving simulator time forward: one UTC day at a time, so that whatever would have happened on
// each day does (funds become available, payouts progress, scheduled payouts are created).
import { DAY_MS, isMonthlyAnchorDay, nextMidnight, toUnix, weekdayName } from "./clock.js";
import type { SimContext } from "./context.js";
import { computeBalance } from "./resources/balance.js";
import { expireSessions } from "./resources/checkout.js";
import { isPayoutEligible, progressPayouts, runAutomaticPayouts } from "./resources/payouts.js";

/** balance.available for each owner with funds that were pending and became available in (from, to]. */
function announceAvailable(ctx: SimContext, fromMs: number, toMs: number): void {
  const from = toUnix(fromMs);
  const to = toUnix(toMs);
  const owners = new Set<string | null>();
  for (const txn of ctx.store.all("balance_transaction")) {
    if (txn.available_on > txn.created && txn.available_on > from && txn.available_on <= to) owners.add(ctx.store.ownerOf(txn.id));
  }
  for (const owner of owners) ctx.emit("balance.available", computeBalance(ctx, owner), { account: owner });
}

function scheduledToday(ctx: SimContext, accountId: string, dayMs: number): boolean {
  const schedule = ctx.store.get(accountId, "account")?.settings.payouts.schedule;
  switch (schedule?.interval) {
    case "daily":
      return true;
    case "weekly":
      return weekdayName(dayMs) === (schedule.weekly_anchor ?? "monday");
    case "monthly":
      return isMonthlyAnchorDay(dayMs, schedule.monthly_anchor ?? 1);
    default:
      return false;
  }
}

/** Automatic payouts for every eligible account now, whatever its schedule says about today. */
export function runPayoutsNow(ctx: SimContext, onlyScheduledOn?: number): void {
  for (const account of ctx.store.all("account")) {
    if (!isPayoutEligible(ctx, account.id)) continue;
    if (onlyScheduledOn !== undefined && !scheduledToday(ctx, account.id, onlyScheduledOn)) continue;
    runAutomaticPayouts(ctx, account.id);
  }
}

function step(ctx: SimContext, fromMs: number, toMs: number): void {
  announceAvailable(ctx, fromMs, toMs);
  expireSessions(ctx);
  progressPayouts(ctx);
  if (toMs % DAY_MS === 0) runPayoutsNow(ctx, toMs);
}

/**
 * Runs every day from where the last run stopped up to `targetMs`, with the clock set to each
 * step's time so that objects get the right `created`. Yields between days so a server stays
 * responsive during a long run.
 */
export async function advanceClock(ctx: SimContext, setNow: (ms: number) => void, targetMs: number): Promise<void> {
  if (!Number.isFinite(targetMs)) throw new RangeError(`advanceTo needs a time in ms, got ${targetMs}`);
  if (targetMs < ctx.now() - 1000) throw new RangeError("advanceTo only moves time forward; use setClock to jump back");
  const state = ctx.store.state;
  let at = Math.min(state.processedThroughMs, targetMs);
  while (at < targetMs) {
    const next = Math.min(targetMs, nextMidnight(at));
    setNow(next);
    step(ctx, at, next);
    state.processedThroughMs = next;
    at = next;
    await new Promise((resolve) => setImmediate(resolve));
  }
  setNow(targetMs);
  state.processedThroughMs = targetMs;
}
