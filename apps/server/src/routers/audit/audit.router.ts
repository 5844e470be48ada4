import { verifyAuditChain } from "@pc/db";
import { ZAuditListInput } from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { listAudit } from "../../services/audit.service.js";
import { operatorProcedure, scopedProcedure } from "../../trpc/init.js";

/**
 * Every event for operator staff with audit.read (one tenant's when they name it); the active
 * tenant's for a partner admin, including what operator staff did on it or looked at "as" it.
 */
export const auditRouter = {
  list: scopedProcedure({ operator: "audit.read", tenant: "audit.read" })
    .input(ZAuditListInput)
    .query(({ ctx, input }) => listAudit(ctx.db, { ...input, scopeTenantId: ctx.scopeTenantId })),
  /** Recomputes the whole hash chain: any edited, removed or truncated event shows up here. */
  verifyChain: operatorProcedure("audit.read").query(({ ctx }) => verifyAuditChain(ctx.db)),
} satisfies TRPCRouterRecord;
