/**
 * Retention's two jobs. The daily purge: for every tenant, records past its retention period (and
 * under no legal hold) are purged in batches (retention.purge.ts), one purge row per tenant with
 * something to remove, the job run's id on it. The purge queue, every minute: purges a person asked
 * for ("Purge now", queued with the count they confirmed) are carried out, and a running purge
 * whose heartbeat stopped (its process died) is marked interrupted. The runner runs each due time
 * in one process only; each tenant's batches also take its retention lock.
 */
import { consentRetentionPurges, type Database, queryRows, SYSTEM_CONTEXT, tenants, withRlsContext } from "@pc/db";
import { and, asc, eq, sql } from "drizzle-orm";
import { previewTenant, unfinishedPurge } from "../routers/retention/retention.preview.js";
import { carryOutPurge, type PurgeServices } from "../routers/retention/retention.purge.js";
import { cutoffFor, databaseNow, tenantPeriod } from "../routers/retention/retention.settings.js";
import type { JobContext, JobDefinition } from "./runner.js";

export const CONSENT_RETENTION_JOB = "consent-retention";
export const CONSENT_RETENTION_QUEUE_JOB = "consent-retention-queue";
const DAY_MS = 86_400_000;
/** A running purge whose last batch is older than this was abandoned. */
export const ABANDONED_AFTER_MS = 15 * 60_000;

type PurgeRow = typeof consentRetentionPurges.$inferSelect;

export interface RetentionRunSummary {
  tenants: number;
  purged: number;
  failed: number;
}

function summarize(summary: RetentionRunSummary, ended: PurgeRow) {
  summary.tenants += 1;
  summary.purged += ended.purgedRecords;
  if (ended.status === "failed") summary.failed += 1;
}

/** The daily purge of every tenant. Fails (after trying every tenant) when one tenant's purge failed. */
export async function runScheduledPurges(services: PurgeServices, context: JobContext): Promise<RetentionRunSummary> {
  const summary: RetentionRunSummary = { tenants: 0, purged: 0, failed: 0 };
  const errors: string[] = [];
  const all = await withRlsContext(services.db, SYSTEM_CONTEXT, (tx) =>
    tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(asc(tenants.slug)),
  );
  for (const tenant of all) {
    if (context.signal.aborted) break;
    const rls = { tenantId: tenant.id, userId: null, allTenants: false };
    const purge = await withRlsContext(services.db, rls, async (tx) => {
      const db = tx as Database;
      if (await unfinishedPurge(db, tenant.id)) return null;
      const period = await tenantPeriod(db, tenant.id);
      const cutoff = cutoffFor(await databaseNow(db), period.days);
      const preview = await previewTenant(db, tenant.id, cutoff);
      if (preview.records === 0) return null;
      const [row] = await db
        .insert(consentRetentionPurges)
        .values({
          tenantId: tenant.id,
          trigger: "schedule",
          jobRunId: context.runId,
          requestedByLabel: "system",
          retentionDays: period.days,
          cutoff,
          status: "running",
          heldRecords: preview.heldRecords,
          startedAt: new Date(),
          heartbeatAt: new Date(),
        })
        .returning();
      return row ?? null;
    });
    if (!purge) continue;
    const ended = await carryOutPurge(services, purge, context.signal);
    summarize(summary, ended);
    if (ended.status === "failed") errors.push(`${tenant.slug}: ${ended.error}`);
  }
  if (errors.length > 0) throw new Error(`${errors.length} tenant purge(s) failed: ${errors.join("; ")}`.slice(0, 2000));
  return summary;
}

/** Marks abandoned purges interrupted, then carries out the queued ones, oldest first. */
export async function runQueuedPurges(services: PurgeServices, context: JobContext): Promise<RetentionRunSummary> {
  const summary: RetentionRunSummary = { tenants: 0, purged: 0, failed: 0 };
  await withRlsContext(services.db, SYSTEM_CONTEXT, (tx) =>
    tx.execute(sql`update consent_retention_purges
      set status = 'interrupted', finished_at = now(),
        error = 'The process carrying it out stopped; what was removed stays removed, the next purge goes on'
      where status = 'running' and coalesce(heartbeat_at, started_at, requested_at) < now() - make_interval(secs => ${ABANDONED_AFTER_MS / 1000})`),
  );
  while (!context.signal.aborted) {
    const [claimed] = await withRlsContext(services.db, SYSTEM_CONTEXT, (tx) =>
      queryRows<{ tenant_id: string; id: string }>(
        tx,
        sql`update consent_retention_purges p set status = 'running', started_at = now(), heartbeat_at = now(), job_run_id = ${context.runId}
            where (p.tenant_id, p.id) = (
              select q.tenant_id, q.id from consent_retention_purges q where q.status = 'queued'
              order by q.requested_at limit 1 for update skip locked)
            returning p.tenant_id, p.id`,
      ),
    );
    if (!claimed) break;
    const purge = await withRlsContext(services.db, SYSTEM_CONTEXT, async (tx) => {
      const rows = await tx
        .select()
        .from(consentRetentionPurges)
        .where(and(eq(consentRetentionPurges.tenantId, claimed.tenant_id), eq(consentRetentionPurges.id, claimed.id)));
      return rows[0];
    });
    if (!purge) break;
    summarize(summary, await carryOutPurge(services, purge, context.signal));
  }
  return summary;
}

export function consentRetentionJobs(services: PurgeServices, options: { queueIntervalMs?: number } = {}): JobDefinition[] {
  return [
    { name: CONSENT_RETENTION_JOB, intervalMs: DAY_MS, run: (context) => runScheduledPurges(services, context) },
    {
      name: CONSENT_RETENTION_QUEUE_JOB,
      intervalMs: options.queueIntervalMs ?? 60_000,
      run: (context) => runQueuedPurges(services, context),
    },
  ];
}
