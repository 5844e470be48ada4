/**
 * Across tenants: verifying every ledger (compliance and operator admins), and for operator admins
 * the ingestion limits and development origins. It sits on the consent page rather than under a
 * settings page: the console has no operator settings area, and these only matter next to the ledger.
 */
import { Stack } from "@mantine/core";
import { useCan } from "../../lib/session";
import { DevOrigins } from "./DevOrigins";
import { IngestLimits } from "./IngestLimits";
import { VerifyAllLedgers } from "./VerifyAllLedgers";

export function OperatorLedgers() {
  const canManageIngest = useCan("consent.manage_ingest");
  return (
    <Stack gap="lg">
      <VerifyAllLedgers />
      {canManageIngest && <IngestLimits />}
      {canManageIngest && <DevOrigins />}
    </Stack>
  );
}
