/** /audit: every recorded change, newest first, filtered by action (in the URL), paged by cursor. */
import { Button, Group, Stack, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { AuditActionFilter } from "./AuditActionFilter";
import { AuditTable } from "./AuditTable";
import { VerifyChainButton } from "./VerifyChainButton";

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("audit.read");
  const [searchParams, setSearchParams] = useSearchParams();
  const action = searchParams.get("action")?.trim() || undefined;
  usePageTitle(t("nav.audit"));

  const audit = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { action, limit: PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
    enabled: canRead,
  });

  if (!canRead) return <NoAccess />;

  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const scope = isOperatorStaff(me) ? t("audit.scopeAll") : t("audit.scopeTenant", { tenant: me.activeTenant?.name ?? "" });

  return (
    <Stack gap="md">
      <PageHeader
        title={t("nav.audit")}
        description={`${t("audit.description")} ${scope}`}
        actions={isOperatorStaff(me) ? <VerifyChainButton /> : undefined}
      />
      <AuditActionFilter
        value={action ?? ""}
        seenActions={items.map((item) => item.action)}
        onChange={(next) => setSearchParams(next ? { action: next } : {}, { replace: false })}
      />
      <QueryContent query={audit}>
        {() => (
          <>
            <AuditTable items={items} filtered={Boolean(action)} />
            <Group justify="center">
              {audit.hasNextPage ? (
                <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                  {t("audit.loadMore")}
                </Button>
              ) : (
                items.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t("audit.end", { count: items.length })}
                  </Text>
                )
              )}
            </Group>
          </>
        )}
      </QueryContent>
    </Stack>
  );
}
