import {
  rolesHave,
  ZCancelScheduledBrandingInput,
  ZDiscardBrandingDraftInput,
  ZPublishBrandingInput,
  ZRollbackBrandingInput,
  ZSaveBrandingDraftInput,
  ZSetPoweredByInput,
  ZUploadBrandAssetInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { tenantProcedure } from "../../trpc/init.js";
import * as brandingService from "./branding.service.js";
import { uploadAsset } from "./branding.uploads.js";

/**
 * The active tenant's branding. The tenant is the session's, never one from input; the "powered
 * by" flag has its own procedure and permission, so a partner admin's draft cannot carry it.
 */
export const brandingRouter = {
  get: tenantProcedure("branding.read").query(({ ctx }) => brandingService.getBranding(ctx.db, ctx.tenantId)),
  history: tenantProcedure("branding.read").query(({ ctx }) => brandingService.brandingHistory(ctx.db, ctx.tenantId)),
  saveDraft: tenantProcedure("branding.edit")
    .input(ZSaveBrandingDraftInput)
    .mutation(({ ctx, input }) => brandingService.saveDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  discardDraft: tenantProcedure("branding.edit")
    .input(ZDiscardBrandingDraftInput)
    .mutation(({ ctx, input }) => brandingService.discardDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  publish: tenantProcedure("branding.edit")
    .input(ZPublishBrandingInput)
    .mutation(({ ctx, input }) => brandingService.publish(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  rollback: tenantProcedure("branding.edit")
    .input(ZRollbackBrandingInput)
    .mutation(({ ctx, input }) => brandingService.rollback(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  setPoweredBy: tenantProcedure("branding.set_powered_by")
    .input(ZSetPoweredByInput)
    .mutation(({ ctx, input }) => brandingService.setPoweredBy(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  cancelScheduled: tenantProcedure("branding.edit")
    .input(ZCancelScheduledBrandingInput)
    .mutation(({ ctx, input }) =>
      brandingService.cancelScheduled(ctx.db, ctx.actor, {
        tenantId: ctx.tenantId,
        ...input,
        maySetPoweredBy: rolesHave(ctx.access.roles, "branding.set_powered_by"),
      }),
    ),
  uploadAsset: tenantProcedure("branding.edit")
    .input(ZUploadBrandAssetInput)
    .mutation(({ ctx, input }) => uploadAsset(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
} satisfies TRPCRouterRecord;
