/** A version's prices, read-only: each price with its price per track and where the money goes. */
import { Text } from "@mantine/core";
import type { CurrencyCode, MarginPreview } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { perTrackOf, useMoney } from "./useMoney";

interface PriceRow {
  key: string;
  tracks: number;
  unitAmount: number;
  margin: MarginPreview;
}

interface PriceTableProps {
  version: {
    currency: CurrencyCode;
    perTrack: { unitAmount: number; margin: MarginPreview };
    bundles: { tracks: number; unitAmount: number; margin: MarginPreview }[];
    revenueShareBps: number;
  };
}

export function PriceTable({ version }: PriceTableProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const { currency } = version;
  const format = (minor: number) => money.format(minor, currency);
  const rows: PriceRow[] = [
    { key: "perTrack", tracks: 1, ...version.perTrack },
    ...[...version.bundles].sort((a, b) => a.tracks - b.tracks).map((bundle) => ({ key: `bundle-${bundle.tracks}`, ...bundle })),
  ];
  const single = version.perTrack.unitAmount;

  return (
    <DataTable
      minWidth={680}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        {
          key: "item",
          header: t("prices.item"),
          cell: (row) => (
            <Text size="sm" fw={500}>
              {row.tracks === 1 ? t("prices.perTrackPrice") : t("prices.bundleOf", { count: row.tracks })}
            </Text>
          ),
        },
        {
          key: "price",
          header: t("prices.priceGross"),
          numeric: true,
          cell: (row) => (
            <Text size="sm" fw={600}>
              {format(row.unitAmount)}
            </Text>
          ),
        },
        {
          key: "perTrack",
          header: t("prices.pricePerTrack"),
          numeric: true,
          cell: (row) => {
            if (row.tracks === 1) return <Text size="sm">{format(row.unitAmount)}</Text>;
            const each = perTrackOf(row.unitAmount, row.tracks, currency);
            const saving = single > 0 ? Math.round((1 - row.unitAmount / (row.tracks * single)) * 100) : 0;
            return (
              <>
                <Text size="sm">
                  {each.exact ? "" : "≈ "}
                  {format(each.minor)}
                </Text>
                {saving > 0 && (
                  <Text size="xs" c="teal">
                    {t("prices.saving", { percent: saving })}
                  </Text>
                )}
              </>
            );
          },
        },
        {
          key: "stripeFee",
          header: t("prices.margin.stripeFee"),
          numeric: true,
          cell: (row) => (
            <Text size="sm" c="dimmed">
              {format(row.margin.estimatedStripeFee)}
            </Text>
          ),
        },
        {
          key: "platformFee",
          header: t("prices.margin.platformFee", { percent: money.percent(version.revenueShareBps) }),
          numeric: true,
          cell: (row) => <Text size="sm">{format(row.margin.platformFee)}</Text>,
        },
        {
          key: "partnerShare",
          header: t("prices.margin.partnerShare"),
          numeric: true,
          cell: (row) => (
            <Text size="sm" fw={600}>
              {format(row.margin.partnerShare)}
            </Text>
          ),
        },
      ]}
    />
  );
}
