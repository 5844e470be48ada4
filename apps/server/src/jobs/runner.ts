/**
 * Recurring background jobs over the `scheduled_jobs` table. Every server process may run a
 * runner: a process runs a job only after claiming its due time with one UPDATE that moves
 * `next_run_at` forward (WHERE next_run_at <= now), so each due time runs in one process only,
 * however many look at once. A job that fails records its error and runs again at its next due
 * time; one that crashes its process simply waits for that time too (at most once per due time).
 */
import { type Database, queryRows, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { sql } from "drizzle-orm";

export interface JobContext {
  /** Names this run in logs and audit events: "<job>#<run number>". */
  runId: string;
  startedAt: Date;
  /** Aborted when the runner stops (the process shuts down): a long job ends early at a safe point. */
  signal: AbortSignal;
}

export interface JobDefinition {
  /** The row's key in scheduled_jobs. */
  name: string;
  /** From one run's start to the next due time. */
  intervalMs: number;
  /** Anything it answers is logged with the run. */
  run(context: JobContext): Promise<unknown>;
}

/** The part of a pino (Fastify) logger the runner uses. */
export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobRunnerOptions {
  db: Database;
  jobs: readonly JobDefinition[];
  /** How often the runner looks for due jobs. A job runs at most this late. */
  tickMs?: number;
  /**
   * The runner's clock, for due times and the times it records. Processes are assumed to keep
   * their clocks in step (NTP); a skew moves when a job runs, never how often a due time runs.
   */
  now?: () => Date;
  logger?: JobLogger;
  /** Called after each run this runner claimed (metrics). */
  onRun?: (run: JobRunReport) => void;
  /**
   * How long without a finished tick before the runner counts as stuck (readiness): three ticks,
   * and at least five minutes so that one slow run does not take the process out of rotation.
   */
  staleAfterMs?: number;
}

export interface JobRunReport {
  job: string;
  runId: string;
  ok: boolean;
  ms: number;
}

/** Whether the runner is ticking, for readiness checks; `reason` says why not. */
export type JobRunnerLiveness = { alive: true; lastTickAt: Date | null } | { alive: false; reason: string; lastTickAt: Date | null };

export interface JobRunner {
  /**
   * Looks for due jobs now and then every tick (registering the jobs first: a new one is due at
   * once). The timer never keeps the process alive.
   */
  start(): void;
  /** Looks for due jobs once and runs the ones this runner claims; answers their names. */
  tick(): Promise<string[]>;
  /** Stops ticking, asks a run in progress to end early and waits for it. A stopped runner stays stopped. */
  stop(): Promise<void>;
  /** Started, not stopped, and a tick finished (or the first began) within `staleAfterMs`. */
  liveness(): JobRunnerLiveness;
}

const silentLogger: JobLogger = { info: () => {}, error: () => {} };
const MAX_ERROR_LENGTH = 2000;

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

export function createJobRunner({
  db,
  jobs,
  tickMs = 60_000,
  now = () => new Date(),
  logger = silentLogger,
  onRun,
  staleAfterMs = Math.max(3 * tickMs, 5 * 60_000),
}: JobRunnerOptions): JobRunner {
  let registered: Promise<void> | null = null;
  let runnerStartedAt: Date | null = null;
  let lastTickAt: Date | null = null;
  let inFlight: Promise<string[]> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const stopping = new AbortController();

  // The app role holds the grants on scheduled_jobs; it has no tenant rows, so no tenant context.
  const system = <T>(work: (tx: Database) => Promise<T>) => withRlsContext(db, SYSTEM_CONTEXT, (tx) => work(tx as Database));

  function register(): Promise<void> {
    registered ??= system(async (tx) => {
      for (const job of jobs) {
        await tx.execute(sql`insert into scheduled_jobs (name, next_run_at) values (${job.name}, ${now()}) on conflict (name) do nothing`);
      }
    }).catch((error: unknown) => {
      registered = null; // try again at the next tick
      throw error;
    });
    return registered;
  }

  /** Moves the job's due time forward if it is due: the run's number when this runner won it, else null. */
  async function claim(job: JobDefinition, at: Date): Promise<number | null> {
    const next = new Date(at.getTime() + job.intervalMs);
    const [row] = await system((tx) =>
      queryRows<{ runs: number }>(
        tx,
        sql`update scheduled_jobs set next_run_at = ${next}, last_started_at = ${at}, runs = runs + 1
            where name = ${job.name} and next_run_at <= ${at} returning runs`,
      ),
    );
    return row ? Number(row.runs) : null;
  }

  async function finish(job: JobDefinition, error: string | null): Promise<void> {
    await system((tx) =>
      tx.execute(
        error === null
          ? sql`update scheduled_jobs set last_finished_at = ${now()}, last_error = null where name = ${job.name}`
          : sql`update scheduled_jobs set last_finished_at = ${now()}, last_error = ${error}, failures = failures + 1 where name = ${job.name}`,
      ),
    );
  }

  async function runIfDue(job: JobDefinition): Promise<boolean> {
    const startedAt = now();
    const runs = await claim(job, startedAt);
    if (runs === null) return false;
    const context: JobContext = { runId: `${job.name}#${runs}`, startedAt, signal: stopping.signal };
    let ok = true;
    try {
      const result = await job.run(context);
      await finish(job, null);
      logger.info({ job: job.name, runId: context.runId, result }, "job finished");
    } catch (error) {
      ok = false;
      logger.error({ job: job.name, runId: context.runId, err: error }, "job failed");
      await finish(job, describeFailure(error));
    }
    onRun?.({ job: job.name, runId: context.runId, ok, ms: now().getTime() - startedAt.getTime() });
    return true;
  }

  async function tickOnce(): Promise<string[]> {
    const ran: string[] = [];
    try {
      await register();
    } catch (error) {
      logger.error({ err: error }, "could not register the scheduled jobs");
      return ran;
    }
    for (const job of jobs) {
      if (stopping.signal.aborted) break;
      try {
        if (await runIfDue(job)) ran.push(job.name);
      } catch (error) {
        // The database was unreachable: nothing was claimed, or the claim stands and the job
        // waits for its next due time. Either way the runner keeps going.
        logger.error({ job: job.name, err: error }, "could not run a scheduled job");
      }
    }
    return ran;
  }

  function tick(): Promise<string[]> {
    // One tick at a time per runner: a slow job is not started again by the next tick.
    inFlight ??= tickOnce().finally(() => {
      inFlight = null;
      lastTickAt = now();
    });
    return inFlight;
  }

  return {
    start() {
      if (timer || stopping.signal.aborted) return;
      runnerStartedAt = now();
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
      void tick();
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      stopping.abort();
      await inFlight;
    },
    liveness() {
      if (stopping.signal.aborted) return { alive: false, reason: "job runner stopped", lastTickAt };
      if (!runnerStartedAt) return { alive: false, reason: "job runner not started", lastTickAt };
      const since = lastTickAt ?? runnerStartedAt;
      const age = now().getTime() - since.getTime();
      if (age > staleAfterMs) {
        const seconds = Math.round(age / 1000);
        return { alive: false, reason: `job runner stuck: no tick finished for ${seconds} s`, lastTickAt };
      }
      return { alive: true, lastTickAt };
    },
  };
}
