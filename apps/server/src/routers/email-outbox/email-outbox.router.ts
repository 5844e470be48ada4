import { ZEmailOutboxId, ZListEmailOutboxInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { operatorProcedure, scopedProcedure } from "../../trpc/init.js";
import * as service from "./email-outbox.service.js";

/**
 * The email outbox: every mail for operator admins, the tenant's own (tenant-audience) mail for its
 * partner admins. Whether SMTP delivery is configured is told, never the URL. Sending a failed
 * mail again is operator admins' (audited).
 */
const readProcedure = scopedProcedure({ operator: "email.read", tenant: "email.read" });

export const emailOutboxRouter = {
  delivery: readProcedure.query(({ ctx }) => ({ smtpConfigured: ctx.smtpConfigured ?? false })),
  list: readProcedure
    .input(ZListEmailOutboxInput)
    .query(({ ctx, input }) => service.listEmails(ctx.db, { scopeTenantId: ctx.scopeTenantId, ...input })),
  detail: readProcedure
    .input(ZEmailOutboxId)
    .query(({ ctx, input }) => service.emailDetail(ctx.db, { scopeTenantId: ctx.scopeTenantId, emailId: input.emailId })),
  retry: operatorProcedure("email.retry")
    .input(ZEmailOutboxId)
    .mutation(({ ctx, input }) => service.retryEmail(ctx.db, ctx.actor, { emailId: input.emailId })),
} satisfies TRPCRouterRecord;
