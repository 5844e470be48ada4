/**
 * How branding versions and brand assets are shown: to the dashboard (views with asset URLs and
 * the derived button label colours), to the audit trail (snapshots) and to the history diff.
 */
import { brandAssets, type Database, tenants } from "@pc/db";
import { buttonLabelColor } from "@pc/shared";
import { and, eq, inArray } from "drizzle-orm";
import { NotFoundError } from "../../errors.js";
import type { BrandAssetRef, BrandingValues } from "./branding.diff.js";
import { type BrandingVersionRow, brandAssetPath } from "./branding.queries.js";

export const assetColumns = {
  id: brandAssets.id,
  kind: brandAssets.kind,
  contentType: brandAssets.contentType,
  width: brandAssets.width,
  height: brandAssets.height,
  byteSize: brandAssets.byteSize,
  fileName: brandAssets.fileName,
};
export type AssetMeta = { [K in keyof typeof assetColumns]: (typeof assetColumns)[K]["_"]["data"] };

/** What a view needs besides the version itself: the tenant's slug (for asset URLs) and the assets' metadata. */
export interface ViewContext {
  slug: string;
  assets: Map<string, AssetMeta>;
}

export async function tenantSlug(db: Database, tenantId: string): Promise<string> {
  const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new NotFoundError("Tenant not found");
  return tenant.slug;
}

export async function loadViewContext(db: Database, tenantId: string, rows: readonly BrandingVersionRow[]): Promise<ViewContext> {
  const ids = [...new Set(rows.flatMap((row) => [row.logoAssetId, row.faviconAssetId]).filter((id): id is string => id !== null))];
  const assets =
    ids.length === 0
      ? []
      : await db
          .select(assetColumns)
          .from(brandAssets)
          .where(and(eq(brandAssets.tenantId, tenantId), inArray(brandAssets.id, ids)));
  return { slug: await tenantSlug(db, tenantId), assets: new Map(assets.map((asset) => [asset.id, asset])) };
}

export function assetView(slug: string, asset: AssetMeta) {
  return {
    id: asset.id,
    kind: asset.kind,
    url: brandAssetPath(slug, asset.id),
    contentType: asset.contentType,
    width: asset.width,
    height: asset.height,
    byteSize: asset.byteSize,
    fileName: asset.fileName,
  };
}
export type BrandAssetView = ReturnType<typeof assetView>;

function assetOf(context: ViewContext, id: string | null): BrandAssetView | null {
  const asset = id ? context.assets.get(id) : undefined;
  return asset ? assetView(context.slug, asset) : null;
}

export function brandingView(context: ViewContext, row: BrandingVersionRow) {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    revision: row.revision,
    displayName: row.displayName,
    legalName: row.legalName,
    legalAddress: row.legalAddress,
    supportEmail: row.supportEmail,
    logo: assetOf(context, row.logoAssetId),
    favicon: assetOf(context, row.faviconAssetId),
    colors: row.colors,
    poweredBy: row.poweredBy,
    /** The label colour of a primary button, derived (storefronts must use it). */
    buttonLabel: { light: buttonLabelColor(row.colors.light.primary), dark: buttonLabelColor(row.colors.dark.primary) },
    effectiveFrom: row.effectiveFrom,
    basedOnVersion: row.basedOnVersion,
    changeSummary: row.changeSummary,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    cancelledAt: row.cancelledAt,
  };
}
export type BrandingVersionView = ReturnType<typeof brandingView>;

/** What the audit trail keeps of a version: its values, with dates as ISO strings. */
export function snapshot(row: BrandingVersionRow | null | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    revision: row.revision,
    displayName: row.displayName,
    legalName: row.legalName,
    legalAddress: row.legalAddress,
    supportEmail: row.supportEmail,
    logoAssetId: row.logoAssetId,
    faviconAssetId: row.faviconAssetId,
    colors: row.colors,
    poweredBy: row.poweredBy,
    effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
    basedOnVersion: row.basedOnVersion,
    changeSummary: row.changeSummary,
  };
}

export function brandingValues(context: ViewContext, row: BrandingVersionRow): BrandingValues {
  const ref = (id: string | null): BrandAssetRef | null => {
    const asset = assetOf(context, id);
    return asset ? { id: asset.id, fileName: asset.fileName, url: asset.url } : null;
  };
  return {
    displayName: row.displayName,
    legalName: row.legalName,
    legalAddress: row.legalAddress,
    supportEmail: row.supportEmail,
    logo: ref(row.logoAssetId),
    favicon: ref(row.faviconAssetId),
    colors: row.colors,
    poweredBy: row.poweredBy,
  };
}
