/**
 * The payouts tab: filters (in the URL), failed payouts first, totals per currency, the list in
 * pages (keyset cursors: Next pushes the server's cursor, Previous pops it), and CSV exports of
 * what the filters select.
 */
import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ExportLinks } from "./ExportLinks";
import { FailedPayoutsPanel } from "./FailedPayoutsPanel";
import { PayoutFilterForm } from "./PayoutFilterForm";
import { PayoutStatusBadge } from "./PayoutStatusBadge";
import { PayoutTotalsCards } from "./PayoutTotalsCards";
import { hasFilters, type PayoutFilterParams, readFilterParams, toApiFilters, writeFilterParams } from "./payoutFilters";
import type { ListedPayout } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

export const PAYOUT_PAGE_SIZE = 50;

export function PayoutList() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const canExport = useCan("payouts.export");
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilterParams(searchParams);
  const accounts = useQuery(trpc.payouts.accounts.queryOptions());
  const tenants = (accounts.data ?? []).map((account) => account.tenant);
  // A change of filters starts again at the first page, and a link or Back shows the form as the URL says.
  const filterKey = writeFilterParams(new URLSearchParams(), filters).toString();

  const apply = (next: PayoutFilterParams) => setSearchParams((current) => writeFilterParams(current, next));

  return (
    <Stack gap="lg">
      <SectionCard
        title={t("payouts.filters.title")}
        description={hasFilters(filters) ? t("payouts.filters.descriptionFiltered") : t("payouts.filters.description")}
      >
        <PayoutFilterForm key={filterKey} value={filters} tenants={tenants} onApply={apply} />
        {canExport && <ExportLinks filters={filters} />}
      </SectionCard>
      <PayoutPages key={filterKey} filters={filters} />
    </Stack>
  );
}

function PayoutPages({ filters }: { filters: PayoutFilterParams }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  /** The cursors of the pages after the first, in the order they were opened. */
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;
  const input = { filters: toApiFilters(filters), sort: filters.sort, limit: PAYOUT_PAGE_SIZE };
  // The first page also carries the failed payouts and the totals: they stay in view on later pages.
  const first = useQuery(trpc.payouts.list.queryOptions({ ...input, cursor: null }));
  const later = useQuery({
    ...trpc.payouts.list.queryOptions(cursor ? { ...input, cursor } : skipToken),
    placeholderData: keepPreviousData,
  });
  const current = cursor ? later : first;
  const pageNumber = cursors.length + 1;

  return (
    <QueryContent query={first}>
      {(firstPage) => (
        <Stack gap="lg">
          <FailedPayoutsPanel failed={firstPage.failed} items={firstPage.items} />
          <PayoutTotalsCards totals={firstPage.totals} />
          <SectionCard title={t("payouts.list.title")} description={t("payouts.list.description")}>
            <QueryContent query={current} loaderPadding="md">
              {(page) => (
                <Stack gap="sm">
                  <PayoutTable items={page.items} />
                  <Group justify="space-between" role="navigation" aria-label={t("payouts.list.pagination")}>
                    <Button
                      variant="default"
                      leftSection={<IconChevronLeft size={16} />}
                      disabled={cursors.length === 0}
                      onClick={() => setCursors((stack) => stack.slice(0, -1))}
                    >
                      {t("payouts.list.previous")}
                    </Button>
                    <Text size="sm" c="dimmed" aria-live="polite">
                      {t("payouts.list.page", { page: format.number(pageNumber) })}
                    </Text>
                    <Button
                      variant="default"
                      rightSection={<IconChevronRight size={16} />}
                      disabled={!page.nextCursor || current.isPlaceholderData}
                      loading={current.isFetching && current.isPlaceholderData}
                      onClick={() => {
                        const next = page.nextCursor;
                        if (next) setCursors((stack) => [...stack, next]);
                      }}
                    >
                      {t("payouts.list.next")}
                    </Button>
                  </Group>
                </Stack>
              )}
            </QueryContent>
          </SectionCard>
        </Stack>
      )}
    </QueryContent>
  );
}

function PayoutTable({ items }: { items: ListedPayout[] }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const format = useFormat();
  const location = useLocation();
  return (
    <DataTable
      label={t("payouts.list.title")}
      minWidth={900}
      rows={items}
      rowKey={(payout) => payout.id}
      empty={t("payouts.list.empty")}
      columns={[
        { key: "created", header: t("payouts.columns.created"), nowrap: true, cell: (payout) => format.date(payout.createdAt) },
        {
          key: "tenant",
          header: t("payouts.columns.tenant"),
          cell: (payout) => (
            <Text size="sm" fw={500}>
              {payout.tenant.name}
            </Text>
          ),
        },
        {
          key: "amount",
          header: t("payouts.columns.amount"),
          numeric: true,
          cell: (payout) => money.amount(payout.amount, payout.currency),
        },
        { key: "status", header: t("payouts.columns.status"), cell: (payout) => <PayoutStatusBadge status={payout.status} /> },
        { key: "arrival", header: t("payouts.columns.arrival"), nowrap: true, cell: (payout) => format.date(payout.arrivalDate) },
        {
          key: "kind",
          header: t("payouts.columns.kind"),
          cell: (payout) => (payout.automatic ? t("payouts.kind.automatic") : t("payouts.kind.manual")),
        },
      ]}
      actions={(payout) => (
        <Anchor
          component={Link}
          to={`/payouts/${payout.id}`}
          state={{ back: `${location.pathname}${location.search}` }}
          size="sm"
          aria-label={t("payouts.list.openNamed", {
            amount: money.amount(payout.amount, payout.currency),
            tenant: payout.tenant.name,
            date: format.date(payout.createdAt),
          })}
        >
          {t("payouts.list.open")}
        </Anchor>
      )}
    />
  );
}
