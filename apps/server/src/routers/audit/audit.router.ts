import { ZAuditListInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { listAudit } from "../../services/audit.service.js";
import { scopedProcedure } from "../../trpc/init.js";

/** Every event for operator staff with audit.read; the active tenant's for a partner admin. */
export const auditRouter = {
  list: scopedProcedure({ operator: "audit.read", tenant: "audit.read" })
    .input(ZAuditListInput)
    .query(({ ctx, input }) => listAudit(ctx.db, { ...input, tenantId: ctx.scopeTenantId })),
} satisfies TRPCRouterRecord;
