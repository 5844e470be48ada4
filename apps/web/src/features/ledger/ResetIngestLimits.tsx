/**
 * Putting a tenant with custom ingestion limits back on the default ones (ledger.resetIngestSettings),
 * after a confirmation that says both the default and the limits it replaces.
 */

import { notifications } from "@mantine/notifications";
import { DEFAULT_BURST, DEFAULT_RATE_PER_SECOND } from "@pc/shared";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { IngestSetting } from "./ledger.types";
import { useLedgerInvalidation } from "./useLedgerInvalidation";

/** `setting`: the row to reset; null while no confirmation is open. */
export function ResetIngestLimits({ setting, onClose }: { setting: IngestSetting | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const invalidate = useLedgerInvalidation();
  const reset = useMutation(
    trpc.ledger.resetIngestSettings.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("ledger.ingest.resetDone", { tenant: setting?.name ?? "" }) });
        onClose();
        await invalidate();
      },
      onError: async (error) => {
        // Already on the default (someone else reset it): the shared notification says so; show the table as it is.
        if (errorCode(error) !== "PRECONDITION_FAILED") return;
        onClose();
        await invalidate();
      },
    }),
  );

  return (
    <ConfirmModal
      opened={setting !== null}
      title={t("ledger.ingest.resetTitle", { tenant: setting?.name ?? "" })}
      confirmLabel={t("ledger.ingest.reset")}
      onConfirm={() => setting && reset.mutate({ tenantId: setting.tenantId })}
      onClose={onClose}
      loading={reset.isPending}
    >
      {t("ledger.ingest.resetBody", {
        tenant: setting?.name ?? "",
        rate: format.number(DEFAULT_RATE_PER_SECOND),
        burst: format.number(DEFAULT_BURST),
        customRate: format.number(setting?.ratePerSecond ?? 0),
        customBurst: format.number(setting?.burst ?? 0),
      })}
    </ConfirmModal>
  );
}
