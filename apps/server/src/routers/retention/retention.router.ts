import {
  ZLegalHoldsInput,
  ZPlaceLegalHoldInput,
  ZReleaseLegalHoldInput,
  ZRetentionLimitsInput,
  ZRetentionPurgeInput,
  ZRetentionRunsInput,
  ZRetentionTenantFilter,
  ZTenantRetentionInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { operatorProcedure, scopedProcedure } from "../../trpc/init.js";
import * as holds from "./retention.holds.js";
import { retentionOverview } from "./retention.overview.js";
import * as preview from "./retention.preview.js";
import * as settings from "./retention.settings.js";

/**
 * Retention of consent records and legal holds. Anyone who may read consent sees their scope's
 * periods, preview, purges and holds (partners: their own tenant, holds and reasons included).
 * Operator admins set the default and the limits; staff with consent.retention set any tenant's
 * period and a partner admin its own; compliance and operator admins place and release holds and
 * ask for a purge now. The daily purge is a job (jobs/consent-retention.job.ts).
 */
const readProcedure = scopedProcedure({ operator: "consent.read", tenant: "consent.read" });

export const retentionRouter = {
  overview: readProcedure
    .input(ZRetentionTenantFilter)
    .query(({ ctx, input }) => retentionOverview(ctx.db, { scopeTenantId: ctx.scopeTenantId, tenantId: input.tenantId })),
  setLimits: operatorProcedure("consent.retention_limits")
    .input(ZRetentionLimitsInput)
    .mutation(({ ctx, input }) => settings.setLimits(ctx.db, ctx.actor, input)),
  setTenantPeriod: scopedProcedure({ operator: "consent.retention", tenant: "consent.retention" })
    .input(ZTenantRetentionInput)
    .mutation(({ ctx, input }) => settings.setTenantPeriod(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
  preview: readProcedure
    .input(ZRetentionTenantFilter)
    .query(({ ctx, input }) => preview.previewPurges(ctx.db, { scopeTenantId: ctx.scopeTenantId, tenantId: input.tenantId })),
  purge: operatorProcedure("consent.purge")
    .input(ZRetentionPurgeInput)
    .mutation(({ ctx, input }) => preview.requestPurge(ctx.db, { actor: ctx.actor, ...input })),
  purges: readProcedure
    .input(ZRetentionRunsInput)
    .query(({ ctx, input }) => preview.listPurges(ctx.db, { scopeTenantId: ctx.scopeTenantId, ...input })),
  holds: readProcedure
    .input(ZLegalHoldsInput)
    .query(({ ctx, input }) => holds.listHolds(ctx.db, { scopeTenantId: ctx.scopeTenantId, ...input })),
  placeHold: operatorProcedure("consent.legal_hold")
    .input(ZPlaceLegalHoldInput)
    .mutation(({ ctx, input }) => holds.placeHold(ctx.db, ctx.actor, input)),
  releaseHold: operatorProcedure("consent.legal_hold")
    .input(ZReleaseLegalHoldInput)
    .mutation(({ ctx, input }) => holds.releaseHold(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
