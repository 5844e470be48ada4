/**
 * The statistics charts (recharts through @mantine/charts), in a chunk of their own that the page
 * loads after its tables. Each chart is an image to assistive technology; its figures are in the
 * table under it.
 */
import { BarChart, LineChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { CONSENT_ACTIONS } from "@pc/shared";
import { useTranslation } from "react-i18next";
import type { ConsentStatsOverview } from "./consentStats.types";
import type { useStatsFormat } from "./useStatsFormat";

const PURPOSE_COLORS = ["blue.6", "teal.6", "orange.6", "grape.6", "red.6", "cyan.6", "lime.7", "pink.6"];
const ACTION_COLORS = { accept_all: "teal.6", reject_all: "red.6", save_custom: "blue.6", withdraw: "orange.6", gpc: "gray.6" } as const;

interface ChartProps {
  stats: ConsentStatsOverview;
  format: ReturnType<typeof useStatsFormat>;
}

/** The first and last day the chart shows, for its accessible name. */
function rangeOf(stats: ConsentStatsOverview, format: ChartProps["format"]) {
  const first = stats.buckets[0];
  const last = stats.buckets.at(-1);
  return { first: first ? format.day(first.from) : "", last: last ? format.day(last.to) : "" };
}

/** Opt-in rate (%) per purpose that visitors can refuse, one line each. */
export function OptInChart({ stats, format }: ChartProps) {
  const { t } = useTranslation();
  const rated = stats.purposes.filter((purpose) => !purpose.acknowledgedOnly);
  const data = stats.buckets.map((bucket, index) => {
    const point: Record<string, string | number | null> = { period: format.period(bucket) };
    for (const purpose of rated) {
      const rate = purpose.buckets[index]?.rate;
      point[purpose.purpose] = rate === null || rate === undefined ? null : rate;
    }
    return point;
  });
  return (
    <div role="img" aria-label={t("consentStats.optIn.chartLabel", rangeOf(stats, format))}>
      <LineChart
        h={280}
        data={data}
        dataKey="period"
        series={rated.map((purpose, index) => ({
          name: purpose.purpose,
          color: PURPOSE_COLORS[index % PURPOSE_COLORS.length] as string,
        }))}
        valueFormatter={(value) => format.percent(value)}
        yAxisProps={{ domain: [0, 1], width: 64 }}
        connectNulls
        withLegend
        curveType="linear"
        accessibilityLayer={false}
      />
    </div>
  );
}

/** Banner actions per period, stacked. */
export function ActionsChart({ stats, format }: ChartProps) {
  const { t } = useTranslation();
  return (
    <div role="img" aria-label={t("consentStats.actions.chartLabel", rangeOf(stats, format))}>
      <BarChart
        h={260}
        type="stacked"
        data={stats.actions.buckets.map((bucket) => ({ ...bucket, period: format.period(bucket) }))}
        dataKey="period"
        series={CONSENT_ACTIONS.map((action) => ({
          name: action,
          label: t(`consentStats.actions.names.${action}`),
          color: ACTION_COLORS[action],
        }))}
        valueFormatter={format.number}
        withLegend
        accessibilityLayer={false}
      />
    </div>
  );
}
