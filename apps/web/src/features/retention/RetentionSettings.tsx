/**
 * The operator's default and limits with the daily purge's last and next run, and each tenant's
 * period (its own or the default), its holds in force and its last purge. Operator admins change
 * the limits; staff with consent.retention and a partner admin (its own tenant) change a period.
 */
import { Badge, Button, Group, SimpleGrid, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { Fact } from "../../components/Fact";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { RetentionLimitsModal, TenantPeriodModal } from "./RetentionModals";
import type { RetentionOverview, TenantRetention } from "./retention.types";

export function RetentionSettings() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.retention.overview.queryOptions({}));
  return <QueryContent query={overview}>{(data) => <SettingsSections overview={data} />}</QueryContent>;
}

function SettingsSections({ overview }: { overview: RetentionOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canSetLimits = useCan("consent.retention_limits");
  const canSetPeriod = useCan("consent.retention");
  const [editingLimits, setEditingLimits] = useState(false);
  const [editing, setEditing] = useState<TenantRetention | null>(null);
  const { limits, dailyPurge } = overview;
  const days = (count: number) => t("retention.days", { count });

  return (
    <>
      <SectionCard
        title={t("retention.limits.title")}
        description={t("retention.limits.description")}
        actions={
          canSetLimits && (
            <Button variant="default" onClick={() => setEditingLimits(true)}>
              {t("retention.limits.change")}
            </Button>
          )
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
          <Fact label={t("retention.limits.default")}>{days(limits.defaultDays)}</Fact>
          <Fact label={t("retention.limits.min")}>{days(limits.minDays)}</Fact>
          <Fact label={t("retention.limits.max")}>{days(limits.maxDays)}</Fact>
          <Fact label={t("retention.limits.dailyPurge")}>
            {dailyPurge?.lastStartedAt
              ? t("retention.limits.lastRun", { when: format.fromNow(dailyPurge.lastStartedAt) })
              : t("retention.limits.neverRan")}
            {dailyPurge && `, ${t("retention.limits.nextRun", { when: format.fromNow(dailyPurge.nextRunAt) })}`}
          </Fact>
        </SimpleGrid>
        {dailyPurge?.lastError && (
          <Text size="sm" c="red">
            {t("retention.limits.lastError", { error: dailyPurge.lastError })}
          </Text>
        )}
      </SectionCard>
      <SectionCard title={t("retention.periods.title")} description={t("retention.periods.description")}>
        <DataTable
          minWidth={640}
          label={t("retention.periods.title")}
          rows={overview.tenants}
          rowKey={(row) => row.tenant.id}
          columns={[
            { key: "tenant", header: t("retention.periods.tenant"), cell: (row) => row.tenant.name, rowHeader: true },
            {
              key: "period",
              header: t("retention.periods.period"),
              cell: (row) => (
                <Group gap="xs" wrap="nowrap">
                  <span>{days(row.days)}</span>
                  <Badge variant="light" color={row.ownDays === null ? "gray" : "blue"}>
                    {row.ownDays === null ? t("retention.periods.followsDefault") : t("retention.periods.own")}
                  </Badge>
                </Group>
              ),
            },
            {
              key: "holds",
              header: t("retention.periods.holds"),
              cell: (row) =>
                row.holds.tenant
                  ? t("retention.periods.tenantHold")
                  : row.holds.subjects > 0
                    ? t("retention.periods.subjectHolds", { count: row.holds.subjects })
                    : t("retention.periods.none"),
            },
            {
              key: "lastPurge",
              header: t("retention.periods.lastPurge"),
              nowrap: true,
              cell: (row) =>
                row.lastPurge
                  ? `${format.dateTime(row.lastPurge.requestedAt)} · ${t(`retention.runs.statuses.${row.lastPurge.status}`)}`
                  : t("retention.periods.none"),
            },
          ]}
          actions={
            canSetPeriod
              ? (row) => (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(row)}
                    aria-label={`${t("retention.periods.change")}: ${row.tenant.name}`}
                  >
                    {t("retention.periods.change")}
                  </Button>
                )
              : undefined
          }
        />
      </SectionCard>
      {editingLimits && <RetentionLimitsModal limits={limits} onClose={() => setEditingLimits(false)} />}
      {editing && <TenantPeriodModal row={editing} limits={limits} onClose={() => setEditing(null)} />}
    </>
  );
}
