import { ZInviteUserInput, ZRevokeUserSessionInput, ZSetOperatorRoleInput, ZUserIdInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { NotFoundError } from "../../errors.js";
import { recordAudit } from "../../services/audit.service.js";
import { createInvitation } from "../../services/invitations.service.js";
import { listActiveSessions, revokeSession, revokeUserSessions } from "../../services/session.service.js";
import { operatorProcedure } from "../../trpc/init.js";
import * as usersService from "./users.service.js";

/** Operator staff manage every account. */
export const usersRouter = {
  list: operatorProcedure("users.read").query(({ ctx }) => usersService.listUsers(ctx.db)),

  invite: operatorProcedure("users.manage")
    .input(ZInviteUserInput)
    .mutation(({ ctx, input }) =>
      createInvitation(ctx.db, ctx.actor, {
        email: input.email,
        role: input.role,
        tenantId: input.tenantId ?? null,
        publicUrl: ctx.publicUrl,
        tokens: ctx.tokens,
      }),
    ),

  setOperatorRole: operatorProcedure("users.manage")
    .input(ZSetOperatorRoleInput)
    .mutation(({ ctx, input }) => usersService.setOperatorRole(ctx.db, ctx.actor, input)),

  sessions: operatorProcedure("sessions.manage_any")
    .input(ZUserIdInput)
    .query(async ({ ctx, input }) => {
      await usersService.requireUser(ctx.db, input.userId);
      return listActiveSessions(ctx.db, input.userId, ctx.session.sessionId);
    }),

  revokeSession: operatorProcedure("sessions.manage_any")
    .input(ZRevokeUserSessionInput)
    .mutation(async ({ ctx, input }) => {
      const live = await listActiveSessions(ctx.db, input.userId);
      if (!live.some((s) => s.id === input.sessionId)) throw new NotFoundError("Session not found, or already ended");
      await revokeSession(ctx.db, input.sessionId, `revoked by ${ctx.actor.label}`);
      await recordAudit(ctx.db, ctx.actor, {
        action: "session.revoke",
        targetType: "session",
        targetId: input.sessionId,
        after: { userId: input.userId },
      });
      return { ok: true as const };
    }),

  revokeAllSessions: operatorProcedure("sessions.manage_any")
    .input(ZUserIdInput)
    .mutation(async ({ ctx, input }) => {
      await usersService.requireUser(ctx.db, input.userId);
      const revoked = await revokeUserSessions(ctx.db, input.userId, `revoked by ${ctx.actor.label}`);
      await recordAudit(ctx.db, ctx.actor, {
        action: "session.revoke_all",
        targetType: "user",
        targetId: input.userId,
        after: { revoked },
      });
      return { revoked };
    }),
} satisfies TRPCRouterRecord;
