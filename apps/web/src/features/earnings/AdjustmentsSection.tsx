/**
 * Refunds and disputes: what each took back from the partner's share (a refund in proportion to
 * the share, a dispute until it is won) and from the platform fee, and what a won dispute gave back.
 */
import { Badge, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { usePayoutMoney } from "../payouts/usePayoutMoney";
import { earningsEn } from "./earnings.messages";

const KIND_COLOR = { refund: "orange", dispute: "red", dispute_reinstated: "teal" } as const;

const WORDS = earningsEn.adjustments;

/** A refund's or dispute's status or reason from Stripe in words; one this page does not know as Stripe wrote it. */
function useStripeWord() {
  const { t } = useTranslation();
  return (group: "statuses" | "reasons", code: string): string => {
    if (group === "statuses" && code in WORDS.statuses) return t(`earnings.adjustments.statuses.${code as keyof typeof WORDS.statuses}`);
    if (group === "reasons" && code in WORDS.reasons) return t(`earnings.adjustments.reasons.${code as keyof typeof WORDS.reasons}`);
    return code.replaceAll("_", " ");
  };
}

export function AdjustmentsSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const money = usePayoutMoney();
  const adjustments = useQuery(trpc.earnings.adjustments.queryOptions());
  const stripeWord = useStripeWord();

  return (
    <SectionCard title={t("earnings.adjustments.title")} description={t("earnings.adjustments.description")}>
      <QueryContent query={adjustments} loaderPadding="md">
        {(rows) => (
          <DataTable
            label={t("earnings.adjustments.title")}
            minWidth={900}
            rows={rows}
            rowKey={(row) => row.id}
            empty={t("earnings.adjustments.empty")}
            columns={[
              { key: "date", header: t("earnings.adjustments.date"), nowrap: true, cell: (row) => format.dateTime(row.occurredAt) },
              {
                key: "kind",
                header: t("earnings.adjustments.kind"),
                cell: (row) => (
                  <Stack gap={2} align="flex-start">
                    <Badge color={KIND_COLOR[row.kind]} variant="light" styles={NO_TRUNCATE}>
                      {t(`earnings.adjustments.kinds.${row.kind}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {[stripeWord("statuses", row.status), row.reason && stripeWord("reasons", row.reason)].filter(Boolean).join(" · ")}
                    </Text>
                  </Stack>
                ),
              },
              {
                key: "sale",
                header: t("earnings.adjustments.sale"),
                cell: (row) =>
                  t("earnings.adjustments.saleOf", {
                    amount: money.amount(row.saleGross, row.currency),
                    date: row.salePaidAt ? format.date(row.salePaidAt) : "–",
                  }),
              },
              {
                key: "amount",
                header: t("earnings.adjustments.amount"),
                numeric: true,
                cell: (row) => money.amount(row.amount, row.currency),
              },
              {
                key: "partner",
                header: t("earnings.adjustments.partner"),
                numeric: true,
                cell: (row) =>
                  row.kind === "dispute_reinstated" ? (
                    <Text size="sm" c="teal.8" fw={600}>
                      {t("earnings.adjustments.givenBack", { amount: money.amount(row.partnerAmount, row.currency) })}
                    </Text>
                  ) : (
                    <Text size="sm" fw={600}>
                      {t("earnings.adjustments.takenBack", { amount: money.amount(row.partnerAmount, row.currency) })}
                    </Text>
                  ),
              },
              {
                key: "platform",
                header: t("earnings.adjustments.platform"),
                numeric: true,
                cell: (row) => money.amount(row.platformAmount, row.currency),
              },
            ]}
          />
        )}
      </QueryContent>
    </SectionCard>
  );
}
