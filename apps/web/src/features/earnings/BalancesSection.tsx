/**
 * The partner's Stripe balance, one card per currency (never added up across them): what is
 * available, what is still pending, and the next automatic payout — or why there is none (a hold
 * by finance, manual payouts, payouts not enabled, or nothing to pay out yet).
 */
import { Alert, Card, SimpleGrid, Stack, Text } from "@mantine/core";
import { isCurrencyCode } from "@pc/shared";
import { IconCloudOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { usePayoutMoney } from "../payouts/usePayoutMoney";
import { currenciesBySales } from "./EarningsByMonth";
import type { EarningsBalance, EarningsSummary } from "./earnings.types";

/** The balances in the order of the earnings by month (the currency with the most sales first), then the rest by code. */
function byCurrency(summary: EarningsSummary): EarningsBalance[] {
  const order: string[] = currenciesBySales(summary.months);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return [...summary.balances].sort((a, b) => rank(a.currency) - rank(b.currency) || a.currency.localeCompare(b.currency));
}

export function BalancesSection({ summary }: { summary: EarningsSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SectionCard title={t("earnings.balances.title")} description={t("earnings.balances.description")}>
      {summary.balanceStale && (
        <Alert color="orange" variant="light" icon={<IconCloudOff size={18} />} role="note">
          {summary.balanceFetchedAt
            ? t("earnings.balances.stale", { date: format.dateTime(summary.balanceFetchedAt) })
            : t("earnings.balances.staleNever")}
        </Alert>
      )}
      {summary.balances.length === 0 ? (
        <Text size="sm" c="dimmed">
          {summary.account.connected ? t("earnings.balances.empty") : t("earnings.balances.notConnected")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {byCurrency(summary).map((balance) => (
            <BalanceCard key={balance.currency} balance={balance} account={summary.account} />
          ))}
        </SimpleGrid>
      )}
    </SectionCard>
  );
}

function BalanceCard({ balance, account }: { balance: EarningsBalance; account: EarningsSummary["account"] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const { locale } = useFormat();
  // The next payout day is a calendar day in UTC, as Stripe's schedule runs.
  const payoutDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const title = isCurrencyCode(balance.currency) ? `${balance.currency} · ${money.currencyName(balance.currency)}` : balance.currency;

  let next: string;
  if (balance.nextPayout) {
    next = t("earnings.balances.next", {
      date: payoutDay.format(balance.nextPayout.date),
      amount: money.amount(balance.nextPayout.amount, balance.currency),
    });
  } else if (account.hold) next = t("earnings.balances.noneHeld");
  else if (account.schedule?.interval === "manual") next = t("earnings.balances.noneManual");
  else if (!account.payoutsEnabled) next = t("earnings.balances.noneDisabled");
  else next = t("earnings.balances.noneYet");

  return (
    <Card withBorder padding="md" radius="md" component="article" aria-label={title}>
      <Stack gap={6}>
        <Text fw={600}>{title}</Text>
        <div>
          <Text size="xs" c="dimmed">
            {t("earnings.balances.available")}
          </Text>
          <Text size="xl" fw={700} c={balance.available < 0 ? "red" : undefined}>
            {money.amount(balance.available, balance.currency)}
          </Text>
          {balance.available < 0 && (
            <Text size="xs" c="dimmed">
              {t("earnings.balances.negative")}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t("earnings.balances.pending")}
          </Text>
          <Text size="sm">{money.amount(balance.pending, balance.currency)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t("earnings.balances.nextPayout")}
          </Text>
          <Text size="sm" data-testid={`next-payout-${balance.currency}`}>
            {next}
          </Text>
        </div>
      </Stack>
    </Card>
  );
}
