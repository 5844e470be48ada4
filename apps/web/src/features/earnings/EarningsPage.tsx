/**
 * /earnings: what the active tenant earns through its storefront and how it gets paid — its Stripe
 * account (and onboarding), balances and the next payout, net earnings by month, each sale with its
 * split, refunds and disputes, and payouts to the bank. Amounts are per currency, never summed
 * across currencies.
 */
import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { AdjustmentsSection } from "./AdjustmentsSection";
import { BalancesSection } from "./BalancesSection";
import { EarningsByMonth } from "./EarningsByMonth";
import { PartnerPayoutsSection } from "./PartnerPayoutsSection";
import { SalesSection } from "./SalesSection";
import { StripeAccountCard } from "./StripeAccountCard";
import { useOnboardingReturn } from "./useOnboardingReturn";

export function EarningsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("earnings.read");
  usePageTitle(t("nav.earnings"));

  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("nav.earnings")} chooseMessage={t("earnings.noTenantChoose")} />;
  if (!canRead) return <NoAccess />;
  // Keyed by tenant: nothing of one partner's earnings shows under the next.
  return <TenantEarnings key={tenant.id} tenantName={tenant.name} />;
}

function TenantEarnings({ tenantName }: { tenantName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  useOnboardingReturn();
  const account = useQuery(trpc.earnings.account.queryOptions());
  const summary = useQuery(trpc.earnings.summary.queryOptions());

  return (
    <Stack gap="lg">
      <PageHeader title={t("earnings.titleOf", { tenant: tenantName })} description={t("earnings.description")} />
      <QueryContent query={account}>{(data) => <StripeAccountCard account={data} />}</QueryContent>
      <QueryContent query={summary}>
        {(data) => (
          <>
            <BalancesSection summary={data} />
            <EarningsByMonth months={data.months} />
          </>
        )}
      </QueryContent>
      <SalesSection />
      <AdjustmentsSection />
      <PartnerPayoutsSection />
    </Stack>
  );
}
