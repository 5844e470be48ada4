/**
 * A payout explained to the cent: the balance transactions it paid out, summed by what they are in
 * our books (sales, refunds, disputes, won disputes, returned payouts), the explained total against
 * the payout's amount, and the difference. A difference is flagged with what to do; nothing left
 * over says so plainly. Transactions that did not match are listed one by one.
 */
import { Alert, Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { PayoutStatusValue } from "@pc/shared";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import type { PayoutDetail } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

/** Whether a payout's transactions went back to the partner's balance instead of to the bank. */
export const returnedToBalance = (status: PayoutStatusValue) => status === "failed" || status === "canceled";

/** The description of a payout's transactions: paid out, or gone back to the balance when it failed or was cancelled. */
export function descriptionKey(status: PayoutStatusValue) {
  if (status === "failed") return "descriptionFailed";
  if (status === "canceled") return "descriptionCanceled";
  return "description";
}

/** A row of the totals under the lines: its name, and an amount in the amount column. */
function TotalRow({ line, label, amount, flagged }: { line: string; label: ReactNode; amount: string; flagged?: boolean }) {
  return (
    <Table.Tr data-line={line} data-flagged={flagged}>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td />
      <Table.Td
        ta="right"
        fw={flagged === undefined ? 600 : 700}
        c={flagged === undefined ? undefined : flagged ? "red" : "teal"}
        style={{ whiteSpace: "nowrap" }}
      >
        {amount}
      </Table.Td>
    </Table.Tr>
  );
}

export function PayoutReconciliation({ payout }: { payout: PayoutDetail }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const reconciliation = payout.reconciliation;
  const amount = (minor: number) => money.amount(minor, reconciliation.currency);
  const difference = reconciliation.unexplainedDifference;
  const flagged = difference !== 0;

  return (
    <SectionCard title={t("payouts.reconciliation.title")} description={t(`payouts.reconciliation.${descriptionKey(payout.status)}`)}>
      <DataTable
        label={t("payouts.reconciliation.tableLabel")}
        minWidth={300}
        rows={[...reconciliation.lines]}
        rowKey={(line) => line.kind}
        empty={t("payouts.reconciliation.noItems")}
        columns={[
          {
            key: "line",
            header: t("payouts.reconciliation.line"),
            rowHeader: true,
            cell: (line) => t(`payouts.reconciliation.lines.${line.kind}`),
          },
          { key: "count", header: t("payouts.reconciliation.count"), numeric: true, cell: (line) => line.count },
          { key: "amount", header: t("payouts.reconciliation.amount"), numeric: true, cell: (line) => amount(line.amount) },
        ]}
        footer={
          <>
            <TotalRow line="explained" label={t("payouts.reconciliation.explainedTotal")} amount={amount(reconciliation.explainedTotal)} />
            <TotalRow line="payout" label={t("payouts.reconciliation.payoutAmount")} amount={amount(reconciliation.payoutAmount)} />
            <TotalRow
              line="difference"
              flagged={flagged}
              label={
                <Group gap={6}>
                  {t("payouts.reconciliation.difference")}
                  <Badge
                    color={flagged ? "red" : "teal"}
                    variant="light"
                    styles={NO_TRUNCATE}
                    leftSection={flagged ? <IconAlertTriangle size={12} aria-hidden /> : <IconCircleCheck size={12} aria-hidden />}
                  >
                    {flagged ? t("payouts.reconciliation.flag") : t("payouts.reconciliation.none")}
                  </Badge>
                </Group>
              }
              amount={amount(difference)}
            />
          </>
        }
      />

      {flagged ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={t("payouts.reconciliation.flaggedTitle", { amount: amount(difference) })}
        >
          <Stack gap={4}>
            <Text size="sm">
              {t(returnedToBalance(payout.status) ? "payouts.reconciliation.flaggedBodyReturned" : "payouts.reconciliation.flaggedBody", {
                explained: amount(reconciliation.explainedTotal),
                payout: amount(reconciliation.payoutAmount),
                difference: amount(difference),
              })}
            </Text>
            <Text size="sm">
              {payout.itemsSyncedAt === null ? t("payouts.reconciliation.notSynced") : t("payouts.reconciliation.flaggedAction")}
            </Text>
          </Stack>
        </Alert>
      ) : reconciliation.balanced ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t("payouts.reconciliation.balancedTitle")} role="status">
          <Text size="sm">{t("payouts.reconciliation.balancedBody")}</Text>
        </Alert>
      ) : (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("payouts.reconciliation.addsUpTitle")}>
          <Text size="sm">{t("payouts.reconciliation.addsUpBody", { count: reconciliation.mismatches.length })}</Text>
        </Alert>
      )}

      {reconciliation.mismatches.length > 0 && (
        <Stack gap="xs">
          <Text fw={600} size="sm" id="payout-mismatches">
            {t("payouts.reconciliation.mismatchesTitle", { count: reconciliation.mismatches.length })}
          </Text>
          <DataTable
            label={t("payouts.reconciliation.mismatchesLabel")}
            minWidth={720}
            rows={[...reconciliation.mismatches]}
            rowKey={(mismatch) => mismatch.itemId}
            columns={[
              {
                key: "id",
                header: t("payouts.items.transaction"),
                cell: (mismatch) => (
                  <Text size="xs" ff="monospace">
                    {mismatch.itemId}
                  </Text>
                ),
              },
              { key: "type", header: t("payouts.items.type"), cell: (mismatch) => mismatch.type },
              { key: "net", header: t("payouts.items.net"), numeric: true, cell: (mismatch) => amount(mismatch.net) },
              {
                key: "expected",
                header: t("payouts.reconciliation.expected"),
                numeric: true,
                cell: (mismatch) => (mismatch.expectedNet === null ? "–" : amount(mismatch.expectedNet)),
              },
              {
                key: "reason",
                header: t("payouts.reconciliation.why"),
                cell: (mismatch) => t(`payouts.reconciliation.reasons.${mismatch.reason}`),
              },
            ]}
          />
        </Stack>
      )}
    </SectionCard>
  );
}
