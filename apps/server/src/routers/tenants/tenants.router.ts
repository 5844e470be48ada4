import { ZCreateTenantInput, ZSuspendTenantInput, ZTenantIdInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import type { SessionUser } from "../../services/session.service.js";
import { type Access, operatorProcedure, signedInProcedure } from "../../trpc/init.js";
import * as tenantsService from "./tenants.service.js";

const viewerOf = (session: SessionUser, access: Access): tenantsService.Viewer => ({
  userId: session.userId,
  allTenants: session.operatorRole !== null,
  activeTenantId: access.activeTenantRole ? access.activeTenantId : null,
});

/** Partners see the tenants they belong to (RLS and memberships); operator staff see all. */
export const tenantsRouter = {
  list: signedInProcedure.query(({ ctx }) => tenantsService.listTenants(ctx.db, viewerOf(ctx.session, ctx.access))),
  get: signedInProcedure
    .input(ZTenantIdInput)
    .query(({ ctx, input }) => tenantsService.getTenant(ctx.db, viewerOf(ctx.session, ctx.access), input.id)),
  create: operatorProcedure("tenants.manage")
    .input(ZCreateTenantInput)
    .mutation(({ ctx, input }) => tenantsService.createTenant(ctx.db, ctx.actor, input)),
  suspend: operatorProcedure("tenants.manage")
    .input(ZSuspendTenantInput)
    .mutation(({ ctx, input }) => tenantsService.suspendTenant(ctx.db, ctx.actor, input)),
  reactivate: operatorProcedure("tenants.manage")
    .input(ZTenantIdInput)
    .mutation(({ ctx, input }) => tenantsService.reactivateTenant(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
