/**
 * /payouts: finance's review of every partner's payouts, across tenants (operator staff with
 * payouts.read). Three tabs, kept in the URL (?tab=): the payouts themselves, the partners' Stripe
 * accounts with holds, and the webhook events Stripe sent.
 */
import { Stack, Tabs } from "@mantine/core";
import { IconBuildingBank, IconReportMoney, IconWebhook } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { NoAccess } from "../errors/NoAccess";
import { useTabParam } from "../policies/useTabParam";
import { PartnerAccounts } from "./PartnerAccounts";
import { PayoutList } from "./PayoutList";
import { WebhookEvents } from "./WebhookEvents";

const TABS = ["payouts", "partners", "events"] as const;
type PayoutsTab = (typeof TABS)[number];

export function PayoutsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("payouts.read");
  usePageTitle(t("nav.payouts"));
  if (!canRead || !isOperatorStaff(me)) return <NoAccess />;
  return <FinancePayouts />;
}

function FinancePayouts() {
  const { t } = useTranslation();
  const canReadEvents = useCan("stripe_events.read");
  const tabs = canReadEvents ? TABS : TABS.filter((tab) => tab !== "events");
  const [tab, setTab] = useTabParam<PayoutsTab>(tabs, "payouts");
  return (
    <Stack gap={0}>
      <PageHeader title={t("payouts.title")} description={t("payouts.description")} />
      <Tabs value={tab} onChange={(value) => value && setTab(value as PayoutsTab)} keepMounted={false}>
        <Tabs.List mb="lg" aria-label={t("payouts.tabsLabel")}>
          <Tabs.Tab value="payouts" leftSection={<IconReportMoney size={16} />}>
            {t("payouts.tabs.payouts")}
          </Tabs.Tab>
          <Tabs.Tab value="partners" leftSection={<IconBuildingBank size={16} />}>
            {t("payouts.tabs.partners")}
          </Tabs.Tab>
          {canReadEvents && (
            <Tabs.Tab value="events" leftSection={<IconWebhook size={16} />}>
              {t("payouts.tabs.events")}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="payouts">
          <PayoutList />
        </Tabs.Panel>
        <Tabs.Panel value="partners">
          <PartnerAccounts />
        </Tabs.Panel>
        {canReadEvents && (
          <Tabs.Panel value="events">
            <WebhookEvents />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
