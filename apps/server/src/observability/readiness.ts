/**
 * Readiness: may this process take traffic? The database answers within a short time, it has
 * every migration this build ships (migrations of a newer build, mid-deploy, do not count against
 * it), and the job runner ticks. A server built without a runner (tests, tools) reports that check
 * as "not configured" and is not held back by it.
 */
import { type Database, migrationStatus } from "@pc/db";
import { sql } from "drizzle-orm";
import type { JobRunner } from "../jobs/runner.js";
import { scrubText } from "./logging.js";

export interface ReadinessOptions {
  db: Database;
  jobRunner?: Pick<JobRunner, "liveness">;
  /** How long the database may take to answer. */
  timeoutMs?: number;
  /** The migrations this build ships (tests point it elsewhere). */
  migrationsFolder?: string;
}

export interface Readiness {
  ready: boolean;
  /** Each check's outcome in words: "ok", "not configured", or what is wrong. */
  checks: { database: string; migrations: string; jobRunner: string };
  /** The failed checks' outcomes, joined: what an operator reads first. */
  reason?: string;
}

class TimeoutError extends Error {}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A failure in a few words: a driver's SQLSTATE or system error code rather than its message (it
 * may name hosts, and /readyz is open to the load balancer); other messages with addresses masked.
 */
function briefly(error: unknown): string {
  if (error instanceof TimeoutError) return error.message;
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const cause = (current as { cause?: unknown }).cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  // The innermost error: the driver's words ("PGlite is closed"), not the query that met them.
  return current instanceof Error ? scrubText(current.message).slice(0, 120) : "error";
}

export async function checkReadiness({ db, jobRunner, timeoutMs = 2000, migrationsFolder }: ReadinessOptions): Promise<Readiness> {
  const checks = { database: "ok", migrations: "ok", jobRunner: "not configured" };
  const failed: string[] = [];
  try {
    await within(db.execute(sql`select 1`), timeoutMs);
    try {
      const status = await within(migrationStatus(db, migrationsFolder), timeoutMs);
      if (status.pending.length > 0) {
        checks.migrations = `${status.pending.length} of ${status.shipped} not applied: ${status.pending.join(", ")}`;
        failed.push(`migrations: ${checks.migrations}`);
      } else {
        checks.migrations = `ok (${status.shipped} applied)`;
      }
    } catch (error) {
      checks.migrations = `could not be read (${briefly(error)})`;
      failed.push(`migrations: ${checks.migrations}`);
    }
  } catch (error) {
    checks.database = `unreachable (${briefly(error)})`;
    checks.migrations = "not checked";
    failed.push(`database: ${checks.database}`);
  }
  if (jobRunner) {
    const liveness = jobRunner.liveness();
    checks.jobRunner = liveness.alive ? "ok" : liveness.reason;
    if (!liveness.alive) failed.push(liveness.reason);
  }
  return failed.length === 0 ? { ready: true, checks } : { ready: false, checks, reason: failed.join("; ") };
}
