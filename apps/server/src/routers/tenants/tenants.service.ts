/** Partner tenants: listing what the caller may see, and the operator's create / suspend / reactivate. */
import { consentPublishableKeys, type Database, sessions, tenantMemberships, tenants } from "@pc/db";
import type { CreateTenantInput } from "@pc/shared";
import { and, asc, count, eq, getTableColumns, inArray } from "drizzle-orm";
import { ConflictError, NotFoundError, PreconditionError } from "../../errors.js";
import { newPublishableKey } from "../../ledger/publishable-key.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";

const memberCount = count(tenantMemberships.userId);

/** Create, suspend and reactivate are operator procedures: they see every tenant. */
const OPERATOR_VIEW = (actor: AuditActor): Viewer => ({ userId: actor.userId ?? "", allTenants: true, activeTenantId: null });

/** Whose view: operator staff see every tenant, anyone else only the tenants they belong to. */
export interface Viewer {
  userId: string;
  allTenants: boolean;
  /** A partner sees the member count of the tenant they act on only. */
  activeTenantId: string | null;
}

/** Filters in the query as well as by RLS: the two layers must each hold on their own. */
function selectTenants(db: Database, viewer: Viewer, id?: string) {
  const own = viewer.allTenants
    ? undefined
    : inArray(
        tenants.id,
        db.select({ id: tenantMemberships.tenantId }).from(tenantMemberships).where(eq(tenantMemberships.userId, viewer.userId)),
      );
  return db
    .select({ ...getTableColumns(tenants), memberCount })
    .from(tenants)
    .leftJoin(tenantMemberships, eq(tenantMemberships.tenantId, tenants.id))
    .where(and(own, id ? eq(tenants.id, id) : undefined))
    .groupBy(tenants.id);
}

function withVisibleCount<T extends { id: string; memberCount: number }>(
  viewer: Viewer,
  tenant: T,
): Omit<T, "memberCount"> & { memberCount: number | null } {
  return viewer.allTenants || tenant.id === viewer.activeTenantId ? tenant : { ...tenant, memberCount: null };
}

export async function listTenants(db: Database, viewer: Viewer) {
  const rows = await selectTenants(db, viewer).orderBy(asc(tenants.name));
  return rows.map((tenant) => withVisibleCount(viewer, tenant));
}

export async function getTenant(db: Database, viewer: Viewer, id: string) {
  const [tenant] = await selectTenants(db, viewer, id);
  if (!tenant) throw new NotFoundError("Tenant not found");
  return withVisibleCount(viewer, tenant);
}

export async function createTenant(db: Database, actor: AuditActor, input: CreateTenantInput) {
  const [clash] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, input.slug)).limit(1);
  if (clash) throw new ConflictError(`The slug "${input.slug}" is taken`);
  const [tenant] = await db.insert(tenants).values(input).returning();
  if (!tenant) throw new Error("tenant insert returned nothing");
  // Its storefront can record consent from the start; the partner rotates the key when they like.
  await db.insert(consentPublishableKeys).values({ tenantId: tenant.id, key: newPublishableKey(), createdBy: actor.userId });
  await recordAudit(db, actor, { tenantId: tenant.id, action: "tenant.create", targetType: "tenant", targetId: tenant.id, after: tenant });
  return { ...tenant, memberCount: 0 };
}

export async function suspendTenant(db: Database, actor: AuditActor, input: { id: string; reason: string }) {
  const before = await getTenant(db, OPERATOR_VIEW(actor), input.id);
  if (before.status === "suspended") throw new PreconditionError("The tenant is already suspended");
  const [after] = await db
    .update(tenants)
    .set({ status: "suspended", suspendedAt: new Date(), suspendedReason: input.reason, updatedAt: new Date() })
    .where(eq(tenants.id, input.id))
    .returning();
  // Sessions parked on the tenant lose it; their next request finds no tenant to act on.
  await db.update(sessions).set({ activeTenantId: null }).where(eq(sessions.activeTenantId, input.id));
  await recordAudit(db, actor, { tenantId: input.id, action: "tenant.suspend", targetType: "tenant", targetId: input.id, before, after });
  return { ...before, ...after };
}

export async function reactivateTenant(db: Database, actor: AuditActor, input: { id: string }) {
  const before = await getTenant(db, OPERATOR_VIEW(actor), input.id);
  if (before.status === "active") throw new PreconditionError("The tenant is already active");
  const [after] = await db
    .update(tenants)
    .set({ status: "active", suspendedAt: null, suspendedReason: null, updatedAt: new Date() })
    .where(eq(tenants.id, input.id))
    .returning();
  await recordAudit(db, actor, {
    tenantId: input.id,
    action: "tenant.reactivate",
    targetType: "tenant",
    targetId: input.id,
    before,
    after,
  });
  return { ...before, ...after };
}
