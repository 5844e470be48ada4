import { ZTeamChangeRoleInput, ZTeamInviteInput, ZTeamMemberInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { createInvitation } from "../../services/invitations.service.js";
import { tenantProcedure } from "../../trpc/init.js";
import * as teamService from "./team.service.js";

/** The active tenant's team. The tenant is the session's, never one from input. */
export const teamRouter = {
  list: tenantProcedure("team.read").query(({ ctx }) => teamService.listTeam(ctx.db, ctx.tenantId)),
  invite: tenantProcedure("team.manage")
    .input(ZTeamInviteInput)
    .mutation(({ ctx, input }) =>
      createInvitation(ctx.db, ctx.actor, {
        email: input.email,
        role: input.role,
        tenantId: ctx.tenantId,
        publicUrl: ctx.publicUrl,
        tokens: ctx.tokens,
      }),
    ),
  changeRole: tenantProcedure("team.manage")
    .input(ZTeamChangeRoleInput)
    .mutation(({ ctx, input }) => teamService.changeRole(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
  remove: tenantProcedure("team.manage")
    .input(ZTeamMemberInput)
    .mutation(({ ctx, input }) => teamService.removeMember(ctx.db, ctx.actor, { tenantId: ctx.tenantId, ...input })),
} satisfies TRPCRouterRecord;
