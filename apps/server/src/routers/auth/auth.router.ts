import { SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { ZAcceptInvitationInput, ZChangePasswordInput, ZInvitationTokenInput, ZLoginInput, ZSwitchTenantInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import * as accountService from "../../services/account.service.js";
import * as invitationsService from "../../services/invitations.service.js";
import * as loginService from "../../services/login.service.js";
import * as sessionService from "../../services/session.service.js";
import type { Context } from "../../trpc/context.js";
import { publicProcedure, signedInProcedure } from "../../trpc/init.js";

/** Starts a fresh session (a new id at every login) and ends the one the cookie held, if any. */
async function startSession(ctx: Context, userId: string) {
  return withRlsContext(ctx.rootDb, SYSTEM_CONTEXT, async (tx) => {
    const previous = ctx.session?.sessionId;
    if (previous) await sessionService.revokeSession(tx, previous, "replaced by a new login");
    const activeTenantId = await accountService.defaultTenantFor(tx, userId);
    const session = await sessionService.createSession(tx, ctx.tokens, {
      userId,
      activeTenantId,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    ctx.cookies.set(session.token, session.expiresAt);
    return session;
  });
}

export const authRouter = {
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const { userId } = await loginService.verifyLogin(ctx.rootDb, {
      email: input.email,
      password: input.password,
      ip: ctx.request.ip,
      requestId: ctx.request.requestId,
    });
    const session = await startSession(ctx, userId);
    await loginService.recordLoginSuccess(ctx.rootDb, {
      userId,
      email: input.email,
      ip: ctx.request.ip,
      requestId: ctx.request.requestId,
      sessionId: session.sessionId,
    });
    return { userId };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await sessionService.revokeSession(ctx.rootDb, ctx.session.sessionId, "logged out");
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => {
    const session = ctx.session;
    if (!session) return null;
    return withRlsContext(ctx.rootDb, { tenantId: null, userId: session.userId, allTenants: session.operatorRole !== null }, (tx) =>
      accountService.getMe(tx, session),
    );
  }),

  switchTenant: signedInProcedure
    .input(ZSwitchTenantInput)
    .mutation(({ ctx, input }) => accountService.switchTenant(ctx.db, ctx.actor, ctx.session, input.tenantId)),

  invitation: publicProcedure
    .input(ZInvitationTokenInput)
    .query(({ ctx, input }) => invitationsService.describeInvitation(ctx.rootDb, ctx.tokens, input.token)),

  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const result = await invitationsService.acceptInvitation(ctx.rootDb, {
      ...input,
      tokens: ctx.tokens,
      requestId: ctx.request.requestId,
      ip: ctx.request.ip,
    });
    // Only a brand-new account is signed in by the link; an existing one proves itself with its password.
    if (result.createdAccount) await startSession(ctx, result.userId);
    return result;
  }),

  changePassword: signedInProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) => accountService.changePassword(ctx.db, ctx.actor, ctx.session, input)),
} satisfies TRPCRouterRecord;
