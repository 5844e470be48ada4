/**
 * Failed payouts under the current filters (whatever the sort or page): who, how much, Stripe's
 * failure code, what it means and what to do, and a link to the payout. Finance deals with these
 * first, so they sit above the list.
 */
import { Alert, Anchor, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useFormat } from "../../lib/format";
import { PayoutFailureDetails } from "./PayoutFailureDetails";
import type { ListedPayout } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

export function FailedPayoutsPanel({ failed }: { failed: ListedPayout[] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const format = useFormat();
  const location = useLocation();
  if (failed.length === 0) return null;
  return (
    <section aria-label={t("payouts.failedPanel.label")}>
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title={t("payouts.failedPanel.title", { count: failed.length })}
        role="note"
      >
        <Stack gap="md">
          <Text size="sm">{t("payouts.failedPanel.description")}</Text>
          {failed.map((payout) => (
            <article key={payout.id} aria-label={`${payout.tenant.name}: ${money.amount(payout.amount, payout.currency)}`}>
              <Stack gap={6}>
                <Group gap="sm" justify="space-between" align="baseline">
                  <Text fw={600}>
                    {payout.tenant.name} · {money.amount(payout.amount, payout.currency)}
                  </Text>
                  <Group gap="sm">
                    <Text size="sm" c="dimmed">
                      {t("payouts.failedPanel.created", { date: format.date(payout.createdAt) })}
                    </Text>
                    <Anchor
                      component={Link}
                      to={`/payouts/${payout.id}`}
                      state={{ back: `${location.pathname}${location.search}` }}
                      size="sm"
                    >
                      {t("payouts.failedPanel.open", { tenant: payout.tenant.name })}
                    </Anchor>
                  </Group>
                </Group>
                {payout.failure && <PayoutFailureDetails failure={payout.failure} />}
              </Stack>
            </article>
          ))}
        </Stack>
      </Alert>
    </section>
  );
}
