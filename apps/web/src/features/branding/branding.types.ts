/** The branding procedures' outputs as the page uses them, named once. */
import type { RouterOutputs } from "../../lib/trpc";

export type BrandingState = RouterOutputs["branding"]["get"];
export type BrandingVersionView = NonNullable<BrandingState["inEffect"]>;
export type BrandAsset = NonNullable<BrandingVersionView["logo"]>;
export type UploadedAsset = RouterOutputs["branding"]["uploadAsset"];
export type BrandingHistoryEntry = RouterOutputs["branding"]["history"][number];
export type BrandingFieldChange = BrandingHistoryEntry["changes"][number];
