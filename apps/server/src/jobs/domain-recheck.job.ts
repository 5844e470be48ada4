/**
 * The daily custom-domain re-check: every domain whose last check is older than ~23 hours (or
 * that was never checked) is looked up again, so a verified domain whose record disappeared is
 * disabled within a day and a pending one verifies without anyone pressing "Check now". The
 * look-ups run outside any transaction; each result is applied in a short transaction of its
 * own, under the domain's tenant's RLS context, and a status change is audited with actor
 * "system".
 */
import { type Database, queryRows, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { sql } from "drizzle-orm";
import { NotFoundError } from "../errors.js";
import type { DnsResolver } from "../routers/domains/dns.js";
import { applyFinding, lookupVerification } from "../routers/domains/domains.service.js";
import type { AuditActor } from "../services/audit.service.js";
import type { JobContext, JobDefinition } from "./runner.js";

export const DOMAIN_RECHECK_JOB = "domain-recheck";
const HOUR_MS = 3600_000;

export interface DomainRecheckOptions {
  db: Database;
  dns: DnsResolver;
  /** Domains read per query. */
  batchSize?: number;
  /** Look-ups at once. */
  concurrency?: number;
  /**
   * A domain checked more recently than this is left alone. A little under the job's day, so a
   * domain checked by yesterday's run is due again today although that run ended minutes late.
   */
  staleAfterMs?: number;
}

export interface DomainRecheckSummary {
  checked: number;
  /** Domains whose status this run changed. */
  changed: number;
  /** Domains that could not be checked (the error is what the run fails with). */
  failed: number;
}

interface DueDomain {
  tenant_id: string;
  id: string;
  hostname: string;
  token: string;
}

async function dueDomains(db: Database, staleAfterMs: number, afterId: string | null, limit: number): Promise<DueDomain[]> {
  return withRlsContext(db, SYSTEM_CONTEXT, (tx) =>
    queryRows<DueDomain>(
      tx,
      sql`select tenant_id, id, hostname, token from tenant_domains
          where status in ('pending', 'verified', 'failed')
            and (last_checked_at is null or last_checked_at < now() - make_interval(secs => ${staleAfterMs / 1000}))
            and (${afterId}::uuid is null or id > ${afterId}::uuid)
          order by id
          limit ${limit}`,
    ),
  );
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

export async function recheckDomains(options: DomainRecheckOptions, context: JobContext): Promise<DomainRecheckSummary> {
  const { db, dns, batchSize = 100, concurrency = 4, staleAfterMs = 23 * HOUR_MS } = options;
  const actor: AuditActor = { userId: null, label: "system", requestId: context.runId, ip: null };
  const summary: DomainRecheckSummary = { checked: 0, changed: 0, failed: 0 };
  let firstError: unknown = null;
  // Keyset pages over the id: a domain whose check fails keeps its old last_checked_at, and must
  // not come round again in the same run.
  let afterId: string | null = null;
  while (!context.signal.aborted) {
    const batch = await dueDomains(db, staleAfterMs, afterId, batchSize);
    await forEachLimited(batch, concurrency, async (domain) => {
      if (context.signal.aborted) return; // the rest waits for the next run
      const finding = await lookupVerification(dns, domain.hostname, domain.token);
      try {
        const tenantContext = { tenantId: domain.tenant_id, userId: null, allTenants: false };
        const { statusChanged } = await withRlsContext(db, tenantContext, (tx) =>
          applyFinding(tx as Database, actor, { tenantId: domain.tenant_id, domainId: domain.id }, finding),
        );
        summary.checked++;
        if (statusChanged) summary.changed++;
      } catch (error) {
        if (error instanceof NotFoundError) return; // removed since the batch was read
        summary.failed++;
        firstError ??= error;
      }
    });
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) break;
    afterId = last.id;
  }
  if (firstError) {
    const reason = firstError instanceof Error ? firstError.message : String(firstError);
    throw new Error(`${summary.failed} of ${summary.checked + summary.failed} domains could not be checked; the first: ${reason}`, {
      cause: firstError,
    });
  }
  return summary;
}

/** Once a day; see recheckDomains. */
export function domainRecheckJob(options: DomainRecheckOptions): JobDefinition {
  return { name: DOMAIN_RECHECK_JOB, intervalMs: 24 * HOUR_MS, run: (context) => recheckDomains(options, context) };
}
