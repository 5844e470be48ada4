/**
 * /consent/stats: consent statistics from the rollups the ledger keeps as it records. Staff see
 * every tenant (or one); partners their own. Every filter lives in the URL; the range defaults to
 * the last 90 UTC days by day.
 */
import { Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { CountriesSection, CoverageSection, VersionsSection } from "./ConsentStatsBreakdowns";
import { ConsentStatsFilters } from "./ConsentStatsFilters";
import { ActionsSection, OptInSection } from "./ConsentStatsTrends";
import type { ConsentStatsOverview } from "./consentStats.types";
import { rangeOf, statsFiltersOf, statsInputOf, statsParamsOf } from "./consentStatsParams";
import { useStatsFormat } from "./useStatsFormat";

export function ConsentStatsView({ stats }: { stats: ConsentStatsOverview }) {
  const { t } = useTranslation();
  const format = useStatsFormat(stats.range.granularity);
  const empty = stats.actions.totals.total === 0;
  return (
    <Stack gap="md">
      {empty ? (
        <SectionCard title={t("consentStats.optIn.title")}>
          <Text size="sm" c="dimmed">
            {t("consentStats.empty")}
          </Text>
        </SectionCard>
      ) : (
        <>
          <OptInSection stats={stats} format={format} />
          <ActionsSection stats={stats} format={format} />
          <VersionsSection stats={stats} format={format} />
          <CountriesSection stats={stats} format={format} />
        </>
      )}
      <CoverageSection stats={stats} format={format} />
    </Stack>
  );
}

export function ConsentStatsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("consent.read");
  const staff = isOperatorStaff(me);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = statsFiltersOf(searchParams);
  usePageTitle(t("consentStats.title"));
  const stats = useQuery({ ...trpc.consentStats.overview.queryOptions(statsInputOf(filters, { staff })), enabled: canRead });

  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <PageHeader title={t("consentStats.title")} description={t("consentStats.description")} />
      <ConsentStatsFilters
        staff={staff}
        filters={filters}
        range={rangeOf(filters)}
        onShow={(next) => setSearchParams(statsParamsOf(next))}
      />
      <QueryContent query={stats}>{(data) => <ConsentStatsView stats={data} />}</QueryContent>
    </Stack>
  );
}
