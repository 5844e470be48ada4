/**
 * The active tenant's domains: status, last check, and the TXT record to create, each part with a
 * copy button. Holders of branding.edit check a domain now or remove it (after a confirmation).
 */
import { Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRefresh, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { translateMessage } from "../../i18n/messages";
import { useFormat } from "../../lib/format";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { DomainStatusBadge } from "./DomainStatusBadge";
import { RecordField } from "./RecordField";

type Domain = RouterOutputs["domains"]["list"][number];

const CHECK_COLORS: Record<Domain["status"], string> = { pending: "yellow", verified: "teal", failed: "red" };

export function DomainsTable({ domains, canEdit }: { domains: Domain[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Domain | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.domains.pathFilter());

  const check = useMutation(
    trpc.domains.check.mutationOptions({
      onSuccess: async (domain) => {
        notifications.show({
          color: CHECK_COLORS[domain.status],
          title: t(`domains.checked.${domain.status}`, { hostname: domain.hostname }),
          message: domain.lastError
            ? translateMessage(domain.lastError)
            : t("domains.verifiedAt", { date: format.dateTime(domain.verifiedAt ?? new Date()) }),
        });
        await invalidate();
      },
    }),
  );
  const remove = useMutation(
    trpc.domains.remove.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("domains.removed", { hostname: removing?.hostname ?? "" }) });
        setRemoving(null);
        await invalidate();
      },
    }),
  );

  function rowActions(domain: Domain) {
    return (
      <Group gap="xs" wrap="nowrap" justify="flex-end">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          loading={check.isPending && check.variables?.domainId === domain.id}
          onClick={() => check.mutate({ domainId: domain.id })}
          aria-label={t("domains.checkNamed", { hostname: domain.hostname })}
        >
          {t("domains.checkNow")}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => setRemoving(domain)}
          aria-label={t("domains.removeNamed", { hostname: domain.hostname })}
        >
          {t("domains.remove")}
        </Button>
      </Group>
    );
  }

  return (
    <>
      <DataTable
        minWidth={960}
        rows={domains}
        rowKey={(domain) => domain.id}
        empty={canEdit ? t("domains.emptyEdit") : t("domains.empty")}
        columns={[
          {
            key: "hostname",
            header: t("domains.hostname"),
            cell: (domain) => (
              <Stack gap={2} maw={280}>
                <Text size="sm" fw={500} style={{ wordBreak: "break-all" }}>
                  {domain.hostname}
                </Text>
                {domain.lastError && (
                  <Text size="xs" c={domain.status === "failed" ? "red" : "dimmed"}>
                    {translateMessage(domain.lastError)}
                  </Text>
                )}
                {domain.status === "verified" && domain.verifiedAt && !domain.lastError && (
                  <Text size="xs" c="dimmed">
                    {t("domains.verifiedAt", { date: format.date(domain.verifiedAt) })}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: "status", header: t("domains.statusLabel"), cell: (domain) => <DomainStatusBadge status={domain.status} /> },
          {
            key: "lastCheck",
            header: t("domains.lastCheck"),
            cell: (domain) =>
              domain.lastCheckedAt ? (
                <Tooltip label={format.preciseDateTime(domain.lastCheckedAt)} withinPortal>
                  <Text size="sm" span tabIndex={0} style={{ whiteSpace: "nowrap", textDecoration: "underline dotted" }}>
                    {format.fromNow(domain.lastCheckedAt)}
                  </Text>
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed" span>
                  {t("domains.neverChecked")}
                </Text>
              ),
          },
          {
            key: "record",
            header: t("domains.record"),
            cell: (domain) => (
              <Stack gap={4} miw={300}>
                <RecordField
                  label={t("domains.recordName")}
                  value={domain.record.name}
                  copyLabel={t("domains.copyName", { hostname: domain.hostname })}
                />
                <RecordField
                  label={t("domains.recordValue")}
                  value={domain.record.value}
                  copyLabel={t("domains.copyValue", { hostname: domain.hostname })}
                />
              </Stack>
            ),
          },
        ]}
        actions={canEdit ? rowActions : undefined}
      />
      <ConfirmModal
        opened={removing !== null}
        title={t("domains.removeTitle", { hostname: removing?.hostname ?? "" })}
        confirmLabel={t("domains.remove")}
        onConfirm={() => removing && remove.mutate({ domainId: removing.id })}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        danger
      >
        {t("domains.removeBody", { hostname: removing?.hostname ?? "" })}
      </ConfirmModal>
    </>
  );
}
