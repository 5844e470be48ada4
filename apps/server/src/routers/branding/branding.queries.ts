/**
 * Reads of a tenant's branding versions that the branding service and the public storefront
 * config share. Callers run inside an RLS context that shows the tenant's rows.
 */
import { brandingVersions, type Database } from "@pc/db";
import { and, desc, eq, lte } from "drizzle-orm";
import { CURRENT_TIME } from "../../services/versions.js";

export type BrandingVersionRow = typeof brandingVersions.$inferSelect;

export async function findBrandingDraft(db: Database, tenantId: string): Promise<BrandingVersionRow | null> {
  const [row] = await db
    .select()
    .from(brandingVersions)
    .where(and(eq(brandingVersions.tenantId, tenantId), eq(brandingVersions.status, "draft")))
    .limit(1);
  return row ?? null;
}

/** The published version with the greatest effective-from not after now (the later version on a tie). */
export async function findBrandingInEffect(db: Database, tenantId: string): Promise<BrandingVersionRow | null> {
  const [row] = await db
    .select()
    .from(brandingVersions)
    .where(
      and(
        eq(brandingVersions.tenantId, tenantId),
        eq(brandingVersions.status, "published"),
        lte(brandingVersions.effectiveFrom, CURRENT_TIME),
      ),
    )
    .orderBy(desc(brandingVersions.effectiveFrom), desc(brandingVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * Where a stored logo or favicon is served (by the public assets route, to storefronts and to the
 * dashboard's preview alike). Asset ids are random, and an asset never changes, so the URL can be
 * cached for a year.
 */
export function brandAssetPath(tenantSlug: string, assetId: string): string {
  return `/api/public/assets/${encodeURIComponent(tenantSlug)}/${assetId}`;
}
