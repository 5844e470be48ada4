import { ZEarningsPageInput, ZOnboardingLinkInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { tenantProcedure } from "../../trpc/init.js";
import * as earningsService from "./earnings.service.js";

/**
 * The active tenant's earnings and its Stripe account (the tenant is the session's, never one from
 * input). Only a partner admin (or an operator admin acting as the tenant) starts onboarding.
 */
export const earningsRouter = {
  account: tenantProcedure("earnings.read").query(({ ctx }) => earningsService.account(ctx.db, ctx.tenantId)),
  startOnboarding: tenantProcedure("earnings.onboard")
    .input(ZOnboardingLinkInput)
    .mutation(({ ctx, input }) =>
      earningsService.startOnboarding(ctx.db, ctx.stripe, ctx.actor, {
        tenantId: ctx.tenantId,
        consoleUrl: ctx.publicUrl,
        returnPath: input.returnPath,
      }),
    ),
  summary: tenantProcedure("earnings.read").query(({ ctx }) => earningsService.summary(ctx.db, ctx.stripe, ctx.tenantId)),
  sales: tenantProcedure("earnings.read")
    .input(ZEarningsPageInput)
    .query(({ ctx, input }) => earningsService.listSales(ctx.db, ctx.tenantId, input)),
  adjustments: tenantProcedure("earnings.read").query(({ ctx }) => earningsService.listAdjustments(ctx.db, ctx.tenantId)),
  payouts: tenantProcedure("earnings.read")
    .input(ZEarningsPageInput)
    .query(({ ctx, input }) => earningsService.listPayouts(ctx.db, ctx.tenantId, input)),
} satisfies TRPCRouterRecord;
