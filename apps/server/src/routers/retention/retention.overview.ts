/**
 * The retention page's summary: the operator's default and limits, each tenant in scope with its
 * period (its own or the default), its legal holds in force and its last purge, and when the daily
 * purge last ran and runs next.
 */
import { consentLegalHolds, consentRetentionPurges, type Database, scheduledJobs } from "@pc/db";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { CONSENT_RETENTION_JOB } from "../../jobs/consent-retention.job.js";
import { limitsView, readSettings, tenantPeriods } from "./retention.settings.js";

export async function retentionOverview(db: Database, args: { scopeTenantId: string | null; tenantId?: string }) {
  const settings = await readSettings(db);
  const periods = await tenantPeriods(db, settings, args.scopeTenantId ?? args.tenantId);
  const ids = periods.map((period) => period.tenant.id);
  const holdCounts =
    ids.length === 0
      ? []
      : await db
          .select({ tenantId: consentLegalHolds.tenantId, scope: consentLegalHolds.scope, n: count() })
          .from(consentLegalHolds)
          .where(and(inArray(consentLegalHolds.tenantId, ids), isNull(consentLegalHolds.releasedAt)))
          .groupBy(consentLegalHolds.tenantId, consentLegalHolds.scope);
  const lastPurges =
    ids.length === 0
      ? []
      : await db
          .selectDistinctOn([consentRetentionPurges.tenantId], {
            tenantId: consentRetentionPurges.tenantId,
            status: consentRetentionPurges.status,
            purgedRecords: consentRetentionPurges.purgedRecords,
            requestedAt: consentRetentionPurges.requestedAt,
            finishedAt: consentRetentionPurges.finishedAt,
          })
          .from(consentRetentionPurges)
          .where(inArray(consentRetentionPurges.tenantId, ids))
          .orderBy(consentRetentionPurges.tenantId, desc(consentRetentionPurges.requestedAt));
  const [job] = await db
    .select({ lastStartedAt: scheduledJobs.lastStartedAt, nextRunAt: scheduledJobs.nextRunAt, lastError: scheduledJobs.lastError })
    .from(scheduledJobs)
    .where(eq(scheduledJobs.name, CONSENT_RETENTION_JOB));
  return {
    limits: limitsView(settings),
    // The job's error names the tenants whose purge failed: staff only.
    dailyPurge: job ? { ...job, lastError: args.scopeTenantId === null ? job.lastError : null } : null,
    tenants: periods.map((period) => {
      const holds = holdCounts.filter((row) => row.tenantId === period.tenant.id);
      return {
        ...period,
        holds: {
          tenant: holds.some((row) => row.scope === "tenant"),
          subjects: Number(holds.find((row) => row.scope === "subject")?.n ?? 0),
        },
        lastPurge: lastPurges.find((row) => row.tenantId === period.tenant.id) ?? null,
      };
    }),
  };
}
