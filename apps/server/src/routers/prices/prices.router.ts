import {
  rolesHave,
  ZCancelScheduledPricesInput,
  ZDecideRevenueShareInput,
  ZDiscardPriceDraftInput,
  ZPriceCurrencyInput,
  ZPublishPricesInput,
  ZRejectRevenueShareInput,
  ZRequestRevenueShareInput,
  ZRollbackPricesInput,
  ZSavePriceDraftInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { tenantProcedure } from "../../trpc/init.js";
import * as pricesService from "./prices.service.js";
import * as revenueShare from "./revenue-share.service.js";

/**
 * The active tenant's price books. The tenant is the session's, never one from input; the revenue
 * share has its own procedure and permission, so a partner admin's draft cannot carry it.
 */
export const pricesRouter = {
  list: tenantProcedure("prices.read").query(({ ctx }) => pricesService.listPriceBooks(ctx.db, ctx.tenantId)),
  history: tenantProcedure("prices.read")
    .input(ZPriceCurrencyInput)
    .query(({ ctx, input }) => pricesService.priceHistory(ctx.db, ctx.tenantId, input.currency)),
  saveDraft: tenantProcedure("prices.edit")
    .input(ZSavePriceDraftInput)
    .mutation(({ ctx, input }) => pricesService.saveDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  discardDraft: tenantProcedure("prices.edit")
    .input(ZDiscardPriceDraftInput)
    .mutation(({ ctx, input }) => pricesService.discardDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  publish: tenantProcedure("prices.edit")
    .input(ZPublishPricesInput)
    .mutation(({ ctx, input }) => pricesService.publish(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  rollback: tenantProcedure("prices.edit")
    .input(ZRollbackPricesInput)
    .mutation(({ ctx, input }) => pricesService.rollback(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  /** Either edit permission may reach it; the service decides by what the version changes. */
  cancelScheduled: tenantProcedure("prices.read")
    .input(ZCancelScheduledPricesInput)
    .mutation(({ ctx, input }) =>
      pricesService.cancelScheduled(ctx.db, ctx.actor, {
        tenantId: ctx.tenantId,
        ...input,
        may: { edit: rolesHave(ctx.access.roles, "prices.edit"), setShare: rolesHave(ctx.access.roles, "prices.set_revenue_share") },
      }),
    ),
  /** Revenue share changes take two people: one asks, another approves (which publishes) or rejects. */
  revenueShareRequests: tenantProcedure("prices.set_revenue_share").query(({ ctx }) => revenueShare.listRequests(ctx.db, ctx.tenantId)),
  requestRevenueShare: tenantProcedure("prices.set_revenue_share")
    .input(ZRequestRevenueShareInput)
    .mutation(({ ctx, input }) => revenueShare.requestChange(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  approveRevenueShare: tenantProcedure("prices.set_revenue_share")
    .input(ZDecideRevenueShareInput)
    .mutation(({ ctx, input }) => revenueShare.approve(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  rejectRevenueShare: tenantProcedure("prices.set_revenue_share")
    .input(ZRejectRevenueShareInput)
    .mutation(({ ctx, input }) =>
      revenueShare.reject(ctx.db, ctx.actor, { tenantId: ctx.tenantId, requestId: input.requestId, note: input.note }),
    ),
  withdrawRevenueShare: tenantProcedure("prices.set_revenue_share")
    .input(ZDecideRevenueShareInput)
    .mutation(({ ctx, input }) => revenueShare.withdraw(ctx.db, ctx.actor, { tenantId: ctx.tenantId, requestId: input.requestId })),
} satisfies TRPCRouterRecord;
