/**
 * /consent/records: search the consent ledger. Staff search every tenant (or one); partners their
 * own. Every filter lives in the URL, so a search can be bookmarked and shared; results page on
 * with the server's cursor ("Load more").
 */
import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DataTable } from "../../components/DataTable";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { ConsentActionBadge, PurposeDecisions } from "../ledger/ConsentBadges";
import { ConsentExportMenu } from "./ConsentExportMenu";
import { ConsentSearchForm } from "./ConsentSearchForm";
import { filtersOf, paramsOf, searchInputOf } from "./consentAuditParams";

const PAGE_SIZE = 50;

export function ConsentRecordsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const format = useFormat();
  const canRead = useCan("consent.read");
  const staff = isOperatorStaff(me);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersOf(searchParams);
  usePageTitle(t("consentAudit.title"));

  const search = useInfiniteQuery({
    ...trpc.consentAudit.search.infiniteQueryOptions(
      { ...searchInputOf(filters, { staff }), limit: PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
    enabled: canRead,
  });

  if (!canRead) return <NoAccess />;
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const subjectLink =
    filters.subject && (!staff || filters.tenant)
      ? `/consent/subjects?${new URLSearchParams({ ...(filters.tenant ? { tenant: filters.tenant } : {}), subject: filters.subject })}`
      : null;

  return (
    <Stack gap="md">
      <PageHeader title={t("consentAudit.title")} description={t("consentAudit.description")} />
      <ConsentSearchForm staff={staff} filters={filters} onSearch={(next) => setSearchParams(paramsOf(next))} />
      <Group justify="flex-end">
        <ConsentExportMenu filters={filters} staff={staff} />
      </Group>
      {subjectLink && (
        <Anchor component={Link} to={subjectLink}>
          {t("consentAudit.filters.timeline")}
        </Anchor>
      )}
      <QueryContent query={search}>
        {() => (
          <Stack gap="sm">
            <DataTable
              label={t("consentAudit.results.label")}
              minWidth={960}
              rows={items}
              rowKey={(item) => item.recordId}
              empty={t("consentAudit.results.empty")}
              columns={[
                {
                  key: "received",
                  header: t("consentAudit.results.received"),
                  rowHeader: true,
                  cell: (item) => (
                    <Anchor
                      component={Link}
                      to={`/consent/records/${item.recordId}`}
                      aria-label={t("consentAudit.results.open", { seq: item.seq })}
                    >
                      {format.preciseDateTime(item.receivedAt)}
                    </Anchor>
                  ),
                },
                staff && { key: "tenant", header: t("consentAudit.results.tenant"), cell: (item) => item.tenant.name },
                { key: "seq", header: t("consentAudit.results.seq"), numeric: true, cell: (item) => format.number(item.seq) },
                { key: "action", header: t("consentAudit.results.action"), cell: (item) => <ConsentActionBadge action={item.action} /> },
                {
                  key: "purposes",
                  header: t("consentAudit.results.purposes"),
                  cell: (item) => <PurposeDecisions purposes={item.purposes} />,
                },
                { key: "policy", header: t("consentAudit.results.policy"), cell: (item) => `${item.policyKind} ${item.policyVersion}` },
                { key: "country", header: t("consentAudit.results.country"), cell: (item) => item.country ?? "—" },
              ]}
            />
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t("consentAudit.results.shown", { count: items.length })}
              </Text>
              {search.hasNextPage && (
                <Button variant="default" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                  {t("consentAudit.results.loadMore")}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </QueryContent>
    </Stack>
  );
}
