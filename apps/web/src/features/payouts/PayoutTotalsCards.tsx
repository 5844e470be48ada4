/** The list's totals, one card per currency: how many payouts, and how much is paid, in flight and failed. Never one figure across currencies. */
import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { isCurrencyCode } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import type { PayoutTotals } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

export function PayoutTotalsCards({ totals }: { totals: PayoutTotals[] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const format = useFormat();
  if (totals.length === 0) return null;
  return (
    <section aria-label={t("payouts.totals.title")}>
      <Title order={2} size="h5" mb="xs">
        {t("payouts.totals.title")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {totals.map((total) => {
          const title = isCurrencyCode(total.currency) ? `${total.currency} · ${money.currencyName(total.currency)}` : total.currency;
          return (
            <Card
              key={total.currency}
              withBorder
              padding="md"
              radius="md"
              component="article"
              aria-label={title}
              data-currency={total.currency}
            >
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
                  <Text fw={600}>{title}</Text>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                    {t("payouts.totals.count", { count: total.count, formatted: format.number(total.count) })}
                  </Text>
                </Group>
                <dl style={{ margin: 0, display: "grid", gridTemplateColumns: "auto auto", gap: "2px 12px" }}>
                  {(
                    [
                      ["total", total.total],
                      ["paid", total.paid],
                      ["inFlight", total.inFlight],
                      ["failed", total.failed],
                    ] as const
                  ).map(([key, amount]) => (
                    <div key={key} style={{ display: "contents" }}>
                      <Text component="dt" size="sm" c="dimmed">
                        {t(`payouts.totals.${key}`)}
                      </Text>
                      <Text
                        component="dd"
                        size="sm"
                        ta="right"
                        m={0}
                        fw={key === "total" ? 600 : undefined}
                        c={key === "failed" && amount > 0 ? "red" : undefined}
                      >
                        {money.amount(amount, total.currency)}
                      </Text>
                    </div>
                  ))}
                </dl>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
