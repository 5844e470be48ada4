/**
 * A payout explained to the cent: the balance transactions it paid out, summed by what they are in
 * our books (sales, refunds, disputes, won disputes, returned payouts), the explained total against
 * the payout's amount, and the difference. A difference is flagged with what to do; nothing left
 * over says so plainly. Transactions that did not match are listed one by one.
 */
import { Alert, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { LabelledTable } from "./LabelledTable";
import type { PayoutDetail } from "./payouts.types";
import { SectionCard } from "./SectionCard";
import { usePayoutMoney } from "./usePayoutMoney";

export function PayoutReconciliation({ payout }: { payout: PayoutDetail }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const reconciliation = payout.reconciliation;
  const amount = (minor: number) => money.amount(minor, reconciliation.currency);
  const difference = reconciliation.unexplainedDifference;
  const flagged = difference !== 0;

  return (
    <SectionCard title={t("payouts.reconciliation.title")} description={t("payouts.reconciliation.description")}>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t("payouts.reconciliation.tableLabel")} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("payouts.reconciliation.line")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("payouts.reconciliation.count")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("payouts.reconciliation.amount")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reconciliation.lines.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    {t("payouts.reconciliation.noItems")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {reconciliation.lines.map((line) => (
              <Table.Tr key={line.kind} data-line={line.kind}>
                <Table.Th scope="row" fw={400}>
                  {t(`payouts.reconciliation.lines.${line.kind}`)}
                </Table.Th>
                <Table.Td ta="right">{line.count}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {amount(line.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-line="explained">
              <Table.Th scope="row">{t("payouts.reconciliation.explainedTotal")}</Table.Th>
              <Table.Td />
              <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>
                {amount(reconciliation.explainedTotal)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr data-line="payout">
              <Table.Th scope="row">{t("payouts.reconciliation.payoutAmount")}</Table.Th>
              <Table.Td />
              <Table.Td ta="right" fw={600} style={{ whiteSpace: "nowrap" }}>
                {amount(reconciliation.payoutAmount)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr data-line="difference" data-flagged={flagged}>
              <Table.Th scope="row">
                <Group gap={6} wrap="nowrap">
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
              </Table.Th>
              <Table.Td />
              <Table.Td ta="right" fw={700} c={flagged ? "red" : "teal"} style={{ whiteSpace: "nowrap" }}>
                {amount(difference)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>

      {flagged ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={t("payouts.reconciliation.flaggedTitle", { amount: amount(difference) })}
        >
          <Stack gap={4}>
            <Text size="sm">
              {t("payouts.reconciliation.flaggedBody", {
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
          <LabelledTable
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
