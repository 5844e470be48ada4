/**
 * The partner's payouts to its bank, newest first: when, when it arrives, how much, its status,
 * and for a failed one what the failure means and what the partner does about it (the partner's own
 * action from @pc/shared, not finance's). A failed or cancelled payout arrives nowhere: no arrival.
 */
import { Button, Group, Stack, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { PayoutFailureDetails } from "../payouts/PayoutFailureDetails";
import { returnedToBalance } from "../payouts/PayoutReconciliation";
import { PayoutStatusBadge } from "../payouts/PayoutStatusBadge";
import { usePayoutMoney } from "../payouts/usePayoutMoney";

const PAYOUTS_PAGE_SIZE = 25;

export function PartnerPayoutsSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const money = usePayoutMoney();
  const canOnboard = useCan("earnings.onboard");
  const payouts = useInfiniteQuery(
    trpc.earnings.payouts.infiniteQueryOptions(
      { limit: PAYOUTS_PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
  );
  const items = payouts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <SectionCard title={t("earnings.payouts.title")} description={t("earnings.payouts.description")}>
      <QueryContent query={payouts} loaderPadding="md">
        {() => (
          <Stack gap="sm">
            <DataTable
              label={t("earnings.payouts.title")}
              minWidth={900}
              rows={items}
              rowKey={(payout) => payout.id}
              empty={t("earnings.payouts.empty")}
              columns={[
                { key: "date", header: t("earnings.payouts.date"), nowrap: true, cell: (payout) => format.date(payout.createdAt) },
                {
                  key: "arrival",
                  header: t("earnings.payouts.arrival"),
                  nowrap: true,
                  cell: (payout) => (returnedToBalance(payout.status) ? "–" : format.date(payout.arrivalDate)),
                },
                {
                  key: "amount",
                  header: t("earnings.payouts.amount"),
                  numeric: true,
                  cell: (payout) => money.amount(payout.amount, payout.currency),
                },
                { key: "status", header: t("earnings.payouts.status"), cell: (payout) => <PayoutStatusBadge status={payout.status} /> },
                {
                  key: "failure",
                  header: t("earnings.payouts.failure"),
                  cell: (payout) =>
                    payout.failure ? (
                      <Stack gap={4}>
                        <PayoutFailureDetails failure={payout.failure} audience="partner" />
                        {!canOnboard && payout.failure.code !== "insufficient_funds" && (
                          <Text size="sm" c="dimmed">
                            {t("earnings.payouts.askAdmin")}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        –
                      </Text>
                    ),
                },
              ]}
            />
            <Group justify="center">
              {payouts.hasNextPage && (
                <Button variant="default" onClick={() => void payouts.fetchNextPage()} loading={payouts.isFetchingNextPage}>
                  {t("earnings.payouts.loadMore")}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </QueryContent>
    </SectionCard>
  );
}
