/**
 * What a purge would remove now, per tenant: the cutoff, how many records go (and when they came
 * in), how many a legal hold keeps, and how many wait for a signed checkpoint. "Purge now" (staff
 * with consent.purge) asks for a confirmation that repeats the numbers, and sends the previewed
 * cutoff and count: the server refuses when they no longer hold, and queues the purge otherwise.
 */
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { FormError } from "../../components/FormError";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { PurgePreviewRow } from "./retention.types";
import { useRetentionInvalidation } from "./useRetentionInvalidation";

export function PurgePreview() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const canPurge = useCan("consent.purge");
  const preview = useQuery(trpc.retention.preview.queryOptions({}));
  const [confirming, setConfirming] = useState<PurgePreviewRow | null>(null);

  return (
    <SectionCard
      title={t("retention.preview.title")}
      description={t("retention.preview.description")}
      actions={
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void preview.refetch()}
          loading={preview.isFetching}
        >
          {t("retention.preview.refresh")}
        </Button>
      }
    >
      <QueryContent query={preview} loaderPadding="md">
        {(data) => (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t("retention.preview.generatedAt", { when: format.preciseDateTime(data.generatedAt) })}
            </Text>
            <DataTable
              minWidth={820}
              label={t("retention.preview.title")}
              rows={data.tenants}
              rowKey={(row) => row.tenant.id}
              empty={t("retention.preview.empty")}
              columns={[
                {
                  key: "tenant",
                  header: t("retention.preview.tenant"),
                  rowHeader: true,
                  cell: (row) => (
                    <Group gap="xs">
                      <span>{row.tenant.name}</span>
                      {row.tenantHeld && (
                        <Badge color="orange" variant="light">
                          {t("retention.preview.tenantHeld")}
                        </Badge>
                      )}
                    </Group>
                  ),
                },
                { key: "cutoff", header: t("retention.preview.cutoff"), nowrap: true, cell: (row) => format.dateTime(row.cutoff) },
                {
                  key: "records",
                  header: t("retention.preview.records"),
                  numeric: true,
                  cell: (row) => (row.records > 0 ? format.number(row.records) : t("retention.preview.nothing")),
                },
                {
                  key: "received",
                  header: t("retention.preview.received"),
                  nowrap: true,
                  cell: (row) =>
                    row.oldestReceivedAt && row.newestReceivedAt
                      ? `${format.date(row.oldestReceivedAt)} – ${format.date(row.newestReceivedAt)}`
                      : "–",
                },
                { key: "held", header: t("retention.preview.held"), numeric: true, cell: (row) => format.number(row.heldRecords) },
                {
                  key: "awaiting",
                  header: t("retention.preview.awaiting"),
                  numeric: true,
                  cell: (row) => format.number(row.awaitingCheckpoint),
                },
              ]}
              actions={
                canPurge
                  ? (row) => (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        disabled={row.records === 0}
                        onClick={() => setConfirming(row)}
                        aria-label={`${t("retention.preview.purgeNow")}: ${row.tenant.name}`}
                      >
                        {t("retention.preview.purgeNow")}
                      </Button>
                    )
                  : undefined
              }
            />
          </Stack>
        )}
      </QueryContent>
      {confirming && <ConfirmPurge row={confirming} onClose={() => setConfirming(null)} />}
    </SectionCard>
  );
}

function ConfirmPurge({ row, onClose }: { row: PurgePreviewRow; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const invalidate = useRetentionInvalidation();
  const purge = useMutation(
    trpc.retention.purge.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("retention.preview.queued", { tenant: row.tenant.name }) });
        await invalidate();
        onClose();
      },
      // The numbers changed (CONFLICT) or the period did: the preview reads again behind the dialog.
      onError: () => void invalidate(),
    }),
  );
  const values = {
    count: row.records,
    formatted: format.number(row.records),
    tenant: row.tenant.name,
    cutoff: format.dateTime(row.cutoff),
  };
  return (
    <ConfirmModal
      opened
      danger
      title={t("retention.preview.confirmTitle", { tenant: row.tenant.name })}
      confirmLabel={t("retention.preview.confirm", values)}
      loading={purge.isPending}
      onClose={onClose}
      onConfirm={() => purge.mutate({ tenantId: row.tenant.id, cutoff: row.cutoff, expectedRecords: row.records })}
    >
      <Stack gap="sm">
        <FormError error={purge.error} fields={[]} />
        <Text size="sm">{t("retention.preview.confirmBody", values)}</Text>
        {row.heldRecords > 0 && (
          <Text size="sm">{t("retention.preview.confirmHeld", { count: row.heldRecords, formatted: format.number(row.heldRecords) })}</Text>
        )}
      </Stack>
    </ConfirmModal>
  );
}
