/**
 * The latest consent events of the tenant's ledger, newest first: when, which record, how the
 * visitor chose, the decision per purpose, the policy version shown and where. Search over the
 * whole ledger is a workspace of its own; this is the live tail.
 */
import { Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ConsentActionBadge, GpcSignalBadge, PurposeDecisions } from "./ConsentBadges";

export const RECENT_RECORDS = 25;

export function RecentRecords() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const records = useQuery(trpc.ledger.recentRecords.queryOptions({ limit: RECENT_RECORDS }));

  return (
    <SectionCard
      title={t("ledger.records.title")}
      description={t("ledger.records.description", { count: RECENT_RECORDS })}
      actions={
        <Button
          variant="default"
          size="sm"
          leftSection={<IconRefresh size={16} />}
          loading={records.isFetching}
          onClick={() => void records.refetch()}
        >
          {t("ledger.records.refresh")}
        </Button>
      }
    >
      <QueryContent query={records} loaderPadding="md">
        {({ records: rows }) => (
          <DataTable
            minWidth={1080}
            rows={rows}
            rowKey={(record) => record.recordId}
            empty={t("ledger.records.empty")}
            columns={[
              {
                key: "time",
                header: t("ledger.records.time"),
                cell: (record) => (
                  <Tooltip
                    label={`${format.preciseDateTime(record.receivedAt)} · ${t("ledger.records.occurredAt", { date: format.preciseDateTime(record.occurredAt) })}`}
                    withinPortal
                    multiline
                    maw={320}
                  >
                    <Text size="sm" tabIndex={0} style={{ whiteSpace: "nowrap" }}>
                      {format.dateTime(record.receivedAt)}
                    </Text>
                  </Tooltip>
                ),
              },
              {
                key: "seq",
                header: t("ledger.records.seq"),
                numeric: true,
                cell: (record) => (
                  <Text size="sm" ff="monospace">
                    {format.number(record.seq)}
                  </Text>
                ),
              },
              {
                key: "action",
                header: t("ledger.records.action"),
                cell: (record) => (
                  <Group gap={4} wrap="nowrap">
                    <ConsentActionBadge action={record.action} />
                    {record.gpc && record.action !== "gpc" && <GpcSignalBadge />}
                  </Group>
                ),
              },
              {
                key: "decisions",
                header: t("ledger.records.decisions"),
                cell: (record) => <PurposeDecisions purposes={record.purposes} />,
              },
              {
                key: "policy",
                header: t("ledger.records.policy"),
                cell: (record) => (
                  <Stack gap={0}>
                    <Text size="sm">{record.policyVersion}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`policies.kinds.${record.policyKind}`)}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: "where",
                header: t("ledger.records.where"),
                cell: (record) => (
                  <Stack gap={0}>
                    <Text size="sm">{record.country ?? t("ledger.records.noCountry")}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`ledger.records.jurisdictions.${record.jurisdiction}`)}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: "consentId",
                header: t("ledger.records.consentId"),
                cell: (record) => (
                  <Text size="xs" ff="monospace" style={{ wordBreak: "break-all" }}>
                    {record.consentId}
                  </Text>
                ),
              },
            ]}
          />
        )}
      </QueryContent>
    </SectionCard>
  );
}
