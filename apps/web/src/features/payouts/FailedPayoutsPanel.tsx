/**
 * Failed payouts under the current filters (whatever the sort or page): who, how much, Stripe's
 * failure code, what it means and what to do, and a link to the payout. A failed payout's money went
 * back to the partner's Stripe balance; each one says whether a later payout of that partner and
 * currency on the list's first page was paid since, or asks to check that one was. Finance deals
 * with these first, so they sit above the list.
 */
import { Alert, Anchor, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useFormat } from "../../lib/format";
import { PayoutFailureDetails } from "./PayoutFailureDetails";
import type { ListedPayout } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

/** The first paid payout of the same partner and currency created after `failed`, among `items`. */
export function laterPaidPayout(failed: ListedPayout, items: readonly ListedPayout[]): ListedPayout | null {
  const created = (payout: ListedPayout) => new Date(payout.createdAt).getTime();
  const later = items.filter(
    (payout) =>
      payout.status === "paid" &&
      payout.tenant.id === failed.tenant.id &&
      payout.currency === failed.currency &&
      created(payout) > created(failed),
  );
  return later.reduce<ListedPayout | null>((first, payout) => (first === null || created(payout) < created(first) ? payout : first), null);
}

export function FailedPayoutsPanel({ failed, items }: { failed: ListedPayout[]; items: readonly ListedPayout[] }) {
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
          {failed.map((payout) => {
            const amount = money.amount(payout.amount, payout.currency);
            const date = format.date(payout.createdAt);
            const later = laterPaidPayout(payout, items);
            return (
              <article key={payout.id} aria-label={`${payout.tenant.name}: ${amount}`}>
                <Stack gap={6}>
                  <Group gap="sm" justify="space-between" align="baseline">
                    <Text fw={600}>
                      {payout.tenant.name} · {amount}
                    </Text>
                    <Group gap="sm">
                      <Text size="sm" c="dimmed">
                        {t("payouts.failedPanel.created", { date })}
                      </Text>
                      <Anchor
                        component={Link}
                        to={`/payouts/${payout.id}`}
                        state={{ back: `${location.pathname}${location.search}` }}
                        size="sm"
                        aria-label={t("payouts.failedPanel.openNamed", { amount, tenant: payout.tenant.name, date })}
                      >
                        {t("payouts.failedPanel.open")}
                      </Anchor>
                    </Group>
                  </Group>
                  {payout.failure && <PayoutFailureDetails failure={payout.failure} />}
                  <Group gap={6} wrap="nowrap" align="flex-start" data-testid="later-payout" data-paid-since={later !== null}>
                    {later ? (
                      <IconCircleCheck size={16} color="var(--mantine-color-teal-8)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                    ) : (
                      <IconSearch size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                    )}
                    <Text size="sm">
                      {later
                        ? t("payouts.failedPanel.laterPaid", {
                            amount: money.amount(later.amount, later.currency),
                            tenant: payout.tenant.name,
                            date: format.date(later.createdAt),
                          })
                        : t("payouts.failedPanel.laterUnknown", { currency: payout.currency, tenant: payout.tenant.name })}
                    </Text>
                  </Group>
                </Stack>
              </article>
            );
          })}
        </Stack>
      </Alert>
    </section>
  );
}
