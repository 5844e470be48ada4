/**
 * Net earnings per month (the partner's share, less what refunds and disputes took back, plus what
 * won disputes gave back), one currency at a time. The chart has a table view with every figure,
 * which is also what a screen reader is pointed to.
 */
import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Group, SegmentedControl, Text } from "@mantine/core";
import { currencyInfo } from "@pc/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { usePayoutMoney } from "../payouts/usePayoutMoney";
import type { EarningsMonth } from "./earnings.types";

type View = "chart" | "table";

/** The table's amount columns between the count of sales and the net, in order. */
const AMOUNT_COLUMNS = ["gross", "platformFee", "partnerShare", "takenBack", "reinstated"] as const;

/** "2026-05" → the months from the first to the last, with empty months filled in. */
function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split("-").map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

function emptyMonth(month: string, currency: EarningsMonth["currency"]): EarningsMonth {
  return { month, currency, sales: 0, gross: 0, platformFee: 0, partnerShare: 0, takenBack: 0, reinstated: 0, net: 0 };
}

/** The currencies of these months, the one with the most sales first: the one most partners look at. */
export function currenciesBySales(months: EarningsMonth[]): EarningsMonth["currency"][] {
  const salesIn = (code: string) => months.filter((month) => month.currency === code).reduce((sum, month) => sum + month.sales, 0);
  return [...new Set(months.map((month) => month.currency))].sort((a, b) => salesIn(b) - salesIn(a) || a.localeCompare(b));
}

/** An axis tick in whole units ("NOK 1,500" rather than "NOK 1,500.00"); a tick between whole units as any amount. */
function tickFormatter(locale: string, currency: EarningsMonth["currency"], amount: (minor: number) => string) {
  const unit = 10 ** currencyInfo(currency).exponent;
  const whole = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  return (minor: number) => (minor % unit === 0 ? whole.format(minor / unit) : amount(minor));
}

export function EarningsByMonth({ months }: { months: EarningsMonth[] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const format = useFormat();
  const currencies = currenciesBySales(months);
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useState<View>("chart");
  const currency = currencies.find((code) => code === chosen) ?? currencies[0];
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const labelOf = (month: string) => {
    const [year, index] = month.split("-").map(Number) as [number, number];
    return monthName.format(new Date(Date.UTC(year, index - 1, 1)));
  };

  if (!currency) {
    return (
      <SectionCard title={t("earnings.months.title")} description={t("earnings.months.description")}>
        <Text size="sm" c="dimmed">
          {t("earnings.months.empty")}
        </Text>
      </SectionCard>
    );
  }

  const own = months.filter((month) => month.currency === currency).sort((a, b) => a.month.localeCompare(b.month));
  const rows =
    own.length > 0
      ? monthRange(own[0]?.month ?? "", own.at(-1)?.month ?? "").map(
          (month) => own.find((row) => row.month === month) ?? emptyMonth(month, currency),
        )
      : [];
  const amount = (minor: number) => money.amount(minor, currency);
  const tableLabel = t("earnings.months.tableLabel", { currency });

  return (
    <SectionCard
      title={t("earnings.months.title")}
      description={t("earnings.months.description")}
      actions={
        <Group gap="sm">
          {currencies.length > 1 && (
            <SegmentedControl
              aria-label={t("earnings.months.currency")}
              data={currencies}
              value={currency}
              onChange={setChosen}
              size="xs"
            />
          )}
          <SegmentedControl
            aria-label={t("earnings.months.view")}
            data={[
              { value: "chart", label: t("earnings.months.chart") },
              { value: "table", label: t("earnings.months.table") },
            ]}
            value={view}
            onChange={(next) => setView(next === "table" ? "table" : "chart")}
            size="xs"
          />
        </Group>
      }
    >
      {view === "chart" ? (
        <div
          role="img"
          aria-label={t("earnings.months.chartLabel", {
            currency,
            first: labelOf(rows[0]?.month ?? ""),
            last: labelOf(rows.at(-1)?.month ?? ""),
          })}
        >
          <BarChart
            h={260}
            data={rows.map((row) => ({ month: labelOf(row.month), net: row.net }))}
            dataKey="month"
            series={[{ name: "net", label: t("earnings.months.net"), color: "teal.6" }]}
            valueFormatter={amount}
            getBarColor={(value) => (value < 0 ? "red.6" : "teal.6")}
            yAxisProps={{ width: 96, tickFormatter: tickFormatter(format.locale, currency, amount) }}
            tickLine="y"
            // The figure is an image to assistive technology; its figures are in the table view.
            accessibilityLayer={false}
          />
        </div>
      ) : (
        <DataTable
          label={tableLabel}
          minWidth={820}
          rows={rows}
          rowKey={(row) => row.month}
          columns={[
            { key: "month", header: t("earnings.months.month"), rowHeader: true, cell: (row) => labelOf(row.month) },
            { key: "sales", header: t("earnings.months.sales"), numeric: true, cell: (row) => format.number(row.sales) },
            ...AMOUNT_COLUMNS.map((key) => ({
              key,
              header: t(`earnings.months.${key}`),
              numeric: true,
              cell: (row: EarningsMonth) => amount(row[key]),
            })),
            {
              key: "net",
              header: t("earnings.months.net"),
              numeric: true,
              cell: (row) => (
                <Text span size="sm" fw={600} c={row.net < 0 ? "red" : undefined}>
                  {amount(row.net)}
                </Text>
              ),
            },
          ]}
        />
      )}
    </SectionCard>
  );
}
