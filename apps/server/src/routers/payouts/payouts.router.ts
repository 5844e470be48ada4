import { ZHoldPayoutsInput, ZPayoutIdInput, ZPayoutListInput, ZReleasePayoutsInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { operatorProcedure } from "../../trpc/init.js";
import * as payoutsService from "./payouts.service.js";

/** Finance's review of every partner's payouts, across tenants (operator staff only). */
export const payoutsRouter = {
  list: operatorProcedure("payouts.read")
    .input(ZPayoutListInput)
    .query(({ ctx, input }) => payoutsService.listPayouts(ctx.db, input)),
  detail: operatorProcedure("payouts.read")
    .input(ZPayoutIdInput)
    .query(({ ctx, input }) => payoutsService.payoutDetail(ctx.db, input.payoutId)),
  refresh: operatorProcedure("payouts.read")
    .input(ZPayoutIdInput)
    .mutation(({ ctx, input }) => payoutsService.refreshPayout(ctx.db, ctx.stripe, input.payoutId)),
  accounts: operatorProcedure("payouts.read").query(({ ctx }) => payoutsService.listAccounts(ctx.db)),
  hold: operatorProcedure("payouts.hold")
    .input(ZHoldPayoutsInput)
    .mutation(({ ctx, input }) => payoutsService.holdPayouts(ctx.db, ctx.stripe, ctx.actor, input)),
  release: operatorProcedure("payouts.hold")
    .input(ZReleasePayoutsInput)
    .mutation(({ ctx, input }) => payoutsService.releasePayouts(ctx.db, ctx.stripe, ctx.actor, input)),
} satisfies TRPCRouterRecord;
