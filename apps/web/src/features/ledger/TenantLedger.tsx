/**
 * The active tenant's consent ledger: summary, verification, publishable keys, how to install the
 * banner and the latest events. Rotating and ending keys only for holders of consent.manage_keys.
 */
import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { QueryContent } from "../../components/QueryContent";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { InstallSnippet } from "./InstallSnippet";
import { LedgerSummary } from "./LedgerSummary";
import { PublishableKeys } from "./PublishableKeys";
import { RecentRecords } from "./RecentRecords";
import { VerifyLedger } from "./VerifyLedger";

export function TenantLedger({ tenantName }: { tenantName: string }) {
  const trpc = useTRPC();
  const canManageKeys = useCan("consent.manage_keys");
  const overview = useQuery(trpc.ledger.overview.queryOptions());
  const keys = useQuery(trpc.ledger.keys.queryOptions());

  return (
    <Stack gap="lg">
      <QueryContent query={overview}>{(data) => <LedgerSummary overview={data} />}</QueryContent>
      <VerifyLedger />
      <QueryContent query={keys}>{(list) => <PublishableKeys keys={list} canManage={canManageKeys} />}</QueryContent>
      {overview.data && keys.data && <InstallSnippet overview={overview.data} keys={keys.data} tenantName={tenantName} />}
      <RecentRecords />
    </Stack>
  );
}
