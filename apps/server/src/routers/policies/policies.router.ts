import {
  POLICY_DRAFT_LABEL,
  rolesHave,
  ZComparePolicyVersionsInput,
  ZPolicyDraftActionInput,
  ZPolicyKindInput,
  ZPolicyVersionInput,
  ZPublishPolicyInput,
  ZRejectPolicyApprovalInput,
  ZRetirePolicyInput,
  ZSavePolicyDraftInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { ForbiddenError, NotFoundError } from "../../errors.js";
import { operatorProcedure, scopedProcedure } from "../../trpc/init.js";
import { compareVersions } from "./policies.compare.js";
import * as policiesService from "./policies.service.js";

/**
 * Readers: operator staff, and partners on their active tenant (the templates are the operator's,
 * the same for every tenant, so a partner reads exactly what staff read).
 */
const readProcedure = scopedProcedure({ operator: "policies.read", tenant: "policies.read" });

/**
 * The operator's policy templates (privacy, terms). Reading is open to every role; drafting,
 * publishing and retiring are compliance's and operator admins'; approving a material change needs
 * a second such person.
 */
export const policiesRouter = {
  documents: readProcedure.query(({ ctx }) =>
    policiesService.listDocuments(ctx.db, { mayEdit: rolesHave(ctx.access.roles, "policies.edit") }),
  ),
  versions: readProcedure.input(ZPolicyKindInput).query(({ ctx, input }) => policiesService.listVersions(ctx.db, input.kind)),
  version: readProcedure
    .input(ZPolicyVersionInput)
    .query(({ ctx, input }) => policiesService.getVersion(ctx.db, input.kind, input.version)),
  /**
   * Partners compare as their active tenant's visitors read the texts; staff as the tenant they
   * name, else their active tenant's, else the template with placeholders. The open draft is for
   * editors only.
   */
  compare: readProcedure.input(ZComparePolicyVersionsInput).query(({ ctx, input }) => {
    if ((input.from === POLICY_DRAFT_LABEL || input.to === POLICY_DRAFT_LABEL) && !rolesHave(ctx.access.roles, "policies.edit")) {
      throw new ForbiddenError("Only policy editors may compare the open draft");
    }
    let tenantId: string | null;
    if (ctx.scopeTenantId) {
      if (input.tenantId && input.tenantId !== ctx.scopeTenantId) throw new NotFoundError("Tenant not found");
      tenantId = ctx.scopeTenantId;
    } else {
      tenantId = input.tenantId ?? ctx.access.activeTenantId;
    }
    return compareVersions(ctx.db, { kind: input.kind, from: input.from, to: input.to, tenantId });
  }),
  draft: operatorProcedure("policies.edit")
    .input(ZPolicyKindInput)
    .query(({ ctx, input }) => policiesService.getDraft(ctx.db, input.kind)),
  saveDraft: operatorProcedure("policies.edit")
    .input(ZSavePolicyDraftInput)
    .mutation(({ ctx, input }) => policiesService.saveDraft(ctx.db, ctx.actor, input)),
  discardDraft: operatorProcedure("policies.edit")
    .input(ZPolicyDraftActionInput)
    .mutation(({ ctx, input }) => policiesService.discardDraft(ctx.db, ctx.actor, input)),
  requestApproval: operatorProcedure("policies.edit")
    .input(ZPolicyDraftActionInput)
    .mutation(({ ctx, input }) => policiesService.requestApproval(ctx.db, ctx.actor, input)),
  approve: operatorProcedure("policies.approve")
    .input(ZPolicyDraftActionInput)
    .mutation(({ ctx, input }) => policiesService.approve(ctx.db, ctx.actor, input)),
  rejectApproval: operatorProcedure("policies.approve")
    .input(ZRejectPolicyApprovalInput)
    .mutation(({ ctx, input }) => policiesService.rejectApproval(ctx.db, ctx.actor, input)),
  publish: operatorProcedure("policies.edit")
    .input(ZPublishPolicyInput)
    .mutation(({ ctx, input }) => policiesService.publish(ctx.db, ctx.actor, input, { publicUrl: ctx.publicUrl })),
  retire: operatorProcedure("policies.edit")
    .input(ZRetirePolicyInput)
    .mutation(({ ctx, input }) => policiesService.retire(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
