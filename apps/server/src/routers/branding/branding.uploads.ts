/**
 * Logos and favicons: storing a checked upload (see branding.assets.ts for the checks) and
 * making sure a draft only refers to this tenant's uploads of the right kind.
 */
import { createHash } from "node:crypto";
import { brandAssets, type Database } from "@pc/db";
import type { BrandAssetKind, UploadBrandAssetInput } from "@pc/shared";
import { and, eq } from "drizzle-orm";
import { InvalidInputError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { checkBrandAsset } from "./branding.assets.js";
import { assetColumns, assetView, tenantSlug } from "./branding.views.js";

/** A chosen logo or favicon must be an upload of this tenant, of that kind. */
export async function requireAsset(
  db: Database,
  tenantId: string,
  field: "logoAssetId" | "faviconAssetId",
  kind: BrandAssetKind,
  id: string | null,
) {
  if (id === null) return;
  const [asset] = await db
    .select({ kind: brandAssets.kind })
    .from(brandAssets)
    .where(and(eq(brandAssets.tenantId, tenantId), eq(brandAssets.id, id)))
    .limit(1);
  if (!asset) throw new InvalidInputError(field, `The ${kind} must be an image uploaded for this brand`);
  if (asset.kind !== kind) throw new InvalidInputError(field, `That image was uploaded as a ${asset.kind}; upload it again as a ${kind}`);
}

// ---------------------------------------------------------------------------------------------
// Assets

export async function uploadAsset(db: Database, actor: AuditActor, { tenantId, ...input }: { tenantId: string } & UploadBrandAssetInput) {
  const checked = checkBrandAsset({
    kind: input.kind,
    fileName: input.fileName,
    contentType: input.contentType,
    bytes: Buffer.from(input.dataBase64, "base64"),
  });
  const [asset] = await db
    .insert(brandAssets)
    .values({
      tenantId,
      kind: input.kind,
      contentType: checked.contentType,
      bytes: checked.bytes,
      byteSize: checked.bytes.length,
      sha256: createHash("sha256").update(checked.bytes).digest("hex"),
      width: checked.width,
      height: checked.height,
      fileName: input.fileName,
      createdBy: actor.userId,
    })
    .returning({ ...assetColumns, sha256: brandAssets.sha256 });
  if (!asset) throw new Error("insert returned no row");
  const { sha256, ...meta } = asset;
  // The audit trail keeps what was stored, never the bytes.
  await recordAudit(db, actor, {
    tenantId,
    action: "branding.upload_asset",
    targetType: "brand_asset",
    targetId: asset.id,
    after: { ...meta, sha256, sanitized: checked.sanitized },
  });
  return { ...assetView(await tenantSlug(db, tenantId), meta), sanitized: checked.sanitized };
}
