import {
  ZAddDevOriginInput,
  ZIngestSettingsInput,
  ZKeyIdInput,
  ZLedgerTenantInput,
  ZRecentRecordsInput,
  ZRemoveDevOriginInput,
  ZRotateKeyInput,
} from "@pc/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { verifyAllLedgers, verifyTenantLedger } from "../../ledger/ledger-verify.js";
import { operatorProcedure, tenantProcedure } from "../../trpc/init.js";
import * as ledgerService from "./ledger.service.js";

/**
 * The consent ledger: the active tenant's publishable keys, records and verification (the tenant
 * is the session's, never one from input), and the operator's ingestion limits and development
 * origins. A key change is applied by this process at once and by others within seconds.
 */
export const ledgerRouter = {
  overview: tenantProcedure("consent.read").query(({ ctx }) =>
    ledgerService.overview(ctx.db, ctx.tenantId, { publicUrl: ctx.publicUrl, production: ctx.production }),
  ),
  keys: tenantProcedure("consent.read").query(({ ctx }) => ledgerService.listKeys(ctx.db, ctx.tenantId)),
  rotateKey: tenantProcedure("consent.manage_keys")
    .input(ZRotateKeyInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.rotateKey(ctx.db, ctx.actor, { tenantId: ctx.tenantId, graceHours: input.graceHours });
      ctx.ingestDirectory.invalidate();
      return result;
    }),
  expireKey: tenantProcedure("consent.manage_keys")
    .input(ZKeyIdInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.expireKey(ctx.db, ctx.actor, { tenantId: ctx.tenantId, keyId: input.keyId });
      ctx.ingestDirectory.invalidate();
      return result;
    }),
  recentRecords: tenantProcedure("consent.read")
    .input(ZRecentRecordsInput)
    .query(({ ctx, input }) => ledgerService.recentRecords(ctx.db, ctx.tenantId, input.limit)),
  verify: tenantProcedure("consent.read").mutation(({ ctx }) => verifyTenantLedger(ctx.db, ctx.tenantId, ctx.ledgerTrustedKeys)),
  verifyAll: operatorProcedure("consent.read").mutation(({ ctx }) => verifyAllLedgers(ctx.db, ctx.ledgerTrustedKeys)),
  ingestSettings: operatorProcedure("consent.manage_ingest").query(({ ctx }) => ledgerService.listIngestSettings(ctx.db)),
  updateIngestSettings: operatorProcedure("consent.manage_ingest")
    .input(ZIngestSettingsInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.updateIngestSettings(ctx.db, ctx.actor, input);
      ctx.ingestDirectory.invalidate();
      return result;
    }),
  resetIngestSettings: operatorProcedure("consent.manage_ingest")
    .input(ZLedgerTenantInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.resetIngestSettings(ctx.db, ctx.actor, input);
      ctx.ingestDirectory.invalidate();
      return result;
    }),
  devOrigins: operatorProcedure("consent.manage_ingest").query(({ ctx }) => ledgerService.listDevOrigins(ctx.db)),
  addDevOrigin: operatorProcedure("consent.manage_ingest")
    .input(ZAddDevOriginInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.addDevOrigin(ctx.db, ctx.actor, input);
      ctx.ingestDirectory.invalidate();
      return result;
    }),
  removeDevOrigin: operatorProcedure("consent.manage_ingest")
    .input(ZRemoveDevOriginInput)
    .mutation(async ({ ctx, input }) => {
      const result = await ledgerService.removeDevOrigin(ctx.db, ctx.actor, input);
      ctx.ingestDirectory.invalidate();
      return result;
    }),
} satisfies TRPCRouterRecord;
