/**
 * The public routes' only way into the database: find the tenant a storefront names by its slug,
 * then read its rows under an RLS context narrowed to that tenant alone. An unknown, a suspended
 * and a malformed slug all come back as null, so callers answer them the same way.
 */
import { type Database, narrowToTenant, SYSTEM_CONTEXT, type Transaction, tenants, withRlsContext } from "@pc/db";
import { eq } from "drizzle-orm";

/** Wider than a tenant slug (3 to 40 characters) on purpose: anything outside it cannot name a tenant. */
export const PUBLIC_SLUG_PATTERN = /^[a-z0-9-]{1,63}$/;

export interface PublicTenant {
  id: string;
  slug: string;
  name: string;
}

export function withActiveTenant<T>(
  db: Database,
  slug: string,
  work: (tx: Transaction, tenant: PublicTenant) => Promise<T>,
): Promise<T | null> {
  if (!PUBLIC_SLUG_PATTERN.test(slug)) return Promise.resolve(null);
  return withRlsContext(db, SYSTEM_CONTEXT, async (tx) => {
    const [tenant] = await tx
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status })
      .from(tenants)
      .where(eq(tenants.slug, slug))
      .limit(1);
    if (tenant?.status !== "active") return null;
    // From here on, only this tenant's rows are visible, whatever the queries below forget to filter.
    await narrowToTenant(tx, tenant.id);
    return work(tx, { id: tenant.id, slug: tenant.slug, name: tenant.name });
  });
}
