/**
 * Net earnings per month (the partner's share, less what refunds and disputes took back, plus what
 * won disputes gave back), one currency at a time. The chart has a table view with every figure,
 * which is also what a screen reader is pointed to.
 */
import { BarChart } from "@mantine/charts";
import { Group, SegmentedControl, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { SectionCard } from "../payouts/SectionCard";
import { usePayoutMoney } from "../payouts/usePayoutMoney";
import type { EarningsMonth } from "./earnings.types";

type View = "chart" | "table";

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

export function EarningsByMonth({ months }: { months: EarningsMonth[] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const format = useFormat();
  // The currency with the most sales first: the one most partners look at.
  const salesIn = (code: string) => months.filter((month) => month.currency === code).reduce((sum, month) => sum + month.sales, 0);
  const currencies = [...new Set(months.map((month) => month.currency))].sort((a, b) => salesIn(b) - salesIn(a) || a.localeCompare(b));
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
            yAxisProps={{ width: 96 }}
            tickLine="y"
            // The figure is an image to assistive technology; its figures are in the table view.
            accessibilityLayer={false}
          />
        </div>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table aria-label={tableLabel} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("earnings.months.month")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.sales")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.gross")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.platformFee")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.partnerShare")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.takenBack")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.reinstated")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("earnings.months.net")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.month}>
                  <Table.Th scope="row" fw={400}>
                    {labelOf(row.month)}
                  </Table.Th>
                  <Table.Td ta="right">{format.number(row.sales)}</Table.Td>
                  <Table.Td ta="right">{amount(row.gross)}</Table.Td>
                  <Table.Td ta="right">{amount(row.platformFee)}</Table.Td>
                  <Table.Td ta="right">{amount(row.partnerShare)}</Table.Td>
                  <Table.Td ta="right">{amount(row.takenBack)}</Table.Td>
                  <Table.Td ta="right">{amount(row.reinstated)}</Table.Td>
                  <Table.Td ta="right" fw={600} c={row.net < 0 ? "red" : undefined}>
                    {amount(row.net)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
