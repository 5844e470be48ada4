import { ZAddDomainInput, ZDomainIdInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { tenantProcedure } from "../../trpc/init.js";
import * as domainsService from "./domains.service.js";

/**
 * The active tenant's custom domains. The tenant is the session's, never one from input; a domain
 * id of another tenant answers NOT_FOUND, as an unknown one does.
 */
export const domainsRouter = {
  list: tenantProcedure("branding.read").query(({ ctx }) => domainsService.listDomains(ctx.db, ctx.tenantId)),
  add: tenantProcedure("branding.edit")
    .input(ZAddDomainInput)
    .mutation(({ ctx, input }) =>
      domainsService.addDomain(ctx.db, ctx.actor, { tenantId: ctx.tenantId, hostname: input.hostname, publicUrl: ctx.publicUrl }),
    ),
  check: tenantProcedure("branding.edit")
    .input(ZDomainIdInput)
    .mutation(({ ctx, input }) =>
      domainsService.checkDomain(ctx.db, ctx.actor, ctx.dns, { tenantId: ctx.tenantId, domainId: input.domainId }),
    ),
  remove: tenantProcedure("branding.edit")
    .input(ZDomainIdInput)
    .mutation(({ ctx, input }) => domainsService.removeDomain(ctx.db, ctx.actor, { tenantId: ctx.tenantId, domainId: input.domainId })),
} satisfies TRPCRouterRecord;
