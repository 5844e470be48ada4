import { ZConsentStatsInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { scopedProcedure } from "../../trpc/init.js";
import * as consentStatsService from "./consent-stats.service.js";

/**
 * Consent statistics: compliance and operator admins for one tenant or every tenant, partners for
 * their own (a tenant id in their input never widens that). Reads of rollups only; not audited,
 * like the search.
 */
const statsProcedure = scopedProcedure({ operator: "consent.read", tenant: "consent.read" });

export const consentStatsRouter = {
  overview: statsProcedure
    .input(ZConsentStatsInput)
    .query(({ ctx, input }) => consentStatsService.consentStatistics(ctx.db, { scopeTenantId: ctx.scopeTenantId, filters: input })),
} satisfies TRPCRouterRecord;
