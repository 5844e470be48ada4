/**
 * Appends consent records to the per-tenant hash chains with group commit: requests queue their
 * entries; one transaction takes every queued request (up to a batch size), locks the chain heads
 * of the tenants involved (FOR UPDATE, so other processes append after it, never beside it),
 * numbers and chains the entries, inserts them all with a few array INSERTs and moves the heads.
 * A request's promise settles only after that transaction committed: an acknowledged record is
 * stored. A request's entries always share one transaction (a batch is all or nothing).
 */
import { appendToLedger, type Database, type LedgerAck, type PendingLedgerEntry, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";

export type { LedgerAck };
/** An entry ready to be numbered and chained: the record without its place, and its personal data. */
export type PendingEntry = PendingLedgerEntry;

export interface LedgerWriterOptions {
  db: Database;
  /** Entries per transaction at most (a request's entries are never split). */
  maxBatchEntries?: number;
  /** Transactions in flight at once: 1 on PGlite (one connection), a few on PostgreSQL. */
  concurrency?: number;
  /** Called after each committed transaction (metrics, tests). */
  onCommit?: (info: { entries: number; requests: number; ms: number }) => void;
}

export interface LedgerWriter {
  append(entries: readonly PendingEntry[]): Promise<LedgerAck[]>;
  /** Entries waiting for a transaction. */
  queued(): number;
  /** Stops taking entries and waits until everything queued is committed (or failed). */
  drain(): Promise<void>;
}

export class LedgerClosedError extends Error {
  constructor() {
    super("The consent ledger is shutting down");
  }
}

interface Waiting {
  entries: readonly PendingEntry[];
  resolve(acks: LedgerAck[]): void;
  reject(error: unknown): void;
}

export function createLedgerWriter({ db, maxBatchEntries = 5000, concurrency = 1, onCommit }: LedgerWriterOptions): LedgerWriter {
  const queue: Waiting[] = [];
  let queuedEntries = 0;
  let running = 0;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  function take(): Waiting[] {
    const group: Waiting[] = [];
    let count = 0;
    while (queue.length > 0) {
      const next = queue[0] as Waiting;
      if (group.length > 0 && count + next.entries.length > maxBatchEntries) break;
      queue.shift();
      group.push(next);
      count += next.entries.length;
    }
    queuedEntries -= count;
    return group;
  }

  function pump() {
    while (running < concurrency && queue.length > 0) {
      const group = take();
      running += 1;
      void commitGroup(group).finally(() => {
        running -= 1;
        pump();
        if (running === 0 && queue.length === 0) for (const done of idleWaiters.splice(0)) done();
      });
    }
  }

  async function commitGroup(group: Waiting[]): Promise<void> {
    const started = performance.now();
    let acks: LedgerAck[];
    try {
      const entries = group.flatMap((waiting) => waiting.entries);
      acks = await withRlsContext(db, SYSTEM_CONTEXT, (tx) => appendToLedger(tx, entries));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      // One request's entries must not sink the others': each goes again on its own.
      for (const waiting of group) {
        await commitGroup([waiting]);
      }
      return;
    }
    // Committed: outside the try above, so that nothing here can send stored entries round again.
    let offset = 0;
    for (const waiting of group) {
      waiting.resolve(acks.slice(offset, offset + waiting.entries.length));
      offset += waiting.entries.length;
    }
    try {
      onCommit?.({ entries: acks.length, requests: group.length, ms: performance.now() - started });
    } catch {
      // An observer's failure (metrics) is not the ledger's: the entries are stored and answered.
    }
  }

  return {
    append(entries) {
      if (closed) return Promise.reject(new LedgerClosedError());
      if (entries.length === 0) return Promise.resolve([]);
      return new Promise<LedgerAck[]>((resolve, reject) => {
        queue.push({ entries, resolve, reject });
        queuedEntries += entries.length;
        // After the I/O callbacks already due (other requests' bodies): they join this group. A
        // microtask would run before them, and on PGlite (whose queries settle in promise callbacks)
        // every request would get a transaction of its own.
        setImmediate(pump);
      });
    },
    queued: () => queuedEntries,
    drain() {
      closed = true;
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
