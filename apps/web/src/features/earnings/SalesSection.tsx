/**
 * Each paid sale with its split: what the customer paid, Stripe's fee (paid by the platform on
 * these charges), the platform fee and the partner's share, at the price book version it was sold
 * at; refunded and disputed sales are marked in words. Newest first, more on request (keyset cursor).
 */

import { Badge, Group, Stack, Text } from "@mantine/core";
import { BPS_PER_WHOLE } from "@pc/shared";
import { IconArrowBackUp, IconScale } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { LoadMoreFooter } from "../../components/LoadMoreFooter";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { usePayoutMoney } from "../payouts/usePayoutMoney";
import type { EarningsSale } from "./earnings.types";

export const SALES_PAGE_SIZE = 25;

type SaleMark = "refunded" | "partlyRefunded" | "disputed" | "disputeWon";

/** What happened to a sale after it was paid, in the order a person cares about. */
export function saleMarks(sale: EarningsSale): SaleMark[] {
  const marks: SaleMark[] = [];
  const disputes = sale.adjustments.filter((adjustment) => adjustment.kind === "dispute");
  const won = sale.adjustments.some((adjustment) => adjustment.kind === "dispute_reinstated");
  if (disputes.length > 0) marks.push(won ? "disputeWon" : "disputed");
  const refunded = sale.adjustments.some((adjustment) => adjustment.kind === "refund" && adjustment.status === "succeeded");
  if (refunded || (disputes.length === 0 && sale.amountRefunded > 0)) {
    marks.push(sale.amountRefunded >= sale.gross ? "refunded" : "partlyRefunded");
  }
  return marks;
}

function SaleMarks({ sale }: { sale: EarningsSale }) {
  const { t } = useTranslation();
  const marks = saleMarks(sale);
  if (marks.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("earnings.sales.paid")}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {marks.map((mark) => (
        <Badge
          key={mark}
          color={mark === "disputeWon" ? "teal" : mark === "disputed" ? "red" : "orange"}
          variant="light"
          styles={NO_TRUNCATE}
          leftSection={
            mark === "disputed" || mark === "disputeWon" ? <IconScale size={12} aria-hidden /> : <IconArrowBackUp size={12} aria-hidden />
          }
        >
          {t(`earnings.sales.marks.${mark}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function SalesSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const money = usePayoutMoney();
  const sales = useInfiniteQuery(
    trpc.earnings.sales.infiniteQueryOptions(
      { limit: SALES_PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
  );
  const items = sales.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <SectionCard title={t("earnings.sales.title")} description={t("earnings.sales.description")}>
      <QueryContent query={sales} loaderPadding="md">
        {() => (
          <Stack gap="sm">
            <DataTable
              label={t("earnings.sales.title")}
              minWidth={920}
              rows={items}
              rowKey={(sale) => sale.id}
              empty={t("earnings.sales.empty")}
              columns={[
                {
                  key: "date",
                  header: t("earnings.sales.date"),
                  nowrap: true,
                  cell: (sale) => (sale.paidAt ? format.dateTime(sale.paidAt) : "–"),
                },
                {
                  key: "what",
                  header: t("earnings.sales.what"),
                  cell: (sale) =>
                    sale.kind === "bundle"
                      ? t("earnings.sales.bundle", { count: sale.tracks, formatted: format.number(sale.tracks) })
                      : t("earnings.sales.tracks", { count: sale.tracks, formatted: format.number(sale.tracks) }),
                },
                {
                  key: "version",
                  header: t("earnings.sales.priceVersion"),
                  cell: (sale) => t("earnings.sales.version", { version: sale.priceVersion }),
                },
                { key: "gross", header: t("earnings.sales.gross"), numeric: true, cell: (sale) => money.amount(sale.gross, sale.currency) },
                {
                  key: "stripeFee",
                  header: t("earnings.sales.stripeFee"),
                  numeric: true,
                  cell: (sale) => (sale.stripeFee === null ? "–" : money.amount(sale.stripeFee, sale.currency)),
                },
                {
                  key: "platformFee",
                  header: t("earnings.sales.platformFee"),
                  numeric: true,
                  cell: (sale) => money.amount(sale.platformFee, sale.currency),
                },
                {
                  key: "share",
                  header: t("earnings.sales.partnerShare"),
                  numeric: true,
                  cell: (sale) => (
                    <Stack gap={0} align="flex-end">
                      <Text size="sm" fw={600}>
                        {money.amount(sale.partnerShare, sale.currency)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {money.percent(BPS_PER_WHOLE - sale.revenueShareBps)}
                      </Text>
                    </Stack>
                  ),
                },
                { key: "status", header: t("earnings.sales.status"), cell: (sale) => <SaleMarks sale={sale} /> },
              ]}
            />
            <LoadMoreFooter
              query={sales}
              count={items.length}
              loadMoreLabel={t("earnings.sales.loadMore")}
              endLabel={t("earnings.sales.end", { count: items.length, formatted: format.number(items.length) })}
            />
          </Stack>
        )}
      </QueryContent>
    </SectionCard>
  );
}
