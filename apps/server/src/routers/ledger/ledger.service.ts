/**
 * The consent ledger as partners and staff manage it: the tenant's publishable keys (rotation with
 * a grace period, ending a grace early), what the ledger holds (head, checkpoints, recent records),
 * its verification, and the operator's ingestion limits and development origins. Every change is
 * audited in the same transaction.
 */
import {
  consentCheckpoints,
  consentDevOrigins,
  consentIngestSettings,
  consentLedgerHeads,
  consentPublishableKeys,
  consentRecords,
  consentRecordViewColumns,
  type Database,
  tenantDomains,
  tenants,
} from "@pc/db";
import { DEFAULT_BURST, DEFAULT_RATE_PER_SECOND } from "@pc/shared";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { ConflictError, NotFoundError, PreconditionError } from "../../errors.js";
import { newPublishableKey } from "../../ledger/publishable-key.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";

/** Expired keys shown in the list, newest first. */
const EXPIRED_KEYS_SHOWN = 5;

export type KeyState = "current" | "grace" | "expired";

function keyView(row: typeof consentPublishableKeys.$inferSelect, now: Date) {
  const state: KeyState = row.expiresAt === null ? "current" : row.expiresAt > now ? "grace" : "expired";
  return { id: row.id, key: row.key, isDemo: row.isDemo, createdAt: row.createdAt, expiresAt: row.expiresAt, state };
}

export async function listKeys(db: Database, tenantId: string) {
  const now = new Date();
  const rows = await db
    .select()
    .from(consentPublishableKeys)
    .where(eq(consentPublishableKeys.tenantId, tenantId))
    .orderBy(desc(consentPublishableKeys.createdAt));
  const views = rows.map((row) => keyView(row, now));
  const live = views.filter((view) => view.state !== "expired");
  return [...live, ...views.filter((view) => view.state === "expired").slice(0, EXPIRED_KEYS_SHOWN)];
}

/**
 * Issues a new current key; the one it replaces keeps working for `graceHours` (0: stops now).
 * A key already in its grace period keeps its own end. Rotations of one tenant take turns on a
 * transaction-scoped advisory lock: locking the current key row is not enough, since a rotation
 * waiting on it would find, once the first commits, that the row is no longer current and that the
 * new key is not in its snapshot, and would try to add a second current key.
 */
export async function rotateKey(db: Database, actor: AuditActor, input: { tenantId: string; graceHours: number }) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`consent-key-rotation:${input.tenantId}`}, 0))`);
  // A statement after the lock: its snapshot includes the rotation that held the lock before.
  const [current] = await db
    .select()
    .from(consentPublishableKeys)
    .where(and(eq(consentPublishableKeys.tenantId, input.tenantId), isNull(consentPublishableKeys.expiresAt)));
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.graceHours * 3600_000);
  if (current) {
    await db
      .update(consentPublishableKeys)
      .set({ expiresAt, retiredBy: actor.userId })
      .where(and(eq(consentPublishableKeys.tenantId, input.tenantId), eq(consentPublishableKeys.id, current.id)));
  }
  const [created] = await db
    .insert(consentPublishableKeys)
    .values({ tenantId: input.tenantId, key: newPublishableKey(), createdBy: actor.userId })
    .returning();
  if (!created) throw new Error("key insert returned nothing");
  await recordAudit(db, actor, {
    tenantId: input.tenantId,
    action: "ledger.key.rotate",
    targetType: "publishable_key",
    targetId: created.id,
    before: current ? { key: current.key, expiresAt: null } : null,
    after: { key: created.key, previousKeyExpiresAt: current ? expiresAt : null, graceHours: input.graceHours },
  });
  return { key: keyView(created, now), previous: current ? keyView({ ...current, expiresAt }, now) : null };
}

/** Ends a rotated key's grace period now (a key believed leaked). The current key cannot be ended: rotate it. */
export async function expireKey(db: Database, actor: AuditActor, input: { tenantId: string; keyId: string }) {
  const [row] = await db
    .select()
    .from(consentPublishableKeys)
    .where(and(eq(consentPublishableKeys.tenantId, input.tenantId), eq(consentPublishableKeys.id, input.keyId)))
    .for("update");
  if (!row) throw new NotFoundError("Unknown key");
  const now = new Date();
  if (row.expiresAt === null) throw new PreconditionError("This is the current key: rotate it to replace it");
  if (row.expiresAt <= now) throw new PreconditionError("This key has already stopped working");
  await db
    .update(consentPublishableKeys)
    .set({ expiresAt: now, retiredBy: actor.userId })
    .where(and(eq(consentPublishableKeys.tenantId, input.tenantId), eq(consentPublishableKeys.id, input.keyId)));
  await recordAudit(db, actor, {
    tenantId: input.tenantId,
    action: "ledger.key.expire",
    targetType: "publishable_key",
    targetId: row.id,
    before: { key: row.key, expiresAt: row.expiresAt },
    after: { key: row.key, expiresAt: now },
  });
  return keyView({ ...row, expiresAt: now }, now);
}

/** Where the console runs: storefront snippets point at it; the demo storefront exists outside production. */
export interface ConsoleSite {
  publicUrl: string;
  production: boolean;
}

/** What the tenant's ledger holds, and how storefronts reach it. */
export async function overview(db: Database, tenantId: string, site: ConsoleSite) {
  const [head] = await db.select().from(consentLedgerHeads).where(eq(consentLedgerHeads.tenantId, tenantId));
  const [checkpoint] = await db
    .select({ seq: consentCheckpoints.seq, signedAt: consentCheckpoints.signedAt })
    .from(consentCheckpoints)
    .where(eq(consentCheckpoints.tenantId, tenantId))
    .orderBy(desc(consentCheckpoints.seq))
    .limit(1);
  const [last24h] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), gt(consentRecords.receivedAt, sql`now() - interval '24 hours'`)));
  const [limits] = await db.select().from(consentIngestSettings).where(eq(consentIngestSettings.tenantId, tenantId));
  const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  const domains = await db
    .select({ hostname: tenantDomains.hostname })
    .from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.status, "verified")))
    .orderBy(asc(tenantDomains.hostname));
  return {
    slug: tenant?.slug ?? "",
    records: head?.seq ?? 0,
    head: head && head.seq > 0 ? { seq: head.seq, hash: head.hash, at: head.updatedAt } : null,
    lastCheckpoint: checkpoint ?? null,
    last24h: last24h?.count ?? 0,
    rateLimit: {
      ratePerSecond: limits?.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
      burst: limits?.burst ?? DEFAULT_BURST,
      custom: limits !== undefined,
    },
    allowedOrigins: domains.map((domain) => `https://${domain.hostname}`),
    /** Outside production the console's own origin may post too (for the demo storefront). */
    consoleOrigin: site.production ? null : new URL(site.publicUrl).origin,
    embedUrl: `${site.publicUrl}/embed/consent.js`,
    demoStorefrontUrl: site.production ? null : `${site.publicUrl}/demo/storefront/${tenant?.slug ?? ""}`,
    production: site.production,
  };
}

