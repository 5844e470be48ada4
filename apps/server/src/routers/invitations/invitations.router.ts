import { ZInvitationIdInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { listPendingInvitations, revokeInvitation } from "../../services/invitations.service.js";
import { scopedProcedure } from "../../trpc/init.js";

/** Pending invitations: every one for operator staff, the active tenant's for a partner admin. */
export const invitationsRouter = {
  list: scopedProcedure({ operator: "users.read", tenant: "team.manage" }).query(({ ctx }) =>
    listPendingInvitations(ctx.db, ctx.scopeTenantId),
  ),
  revoke: scopedProcedure({ operator: "users.manage", tenant: "team.manage" })
    .input(ZInvitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, { invitationId: input.invitationId, tenantId: ctx.scopeTenantId })),
} satisfies TRPCRouterRecord;
