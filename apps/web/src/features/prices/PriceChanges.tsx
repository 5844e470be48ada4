/** A field-by-field list of price changes: what it was, what it becomes. */
import { Group, Table, Text } from "@mantine/core";
import type { CurrencyCode } from "@pc/shared";
import { IconArrowRight } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PriceChange } from "./priceDiff";
import { type Money, useMoney } from "./useMoney";

/** "Per-track price", "Bundle of 5 tracks", "Tax behaviour", "Revenue share". */
export function changeFieldLabel(field: string, t: TFunction): string {
  const bundle = /^bundles\.(\d+)$/.exec(field);
  if (bundle) return t("prices.bundleOf", { count: Number(bundle[1]) });
  if (field === "perTrack.unitAmount") return t("prices.perTrackPrice");
  if (field === "taxBehavior") return t("prices.taxBehavior");
  if (field === "revenueShareBps") return t("prices.revenueShare.title");
  return field;
}

function changeValue(field: string, value: number | string | null, currency: CurrencyCode, money: Money, t: TFunction): string {
  if (value === null) return field.startsWith("bundles.") ? t("prices.changes.none") : "–";
  if (field === "taxBehavior") return value === "inclusive" || value === "exclusive" ? t(`prices.tax.${value}`) : String(value);
  if (typeof value !== "number") return String(value);
  if (field === "revenueShareBps") return money.percent(value);
  return money.format(value, currency);
}

interface PriceChangesProps {
  changes: PriceChange[];
  currency: CurrencyCode;
  /** Names the table for screen readers ("Changes in version 4"). */
  label: string;
}

export function PriceChanges({ changes, currency, label }: PriceChangesProps) {
  const { t } = useTranslation();
  const money = useMoney();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("prices.changes.noChanges")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table aria-label={label} highlightOnHover={false} verticalSpacing={6} fz="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="40%">{t("prices.changes.field")}</Table.Th>
            <Table.Th w="30%">{t("prices.changes.before")}</Table.Th>
            <Table.Th>{t("prices.changes.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.field}>
              <Table.Td fw={500}>{changeFieldLabel(change.field, t)}</Table.Td>
              <Table.Td c="dimmed" td={change.before !== null && change.after !== null ? "line-through" : undefined}>
                {changeValue(change.field, change.before, currency, money, t)}
              </Table.Td>
              <Table.Td fw={500}>
                <Group gap={6} wrap="nowrap">
                  <IconArrowRight size={14} aria-hidden style={{ flexShrink: 0, opacity: 0.6 }} />
                  {changeValue(change.field, change.after, currency, money, t)}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
