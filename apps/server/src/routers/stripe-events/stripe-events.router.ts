import { ZStripeEventIdInput, ZStripeEventListInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { replayEvent } from "../../payments/webhooks.service.js";
import { operatorProcedure } from "../../trpc/init.js";
import * as eventsService from "./stripe-events.service.js";

/** Stripe's webhook events as the console stored them (operator staff only), and replaying one. */
export const stripeEventsRouter = {
  list: operatorProcedure("stripe_events.read")
    .input(ZStripeEventListInput)
    .query(({ ctx, input }) => eventsService.listEvents(ctx.db, input)),
  detail: operatorProcedure("stripe_events.read")
    .input(ZStripeEventIdInput)
    .query(({ ctx, input }) => eventsService.eventDetail(ctx.db, input.eventId)),
  replay: operatorProcedure("stripe_events.replay")
    .input(ZStripeEventIdInput)
    .mutation(({ ctx, input }) => replayEvent(ctx.db, ctx.stripe, ctx.actor, input.eventId, { publicUrl: ctx.publicUrl })),
} satisfies TRPCRouterRecord;