export async function recentRecords(db: Database, tenantId: string, limit: number) {
  const rows = await db
    .select({ ...consentRecordViewColumns, hash: consentRecords.hash })
    .from(consentRecords)
    .where(eq(consentRecords.tenantId, tenantId))
    .orderBy(desc(consentRecords.seq))
    .limit(limit);
  return { records: rows };
}

/** Every tenant's ingestion limits (the default where none is set). */
export async function listIngestSettings(db: Database) {
  const rows = await db
    .select({
      tenantId: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      ratePerSecond: consentIngestSettings.ratePerSecond,
      burst: consentIngestSettings.burst,
    })
    .from(tenants)
    .leftJoin(consentIngestSettings, eq(consentIngestSettings.tenantId, tenants.id))
    .orderBy(asc(tenants.name));
  return rows.map((row) => ({
    ...row,
    ratePerSecond: row.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
    burst: row.burst ?? DEFAULT_BURST,
    custom: row.ratePerSecond !== null,
  }));
}

export async function updateIngestSettings(
  db: Database,
  actor: AuditActor,
  input: { tenantId: string; ratePerSecond: number; burst: number },
) {
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, input.tenantId));
  if (!tenant) throw new NotFoundError("Tenant not found");
  const [before] = await db.select().from(consentIngestSettings).where(eq(consentIngestSettings.tenantId, input.tenantId)).for("update");
  const values = { ratePerSecond: input.ratePerSecond, burst: input.burst, updatedBy: actor.userId, updatedAt: new Date() };
  await db
    .insert(consentIngestSettings)
    .values({ tenantId: input.tenantId, ...values })
    .onConflictDoUpdate({ target: consentIngestSettings.tenantId, set: values });
  await recordAudit(db, actor, {
    tenantId: input.tenantId,
    action: "ledger.limits.update",
    targetType: "tenant",
    targetId: input.tenantId,
    before: before
      ? { ratePerSecond: before.ratePerSecond, burst: before.burst }
      : { ratePerSecond: DEFAULT_RATE_PER_SECOND, burst: DEFAULT_BURST },
    after: { ratePerSecond: input.ratePerSecond, burst: input.burst },
  });
  return { tenantId: input.tenantId, ratePerSecond: input.ratePerSecond, burst: input.burst, custom: true };
}

/** Back to the default limits (the row is removed). */
export async function resetIngestSettings(db: Database, actor: AuditActor, input: { tenantId: string }) {
  const [before] = await db.delete(consentIngestSettings).where(eq(consentIngestSettings.tenantId, input.tenantId)).returning();
  if (!before) throw new PreconditionError("This tenant already has the default limits");
  await recordAudit(db, actor, {
    tenantId: input.tenantId,
    action: "ledger.limits.reset",
    targetType: "tenant",
    targetId: input.tenantId,
    before: { ratePerSecond: before.ratePerSecond, burst: before.burst },
    after: { ratePerSecond: DEFAULT_RATE_PER_SECOND, burst: DEFAULT_BURST },
  });
  return { tenantId: input.tenantId, ratePerSecond: DEFAULT_RATE_PER_SECOND, burst: DEFAULT_BURST, custom: false };
}

export async function listDevOrigins(db: Database) {
  return db.select().from(consentDevOrigins).orderBy(asc(consentDevOrigins.origin));
}

export async function addDevOrigin(db: Database, actor: AuditActor, input: { origin: string; note: string }) {
  const [row] = await db
    .insert(consentDevOrigins)
    .values({ origin: input.origin, note: input.note, addedBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ConflictError(`${input.origin} is already listed`);
  await recordAudit(db, actor, { action: "ledger.dev_origin.add", targetType: "origin", targetId: input.origin, after: row });
  return row;
}

export async function removeDevOrigin(db: Database, actor: AuditActor, input: { origin: string }) {
  const [row] = await db.delete(consentDevOrigins).where(eq(consentDevOrigins.origin, input.origin)).returning();
  if (!row) throw new NotFoundError(`${input.origin} is not listed`);
  await recordAudit(db, actor, { action: "ledger.dev_origin.remove", targetType: "origin", targetId: input.origin, before: row });
  return { origin: input.origin };
}
