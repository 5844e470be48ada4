/**
 * Retention periods of consent records: the operator's default and the limits every tenant's own
 * period must lie within (operator admins), and a tenant's own period (staff, or the partner admin
 * for their own tenant). Changing the limits is refused while a tenant's period would fall outside
 * them, naming those tenants; a period outside the limits is refused naming the limits. Both take
 * the same advisory lock, so a period and the limits never cross each other. Audited.
 */
import { consentRetentionSettings, consentRetentionTenants, type Database, queryRows, tenants } from "@pc/db";
import type { RetentionLimitsInput } from "@pc/shared";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";

export const TENANT_NOT_FOUND = "Tenant not found";

export type RetentionSettings = typeof consentRetentionSettings.$inferSelect;

/** Serialises changes of the limits and of tenants' periods. */
async function lockRetentionSettings(db: Database): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('consent-retention-settings', 0))`);
}

/**
 * Serialises everything that decides what a purge of one tenant may remove: a purge batch, placing
 * or releasing a hold, an erasure's hold check. Held for the rest of the transaction.
 */
export async function lockTenantRetention(db: Database, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`consent-retention:${tenantId}`}, 0))`);
}

export async function readSettings(db: Database): Promise<RetentionSettings> {
  const [row] = await db.select().from(consentRetentionSettings).limit(1);
  if (!row) throw new Error("The retention settings row is missing (migration 0023_consent_retention_rules inserts it)");
  return row;
}

/** The database's clock: cutoffs are computed with it, as the rules that check them are. */
export async function databaseNow(db: Database): Promise<Date> {
  const [row] = await queryRows<{ now: string | Date }>(db, sql`select now() as now`);
  return new Date(row?.now ?? Date.now());
}

/** Records received before this go: `days` days before `now`, to the millisecond (never later than the rules allow). */
export function cutoffFor(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export interface TenantPeriod {
  tenant: { id: string; slug: string; name: string };
  /** The tenant's own period, or null when it follows the default. */
  ownDays: number | null;
  /** The period in force. */
  days: number;
}

/** The tenants in scope (a partner's own, or every one / the one named) with their periods. */
export async function tenantPeriods(db: Database, settings: RetentionSettings, tenantId?: string | null): Promise<TenantPeriod[]> {
  const where: SQL | undefined = tenantId ? eq(tenants.id, tenantId) : undefined;
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, ownDays: consentRetentionTenants.days })
    .from(tenants)
    .leftJoin(consentRetentionTenants, eq(consentRetentionTenants.tenantId, tenants.id))
    .where(where)
    .orderBy(asc(tenants.slug));
  return rows.map((row) => ({
    tenant: { id: row.id, slug: row.slug, name: row.name },
    ownDays: row.ownDays,
    days: row.ownDays ?? settings.defaultDays,
  }));
}

/** One tenant's period, or NOT_FOUND. */
export async function tenantPeriod(db: Database, tenantId: string): Promise<TenantPeriod & { settings: RetentionSettings }> {
  const settings = await readSettings(db);
  const [period] = await tenantPeriods(db, settings, tenantId);
  if (!period) throw new NotFoundError(TENANT_NOT_FOUND);
  return { ...period, settings };
}

function limitsView(settings: RetentionSettings) {
  return {
    defaultDays: settings.defaultDays,
    minDays: settings.minDays,
    maxDays: settings.maxDays,
    updatedAt: settings.updatedAt,
  };
}

export async function setLimits(db: Database, actor: AuditActor, input: RetentionLimitsInput) {
  await lockRetentionSettings(db);
  const before = await readSettings(db);
  const own = (await tenantPeriods(db, before)).filter((period) => period.ownDays !== null);
  const below = own.filter((period) => (period.ownDays as number) < input.minDays);
  const above = own.filter((period) => (period.ownDays as number) > input.maxDays);
  const describe = (periods: TenantPeriod[]) => periods.map((period) => `${period.tenant.name} (${period.ownDays})`).join(", ");
  if (below.length > 0) {
    throw new InvalidInputError(
      "minDays",
      `These tenants' periods are shorter than ${input.minDays} days: ${describe(below)}. Change their periods first.`,
    );
  }
  if (above.length > 0) {
    throw new InvalidInputError(
      "maxDays",
      `These tenants' periods are longer than ${input.maxDays} days: ${describe(above)}. Change their periods first.`,
    );
  }
  const [after] = await db
    .update(consentRetentionSettings)
    .set({ ...input, updatedBy: actor.userId, updatedAt: new Date() })
    .where(eq(consentRetentionSettings.id, true))
    .returning();
  if (!after) throw new Error("The retention settings row is missing");
  await recordAudit(db, actor, {
    action: "consent.retention_limits",
    targetType: "consent_retention_settings",
    before: limitsView(before),
    after: limitsView(after),
  });
  return limitsView(after);
}

export interface SetTenantPeriodArgs {
  /** A partner's own tenant (another answers NOT_FOUND), or null for staff. */
  scopeTenantId: string | null;
  actor: AuditActor;
  tenantId: string;
  /** Null: follow the operator's default. */
  days: number | null;
}

export async function setTenantPeriod(db: Database, args: SetTenantPeriodArgs) {
  if (args.scopeTenantId && args.scopeTenantId !== args.tenantId) throw new NotFoundError(TENANT_NOT_FOUND);
  await lockRetentionSettings(db);
  const current = await tenantPeriod(db, args.tenantId);
  const { settings } = current;
  if (args.days !== null && (args.days < settings.minDays || args.days > settings.maxDays)) {
    throw new InvalidInputError(
      "days",
      `The retention period must lie within the operator's limits: from ${settings.minDays} to ${settings.maxDays} days`,
    );
  }
  if (args.days === null) {
    await db.delete(consentRetentionTenants).where(eq(consentRetentionTenants.tenantId, args.tenantId));
  } else {
    await db
      .insert(consentRetentionTenants)
      .values({ tenantId: args.tenantId, days: args.days, updatedBy: args.actor.userId })
      .onConflictDoUpdate({
        target: consentRetentionTenants.tenantId,
        set: { days: args.days, updatedBy: args.actor.userId, updatedAt: new Date() },
      });
  }
  const days = args.days ?? settings.defaultDays;
  await recordAudit(db, args.actor, {
    tenantId: args.tenantId,
    action: "consent.retention_period",
    targetType: "tenant",
    targetId: args.tenantId,
    before: { ownDays: current.ownDays, days: current.days },
    after: { ownDays: args.days, days },
  });
  return { tenant: current.tenant, ownDays: args.days, days };
}

export { limitsView };
