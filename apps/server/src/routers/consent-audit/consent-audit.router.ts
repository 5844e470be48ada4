import { ZConsentRecordInput, ZConsentSearchInput, ZEvidencePackInput, ZSubjectTimelineInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { scopedProcedure } from "../../trpc/init.js";
import * as consentAuditService from "./consent-audit.service.js";
import { buildEvidencePack } from "./evidence-pack.service.js";

/**
 * The consent audit workspace: compliance and operator admins across every tenant, partners within
 * their own (a tenant id in their input never widens that). Searching and reading are not audited;
 * staff opening a subject's timeline is, on that tenant's trail, and so is every evidence pack made
 * (a mutation: it writes that audit event, and a download is not a cached read).
 */
const auditProcedure = scopedProcedure({ operator: "consent.read", tenant: "consent.read" });

export const consentAuditRouter = {
  search: auditProcedure.input(ZConsentSearchInput).query(({ ctx, input }) => {
    const { cursor, limit, ...filters } = input;
    return consentAuditService.searchConsentRecords(ctx.db, { scopeTenantId: ctx.scopeTenantId, filters, cursor, limit });
  }),
  record: auditProcedure.input(ZConsentRecordInput).query(({ ctx, input }) =>
    consentAuditService.recordDetail(ctx.db, {
      scopeTenantId: ctx.scopeTenantId,
      recordId: input.recordId,
      trusted: ctx.ledgerTrustedKeys,
    }),
  ),
  subjectTimeline: auditProcedure
    .input(ZSubjectTimelineInput)
    .query(({ ctx, input }) =>
      consentAuditService.subjectTimeline(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, ...input }),
    ),
  evidencePack: auditProcedure
    .input(ZEvidencePackInput)
    .mutation(({ ctx, input }) => buildEvidencePack(ctx.db, { scopeTenantId: ctx.scopeTenantId, actor: ctx.actor, input })),
} satisfies TRPCRouterRecord;
