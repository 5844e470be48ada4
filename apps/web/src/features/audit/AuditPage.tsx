/**
 * /audit: every recorded change, newest first. Filters (actor, tenant for staff, action or its
 * prefix, days, target) live in the URL, so a search can be bookmarked and shared; results page
 * on with the server's cursor ("Load more"), which belongs to that one search.
 */

import { Stack, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { LoadMoreFooter } from "../../components/LoadMoreFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { AuditActionFilter } from "./AuditActionFilter";
import { AuditFilters } from "./AuditFilters";
import { AuditTable } from "./AuditTable";
import { auditFiltersOf, auditInputOf, auditParamsOf } from "./auditParams";
import { VerifyChainButton } from "./VerifyChainButton";

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const staff = isOperatorStaff(me);
  const canRead = useCan("audit.read");
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = auditFiltersOf(searchParams);
  usePageTitle(t("nav.audit"));

  const audit = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { ...auditInputOf(filters, { staff }), limit: PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
    enabled: canRead,
  });

  if (!canRead) return <NoAccess />;

  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const scope = staff ? t("audit.scopeAll") : t("audit.scopeTenant", { tenant: me.activeTenant?.name ?? "" });
  const search = (next: typeof filters) => setSearchParams(auditParamsOf(next));

  return (
    <Stack gap="md">
      <PageHeader
        title={t("nav.audit")}
        description={`${t("audit.description")} ${scope}`}
        actions={staff ? <VerifyChainButton /> : undefined}
      />
      <AuditFilters staff={staff} filters={filters} onSearch={search} />
      <Stack gap={4}>
        <AuditActionFilter
          value={filters.action ?? ""}
          seenActions={items.map((item) => item.action)}
          onChange={(action) => search({ ...filters, action: action || undefined })}
        />
        <Text size="xs" c="dimmed">
          {t("audit.trail.actionHint")}
        </Text>
      </Stack>
      <QueryContent query={audit}>
        {() => (
          <>
            <AuditTable items={items} filtered={Object.keys(filters).length > 0} onFilterActor={(actor) => search({ ...filters, actor })} />
            <LoadMoreFooter
              query={audit}
              count={items.length}
              loadMoreLabel={t("audit.loadMore")}
              endLabel={t("audit.end", { count: items.length })}
            />
          </>
        )}
      </QueryContent>
    </Stack>
  );
}
