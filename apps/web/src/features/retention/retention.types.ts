import type { RouterOutputs } from "../../lib/trpc";

export type RetentionOverview = RouterOutputs["retention"]["overview"];
export type TenantRetention = RetentionOverview["tenants"][number];
export type PurgePreviewRow = RouterOutputs["retention"]["preview"]["tenants"][number];
export type LegalHold = RouterOutputs["retention"]["holds"][number];
export type PurgeRun = RouterOutputs["retention"]["purges"][number];
