/**
 * Delivers the outbox. Every run claims due rows in batches with FOR UPDATE SKIP LOCKED, marking
 * them `sending` with a lease, and sends them after the claim committed: two processes (or two
 * overlapping runs) never claim the same row, and none waits on another's lock. A sent row records
 * its Message-ID; a temporary failure is tried again after 1 min, 5 min, 30 min, 2 h and 12 h
 * (each ±20 %, so a batch that failed together does not return together), then the row is
 * `failed`; a permanent one (5xx) fails at once. A row left `sending` by a process that stopped
 * mid-send is due again when its lease ends (a mail accepted just before such a stop may then go
 * twice; it keeps its Message-ID, so the receiver can tell).
 */
import { type Database, queryRows, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { type SQL, sql } from "drizzle-orm";
import type { JobDefinition } from "../jobs/runner.js";
import type { Mailbox } from "./mailbox.js";
import { classifyDeliveryError, type Mailer } from "./mailer.js";

export const EMAIL_DELIVERY_JOB = "email-delivery";
export const EMAIL_DELIVERY_INTERVAL_MS = 15_000;
/** The wait after the 1st, 2nd … 5th failed attempt; the 6th failure is final. */
export const EMAIL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;
export const EMAIL_MAX_ATTEMPTS = EMAIL_RETRY_DELAYS_MS.length + 1;
/** How long a claimed row may stay `sending` before another run takes it over. */
export const EMAIL_LEASE_MS = 5 * 60_000;
const JITTER = 0.2;

/** The wait after failed attempt `attempt` (1-based), with ±20 % jitter; null after the last. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = EMAIL_RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

export interface DeliveryOptions {
  db: Database;
  mailer: Mailer;
  from: Mailbox;
  now?: () => Date;
  random?: () => number;
  batchSize?: number;
  /** At most this many batches a run (the next run goes on). */
  maxBatches?: number;
  leaseMs?: number;
  signal?: AbortSignal;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  to_email: string;
  from_name: string | null;
  reply_to: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
}

const system = <T>(db: Database, work: (tx: Database) => Promise<T>) => withRlsContext(db, SYSTEM_CONTEXT, (tx) => work(tx as Database));

async function claimBatch(db: Database, at: Date, leaseEnd: Date, batchSize: number): Promise<ClaimedRow[]> {
  return system(db, async (tx) => {
    // Leases that ran out on the last attempt: that attempt is over, and it was the last.
    await tx.execute(sql`update email_outbox set status = 'failed',
        last_error = coalesce(last_error || ' · ', '') || 'the last attempt did not finish (the sending process stopped)'
      where status = 'sending' and next_attempt_at <= ${at} and attempts >= ${EMAIL_MAX_ATTEMPTS}`);
    return queryRows<ClaimedRow>(
      tx,
      sql`with due as (
            select id from email_outbox
            where status in ('pending', 'sending') and next_attempt_at <= ${at} and attempts < ${EMAIL_MAX_ATTEMPTS}
            order by next_attempt_at, id
            limit ${batchSize}
            for update skip locked
          )
          update email_outbox o
          set status = 'sending', attempts = o.attempts + 1, last_attempt_at = ${at}, next_attempt_at = ${leaseEnd}
          from due where o.id = due.id
          returning o.id, o.attempts, o.to_email, o.from_name, o.reply_to, o.subject, o.body_text, o.body_html`,
    );
  });
}

/**
 * A delivered invitation's link is a secret only its recipient should hold: once the mail went out,
 * the stored copy keeps everything but the token (rows marked `redactAfterSend: "invite-link"`).
 */
function redacted(column: SQL): SQL {
  return sql`case when metadata->>'redactAfterSend' = 'invite-link'
    then regexp_replace(${column}, '/invite/[A-Za-z0-9_-]+', '/invite/[removed after delivery]', 'g') else ${column} end`;
}

/** Records an attempt's outcome, only while this run still holds the claim (same attempt, still sending). */
function settle(db: Database, row: ClaimedRow, change: SQL) {
  return system(db, (tx) =>
    tx.execute(sql`update email_outbox set ${change} where id = ${row.id} and status = 'sending' and attempts = ${row.attempts}`),
  );
}

export async function deliverDueEmails(options: DeliveryOptions): Promise<DeliveryReport> {
  const { db, mailer, from } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 25;
  const maxBatches = options.maxBatches ?? 8;
  const leaseMs = options.leaseMs ?? EMAIL_LEASE_MS;
  const domain = from.address.split("@")[1] ?? "localhost";
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };

  for (let batch = 0; batch < maxBatches && !options.signal?.aborted; batch++) {
    const at = now();
    const rows = await claimBatch(db, at, new Date(at.getTime() + leaseMs), batchSize);
    for (const row of rows) {
      if (options.signal?.aborted) break; // the lease brings the rest back
      try {
        const info = await mailer.send({
          messageId: `<${row.id}@${domain}>`,
          from: { name: row.from_name ?? from.name, address: from.address },
          to: row.to_email,
          replyTo: row.reply_to,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
        });
        await settle(
          db,
          row,
          sql`status = 'sent', sent_at = ${now()}, message_id = ${info.messageId}, last_error = null,
              body_text = ${redacted(sql.raw("body_text"))}, body_html = ${redacted(sql.raw("body_html"))}`,
        );
        report.sent++;
      } catch (error) {
        const failure = classifyDeliveryError(error);
        const delay = failure.permanent ? null : retryDelayMs(row.attempts, random);
        if (delay === null) {
          await settle(db, row, sql`status = 'failed', last_error = ${failure.summary}`);
          report.failed++;
        } else {
          await settle(
            db,
            row,
            sql`status = 'pending', last_error = ${failure.summary}, next_attempt_at = ${new Date(now().getTime() + delay)}`,
          );
          report.retrying++;
        }
      }
    }
    if (rows.length < batchSize) break;
  }
  return report;
}

export function emailDeliveryJob(options: Omit<DeliveryOptions, "signal">): JobDefinition {
  return {
    name: EMAIL_DELIVERY_JOB,
    intervalMs: EMAIL_DELIVERY_INTERVAL_MS,
    run: ({ signal }) => deliverDueEmails({ ...options, signal }),
  };
}
