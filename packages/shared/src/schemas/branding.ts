// Inputs of the branding and custom-domain procedures, shared by the server and the web forms.
// The "powered by Masterchannel" flag is not part of a draft: only operator staff change it, with
// its own procedure, so a partner's form cannot carry it.

import { z } from "zod";
import { ZBrandingColors } from "../branding/themes.js";
import { ZEmail } from "./auth.js";
import { hasNoNul, nulMessage } from "./text.js";

/** 512 KB: the largest logo or favicon accepted. */
export const MAX_BRAND_ASSET_BYTES = 512 * 1024;
/** The shortest side of a PNG or WebP logo, in pixels. Favicons may be smaller. */
export const MIN_LOGO_SIDE_PX = 128;
export const MIN_FAVICON_SIDE_PX = 16;
export const BRAND_ASSET_KINDS = ["logo", "favicon"] as const;
export type BrandAssetKind = (typeof BRAND_ASSET_KINDS)[number];
export const BRAND_ASSET_TYPES = ["image/png", "image/webp", "image/svg+xml"] as const;
export type BrandAssetType = (typeof BRAND_ASSET_TYPES)[number];
/** The file name endings each type may carry. */
export const BRAND_ASSET_EXTENSIONS: Record<BrandAssetType, readonly string[]> = {
  "image/png": [".png"],
  "image/webp": [".webp"],
  "image/svg+xml": [".svg"],
};
export const MAX_DOMAINS_PER_TENANT = 5;

const ZRevision = z
  .number({ message: "Revision must be a number" })
  .int("Revision must be a whole number")
  .positive("Revision must be positive");

const ZAssetId = z.uuid({ message: "Asset id must be an id returned by an upload" }).nullable();

/** What a partner edits in a branding draft. */
export const ZBrandingFields = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "Display name is required")
    .max(80, "Keep the display name under 80 characters")
    .refine(hasNoNul, nulMessage("Display name")),
  legalName: z
    .string()
    .trim()
    .min(1, "Legal entity name is required")
    .max(200, "Keep the legal entity name under 200 characters")
    .refine(hasNoNul, nulMessage("Legal entity name")),
  legalAddress: z
    .string()
    .trim()
    .min(1, "Legal address is required")
    .max(500, "Keep the legal address under 500 characters")
    .refine(hasNoNul, nulMessage("Legal address")),
  supportEmail: ZEmail,
  logoAssetId: ZAssetId,
  faviconAssetId: ZAssetId,
  colors: ZBrandingColors,
});
export type BrandingFields = z.output<typeof ZBrandingFields>;

export const ZSaveBrandingDraftInput = ZBrandingFields.extend({
  changeSummary: z.string().trim().max(500, "Keep the summary under 500 characters").refine(hasNoNul, nulMessage("The summary")).optional(),
  /** The draft's revision the editor started from; left out when no draft was open. */
  expectedRevision: ZRevision.optional(),
});
export type SaveBrandingDraftInput = z.output<typeof ZSaveBrandingDraftInput>;

export const ZDiscardBrandingDraftInput = z.object({ expectedRevision: ZRevision });

/** Left out, `effectiveFrom` means now; else it must lie in the future, at most a year ahead (checked by the server). */
export const ZPublishBrandingInput = z.object({
  expectedRevision: ZRevision,
  effectiveFrom: z.date({ message: "Effective from must be a date and time" }).optional(),
});

export const ZRollbackBrandingInput = z.object({
  version: z.number({ message: "Version must be a number" }).int("Version must be a whole number").positive("Version must be positive"),
});

/** A version scheduled for later, withdrawn before it takes effect. */
export const ZCancelScheduledBrandingInput = ZRollbackBrandingInput;

export const ZSetPoweredByInput = z.object({ poweredBy: z.boolean({ message: "Powered by must be true or false" }) });

/**
 * An upload, base64 in JSON (at most 512 KB decoded, checked exactly by the server). The declared
 * type and the file name's ending must agree with each other and with the bytes.
 */
export const ZUploadBrandAssetInput = z.object({
  kind: z.enum(BRAND_ASSET_KINDS, { message: "Kind must be logo or favicon" }),
  fileName: z.string().trim().min(1, "File name is required").max(200, "File name is too long").refine(hasNoNul, nulMessage("File name")),
  contentType: z.enum(BRAND_ASSET_TYPES, { message: "File must be a PNG, WebP or SVG image" }),
  dataBase64: z
    .string()
    .max(Math.ceil((MAX_BRAND_ASSET_BYTES * 4) / 3) + 4, "File must be at most 512 KB")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "File data must be base64"),
});
export type UploadBrandAssetInput = z.output<typeof ZUploadBrandAssetInput>;

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
export const HOSTNAME_MESSAGE = "Host name must be a domain name such as shop.example.com";

/**
 * A host name a storefront can answer on: lowercase letters, digits and hyphens in dot-separated
 * labels (IDNs in their xn-- form), at least two labels, a top-level label that is not all
 * digits (so no IP addresses), 253 characters at most. A trailing dot is dropped.
 */
export const ZHostname = z
  .string({ message: HOSTNAME_MESSAGE })
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/\.$/, ""))
  .refine((value) => {
    if (value.length < 3 || value.length > 253) return false;
    const labels = value.split(".");
    if (labels.length < 2) return false;
    if (!labels.every((label) => HOST_LABEL.test(label))) return false;
    return !/^[0-9]+$/.test(labels[labels.length - 1] ?? "");
  }, HOSTNAME_MESSAGE);

export const ZAddDomainInput = z.object({ hostname: ZHostname });
export const ZDomainIdInput = z.object({ domainId: z.uuid({ message: "Domain id must be an id" }) });
