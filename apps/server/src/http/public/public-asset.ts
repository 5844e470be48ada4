/**
 * A stored logo or favicon as the public assets route serves it: any asset of an active tenant,
 * found by the tenant's slug and the asset's random id. Asset ids are unguessable and assets never
 * change, so the URL is both the capability and the cache key.
 */
import { brandAssets, type Database } from "@pc/db";
import { and, eq } from "drizzle-orm";
import { withActiveTenant } from "./active-tenant.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PublicAsset {
  contentType: "image/png" | "image/webp" | "image/svg+xml";
  bytes: Buffer;
  /** Hex sha256 of `bytes`, stored at upload. */
  sha256: string;
}

/** null for an unknown, suspended or malformed tenant, a malformed id, or another tenant's asset. */
export async function findPublicAsset(db: Database, slug: string, assetId: string): Promise<PublicAsset | null> {
  // A malformed id would make PostgreSQL refuse the uuid cast: answer it before asking.
  if (!UUID_PATTERN.test(assetId)) return null;
  return withActiveTenant(db, slug, async (tx, tenant) => {
    const [asset] = await tx
      .select({ contentType: brandAssets.contentType, bytes: brandAssets.bytes, sha256: brandAssets.sha256 })
      .from(brandAssets)
      .where(and(eq(brandAssets.tenantId, tenant.id), eq(brandAssets.id, assetId.toLowerCase())))
      .limit(1);
    return asset ?? null;
  });
}
