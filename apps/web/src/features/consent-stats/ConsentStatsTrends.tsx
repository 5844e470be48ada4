/**
 * The statistics over time: opt-in rate per purpose and the banner's action mix, each a chart (a
 * lazy chunk: recharts is large) with a table of every figure under it.
 */
import { Center, Loader, Stack, Text } from "@mantine/core";
import { CONSENT_ACTIONS } from "@pc/shared";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import type { ConsentStatsOverview, StatsPurposeCounts } from "./consentStats.types";
import { usePeriodRows } from "./PeriodRows";
import type { useStatsFormat } from "./useStatsFormat";

const OptInChart = lazy(async () => ({ default: (await import("./ConsentStatsCharts")).OptInChart }));
const ActionsChart = lazy(async () => ({ default: (await import("./ConsentStatsCharts")).ActionsChart }));

type Format = ReturnType<typeof useStatsFormat>;

function ChartFallback() {
  const { t } = useTranslation();
  return (
    <Center h={260}>
      <Loader aria-label={t("consentStats.loadingCharts")} />
    </Center>
  );
}

/** "62.5 % (5 of 8)": the rate with its granted and answered counts; a dash when nobody answered. */
export function RateCell({ counts, format }: { counts: StatsPurposeCounts; format: Format }) {
  const { t } = useTranslation();
  if (counts.rate === null) {
    return counts.acknowledged > 0 ? (
      <Text span size="sm" c="dimmed">
        {t("consentStats.optIn.acknowledged")}: {format.number(counts.acknowledged)}
      </Text>
    ) : (
      t("consentStats.optIn.noAnswers")
    );
  }
  return (
    <>
      {format.percent(counts.rate)}{" "}
      <Text span size="xs" c="dimmed">
        ({format.number(counts.granted)} / {format.number(counts.granted + counts.denied)})
      </Text>
    </>
  );
}

export function OptInSection({ stats, format }: { stats: ConsentStatsOverview; format: Format }) {
  const { t } = useTranslation();
  const { shown: rows, toggle } = usePeriodRows(stats.buckets.map((bucket, index) => ({ bucket, index })));
  return (
    <SectionCard title={t("consentStats.optIn.title")} description={t("consentStats.optIn.description")}>
      <Stack gap="md">
        <Suspense fallback={<ChartFallback />}>
          <OptInChart stats={stats} format={format} />
        </Suspense>
        <DataTable
          label={t("consentStats.optIn.tableLabel")}
          minWidth={220 + 160 * stats.purposes.length}
          rows={rows}
          rowKey={(row) => row.bucket.start}
          columns={[
            {
              key: "period",
              header: t("consentStats.optIn.period"),
              rowHeader: true,
              nowrap: true,
              cell: (row) => format.period(row.bucket),
            },
            ...stats.purposes.map((purpose) => ({
              key: purpose.purpose,
              header: purpose.acknowledgedOnly ? `${purpose.purpose} (${t("consentStats.optIn.acknowledgedOnly")})` : purpose.purpose,
              numeric: true,
              cell: (row: (typeof rows)[number]) => {
                const counts = purpose.buckets[row.index];
                return counts ? <RateCell counts={counts} format={format} /> : null;
              },
            })),
          ]}
        />
        {toggle}
      </Stack>
    </SectionCard>
  );
}

export function ActionsSection({ stats, format }: { stats: ConsentStatsOverview; format: Format }) {
  const { t } = useTranslation();
  const { shown, toggle } = usePeriodRows(stats.actions.buckets);
  return (
    <SectionCard title={t("consentStats.actions.title")} description={t("consentStats.actions.description")}>
      <Stack gap="md">
        <Suspense fallback={<ChartFallback />}>
          <ActionsChart stats={stats} format={format} />
        </Suspense>
        <DataTable
          label={t("consentStats.actions.tableLabel")}
          minWidth={860}
          rows={shown}
          rowKey={(bucket) => bucket.start}
          columns={[
            {
              key: "period",
              header: t("consentStats.actions.period"),
              rowHeader: true,
              nowrap: true,
              cell: (bucket) => format.period(bucket),
            },
            ...CONSENT_ACTIONS.map((action) => ({
              key: action,
              header: t(`consentStats.actions.names.${action}`),
              numeric: true,
              cell: (bucket: ConsentStatsOverview["actions"]["buckets"][number]) => format.number(bucket[action]),
            })),
            { key: "total", header: t("consentStats.actions.total"), numeric: true, cell: (bucket) => format.number(bucket.total) },
          ]}
        />
        {toggle}
      </Stack>
    </SectionCard>
  );
}
