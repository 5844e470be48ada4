/**
 * What every versioned tenant setting (price books, branding) shares: the rule for a scheduled
 * effective-from, the advisory lock that serialises changes to one sequence of versions, and the
 * words an editor sees when their draft moved on without them.
 */
import type { Database } from "@pc/db";
import { MAX_SCHEDULE_AHEAD_MS } from "@pc/shared";
import { sql } from "drizzle-orm";
import { InvalidInputError } from "../errors.js";

/**
 * "Now" for effective times: the clock when the statement runs, not the transaction's start
 * (`now()`). A change runs after waiting for its sequence's lock, and a version another
 * transaction published meanwhile carries that transaction's later time: compared with our
 * earlier start it would look scheduled, and a version we publish "now" would take effect before
 * it although it came after. The clock keeps effective times in the order changes commit.
 */
export const CURRENT_TIME = sql`clock_timestamp()`;

/** The draft's revision moved on since the editor opened it. */
export const STALE_DRAFT_MESSAGE = "Someone else saved this draft since you opened it; reload to see their changes";

/** The editor saved a draft that is no longer open; saving would quietly start another. */
export function goneDraftMessage(subject: string): string {
  return `This draft was published or discarded since you opened it; reload to see the current ${subject}`;
}

/** A publish or discard found no draft at all. */
export function noOpenDraftMessage(subject: string): string {
  return `There is no open ${subject} draft; it may have been published or discarded since you opened it`;
}

/**
 * Serialises every change to one sequence of versions (named by `key`) for the rest of the
 * transaction: numbering the next version and the one-draft rule then hold without retries.
 */
export async function lockVersions(db: Database, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** null for now; else a time in the future at most a year ahead. */
export function checkEffectiveFrom(effectiveFrom: Date | undefined): Date | null {
  if (!effectiveFrom) return null;
  const at = effectiveFrom.getTime();
  if (Number.isNaN(at)) throw new InvalidInputError("effectiveFrom", "Effective from must be a valid date and time");
  if (at <= Date.now()) throw new InvalidInputError("effectiveFrom", "Effective from must be in the future; leave it out to publish now");
  if (at > Date.now() + MAX_SCHEDULE_AHEAD_MS) throw new InvalidInputError("effectiveFrom", "Effective from may be at most a year ahead");
  return effectiveFrom;
}
