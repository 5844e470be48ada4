import { narrowToTenant } from "@pc/db";
import {
  ZAddendumKindInput,
  ZAddendumRevisionInput,
  ZApproveAddendumInput,
  ZRejectAddendumInput,
  ZRenderedPolicyInput,
  ZSaveAddendumDraftInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { operatorProcedure, tenantProcedure } from "../../trpc/init.js";
import * as addendaService from "./addenda.service.js";

/**
 * Tenant addenda to the operator's policies. The tenant's side acts on the session's active tenant;
 * the staff side (review across tenants) names the tenant in its input, under operator scope.
 */
export const addendaRouter = {
  get: tenantProcedure("policies.read")
    .input(ZAddendumKindInput)
    .query(({ ctx, input }) => addendaService.getAddendum(ctx.db, { tenantId: ctx.tenantId, kind: input.kind })),
  rendered: tenantProcedure("policies.read")
    .input(ZRenderedPolicyInput)
    .query(({ ctx, input }) => addendaService.renderedPolicy(ctx.db, { tenantId: ctx.tenantId, ...input })),
  saveDraft: tenantProcedure("policies.edit_addendum")
    .input(ZSaveAddendumDraftInput)
    .mutation(({ ctx, input }) => addendaService.saveDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  discardDraft: tenantProcedure("policies.edit_addendum")
    .input(ZAddendumRevisionInput)
    .mutation(({ ctx, input }) => addendaService.discardDraft(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  requestApproval: tenantProcedure("policies.edit_addendum")
    .input(ZAddendumRevisionInput)
    .mutation(({ ctx, input }) => addendaService.requestApproval(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  pending: operatorProcedure("policies.approve").query(({ ctx }) => addendaService.listPending(ctx.db)),
  approve: operatorProcedure("policies.approve")
    .input(ZApproveAddendumInput)
    .mutation(async ({ ctx, input }) => {
      // Staff act on the tenant named in the input: RLS shows only its rows for the rest of the call.
      await narrowToTenant(ctx.db, input.tenantId);
      return addendaService.approve(ctx.db, ctx.actor, input);
    }),
  reject: operatorProcedure("policies.approve")
    .input(ZRejectAddendumInput)
    .mutation(async ({ ctx, input }) => {
      await narrowToTenant(ctx.db, input.tenantId);
      return addendaService.reject(ctx.db, ctx.actor, input);
    }),
} satisfies TRPCRouterRecord;
