import {
  ZDownloadSubjectRequestInput,
  ZFileSubjectRequestInput,
  ZListSubjectRequestsInput,
  ZRejectSubjectRequestInput,
  ZSubjectRequestId,
  ZVerifySubjectIdentityInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { scopedProcedure } from "../../trpc/init.js";
import * as completion from "./subject-requests.completion.js";
import * as service from "./subject-requests.service.js";

/**
 * Data-subject requests: compliance and operator admins across every tenant, partner admins for
 * their own tenant's customers. Anyone who may read consent (viewers too) sees the requests and
 * their history; filing, the workflow steps and downloading what a request produced (it holds the
 * subject's personal data) need consent.requests.
 */
const readProcedure = scopedProcedure({ operator: "consent.read", tenant: "consent.read" });
const handleProcedure = scopedProcedure({ operator: "consent.requests", tenant: "consent.requests" });

export const subjectRequestsRouter = {
  list: readProcedure
    .input(ZListSubjectRequestsInput)
    .query(({ ctx, input }) => service.listRequests(ctx.db, { scopeTenantId: ctx.scopeTenantId, ...input })),
  detail: readProcedure
    .input(ZSubjectRequestId)
    .query(({ ctx, input }) => completion.requestDetail(ctx.db, { scopeTenantId: ctx.scopeTenantId, requestId: input.requestId })),
  file: handleProcedure
    .input(ZFileSubjectRequestInput)
    .mutation(({ ctx, input }) => service.fileRequest(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, input })),
  verifyIdentity: handleProcedure
    .input(ZVerifySubjectIdentityInput)
    .mutation(({ ctx, input }) => service.verifyIdentity(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
  start: handleProcedure
    .input(ZSubjectRequestId)
    .mutation(({ ctx, input }) => service.startRequest(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
  complete: handleProcedure
    .input(ZSubjectRequestId)
    .mutation(({ ctx, input }) => completion.completeRequest(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
  reject: handleProcedure
    .input(ZRejectSubjectRequestInput)
    .mutation(({ ctx, input }) => service.rejectRequest(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
  download: handleProcedure
    .input(ZDownloadSubjectRequestInput)
    .mutation(({ ctx, input }) => completion.downloadDocument(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input })),
} satisfies TRPCRouterRecord;
