/**
 * "Retire version 1.1?": what retiring does depends on where the version stands. Scheduled: it is
 * withdrawn and never takes effect (a material one asks nobody to consent again). In force: the
 * newest earlier version takes over. Superseded: nothing changes for readers. The server refuses
 * what would leave a document without a version in force; its reason shows here.
 */
import { Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { PolicyKind } from "@pc/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useTRPC } from "../../lib/trpc";
import { PolicyFormError } from "./PolicyFormError";
import type { PolicyVersionSummary } from "./policies.types";
import { usePolicyDates } from "./usePolicyDates";

export function RetireDialog({ kind, version, onClose }: { kind: PolicyKind; version: PolicyVersionSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dates = usePolicyDates();
  const retire = useMutation(
    trpc.policies.retire.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (retired) => {
        notifications.show({ color: "gray", message: t("policies.retire.done", { version: retired.version }) });
        close();
        await Promise.all([
          queryClient.invalidateQueries(trpc.policies.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
      },
    }),
  );
  function close() {
    retire.reset();
    onClose();
  }
  const scheduled = version?.status === "scheduled";
  const body = !version
    ? ""
    : scheduled
      ? t("policies.retire.bodyScheduled", { version: version.version, date: dates.effective(version.effectiveFrom) })
      : version.status === "in_force"
        ? t("policies.retire.bodyInForce", { version: version.version })
        : t("policies.retire.bodySuperseded", { version: version.version });
  return (
    <ConfirmModal
      opened={version !== null}
      title={
        scheduled
          ? t("policies.retire.withdrawTitle", { version: version?.version ?? "" })
          : t("policies.retire.title", { version: version?.version ?? "" })
      }
      confirmLabel={scheduled ? t("policies.retire.withdrawConfirm") : t("policies.retire.confirm")}
      onConfirm={() => version && retire.mutate({ kind, version: version.version })}
      onClose={close}
      loading={retire.isPending}
      danger
    >
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        {version?.material && scheduled && <Text size="sm">{t("policies.retire.voidsReconsent")}</Text>}
        <Text size="sm" c="dimmed">
          {t("policies.retire.keptForever")}
        </Text>
        <PolicyFormError error={retire.error} fields={[]} />
      </Stack>
    </ConfirmModal>
  );
}
