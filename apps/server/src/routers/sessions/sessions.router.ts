import { ZRevokeSessionInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { NotFoundError } from "../../errors.js";
import { recordAudit } from "../../services/audit.service.js";
import { listActiveSessions, revokeSession, revokeUserSessions } from "../../services/session.service.js";
import { signedInProcedure } from "../../trpc/init.js";

/** Your own sessions. */
export const sessionsRouter = {
  list: signedInProcedure.query(({ ctx }) => listActiveSessions(ctx.db, ctx.session.userId, ctx.session.sessionId)),

  revoke: signedInProcedure.input(ZRevokeSessionInput).mutation(async ({ ctx, input }) => {
    const own = await listActiveSessions(ctx.db, ctx.session.userId);
    // Another person's session id reads as unknown.
    if (!own.some((s) => s.id === input.sessionId)) throw new NotFoundError("Session not found, or already ended");
    await revokeSession(ctx.db, input.sessionId, "revoked by its owner");
    await recordAudit(ctx.db, ctx.actor, {
      action: "session.revoke",
      targetType: "session",
      targetId: input.sessionId,
      after: { userId: ctx.session.userId },
    });
    return { ok: true as const };
  }),

  revokeOthers: signedInProcedure.mutation(async ({ ctx }) => {
    const revoked = await revokeUserSessions(ctx.db, ctx.session.userId, "revoked by its owner", ctx.session.sessionId);
    await recordAudit(ctx.db, ctx.actor, {
      action: "session.revoke_others",
      targetType: "user",
      targetId: ctx.session.userId,
      after: { revoked },
    });
    return { revoked };
  }),
} satisfies TRPCRouterRecord;
