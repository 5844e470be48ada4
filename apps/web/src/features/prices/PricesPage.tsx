/**
 * /prices: the active tenant's price books, one tab per currency (in the URL: ?currency=NOK, and
 * ?view=history for its history). Partner admins edit drafts and publish; operator admins and
 * finance change the revenue share; everyone else with prices.read sees the same, read-only.
 */
import { Badge, Button, EmptyState, Group, Menu, Stack, Tabs } from "@mantine/core";
import { type CurrencyCode, isCurrencyCode } from "@pc/shared";
import { IconChevronDown, IconPlus, IconReceipt } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { PriceBookPanel, type PriceBookView } from "./PriceBookPanel";
import type { PriceBook } from "./priceDiff";
import { useMoney } from "./useMoney";

/** The currencies a partner may open a price book in, in the order they are offered. */
const OFFERED_CURRENCIES: readonly CurrencyCode[] = ["NOK", "EUR", "USD", "GBP", "SEK"];

export function PricesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("prices.read");
  usePageTitle(t("nav.prices"));

  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("nav.prices")} chooseMessage={t("prices.noTenantChoose")} />;
  if (!canRead) return <NoAccess />;
  // Keyed by tenant: nothing typed for one partner carries over to the next.
  return <PriceBooks key={tenant.id} tenantName={tenant.name} />;
}

function PriceBooks({ tenantName }: { tenantName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const canEdit = useCan("prices.edit");
  const canSetShare = useCan("prices.set_revenue_share");
  const list = useQuery(trpc.prices.list.queryOptions());
  const [searchParams, setSearchParams] = useSearchParams();
  /** Currencies added here whose first draft is not saved yet. */
  const [added, setAdded] = useState<CurrencyCode[]>([]);

  const books = list.data ?? [];
  const currencies = [...books.map((book) => book.currency), ...added.filter((code) => !books.some((book) => book.currency === code))];
  const requested = searchParams.get("currency")?.toUpperCase() ?? "";
  const active = currencies.find((code) => code === requested) ?? currencies[0];
  const view: PriceBookView = searchParams.get("view") === "history" ? "history" : "prices";
  const addable = OFFERED_CURRENCIES.filter((code) => !currencies.includes(code));

  function show(currency: CurrencyCode, nextView: PriceBookView = "prices") {
    setSearchParams(nextView === "history" ? { currency, view: "history" } : { currency });
  }

  function add(currency: CurrencyCode) {
    setAdded((current) => [...current, currency]);
    show(currency);
  }

  async function reload(currency: CurrencyCode): Promise<PriceBook | undefined> {
    const result = await list.refetch();
    return result.data?.find((book) => book.currency === currency);
  }

  const addMenu = canEdit && addable.length > 0 && (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />}>
          {t("prices.addCurrency")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {addable.map((code) => (
          <Menu.Item key={code} onClick={() => add(code)}>
            {code} · {money.currencyName(code)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t("prices.title", { tenant: tenantName })}
        description={canEdit ? t("prices.descriptionEdit") : t("prices.descriptionRead")}
        actions={list.isSuccess && currencies.length > 0 ? addMenu : undefined}
      />
      <QueryContent query={list}>
        {() =>
          active === undefined ? (
            <EmptyState
              icon={<IconReceipt size={28} />}
              withIndicatorBackground
              title={t("prices.empty.title")}
              description={canEdit ? t("prices.empty.edit") : t("prices.empty.read")}
              py="xl"
            >
              {addMenu && <Group justify="center">{addMenu}</Group>}
            </EmptyState>
          ) : (
            <Tabs
              value={active}
              onChange={(value) => value && isCurrencyCode(value) && show(value, view)}
              variant="outline"
              keepMountedMode="activity"
            >
              <Tabs.List aria-label={t("prices.currencies")}>
                {currencies.map((code) => {
                  const book = books.find((entry) => entry.currency === code);
                  return (
                    <Tabs.Tab key={code} value={code} fw={600}>
                      <Group gap={6} wrap="nowrap">
                        {code}
                        {!book && (
                          <Badge size="xs" color="gray" variant="light" tt="none">
                            {t("prices.newBadge")}
                          </Badge>
                        )}
                        {book?.draft && (
                          <Badge size="xs" color="yellow" variant="light" tt="none">
                            {t("prices.draftBadge")}
                          </Badge>
                        )}
                        {book && book.scheduled.length > 0 && (
                          <Badge size="xs" color="blue" variant="light" tt="none">
                            {t("prices.scheduledBadge")}
                          </Badge>
                        )}
                      </Group>
                    </Tabs.Tab>
                  );
                })}
              </Tabs.List>
              {currencies.map((code) => (
                <Tabs.Panel key={code} value={code} pt="md">
                  <PriceBookPanel
                    currency={code}
                    book={books.find((entry) => entry.currency === code)}
                    canEdit={canEdit}
                    canSetShare={canSetShare}
                    view={code === active ? view : "prices"}
                    onViewChange={(next) => show(code, next)}
                    onAbandon={() => {
                      setAdded((current) => current.filter((entry) => entry !== code));
                      setSearchParams({});
                    }}
                    reload={() => reload(code)}
                  />
                </Tabs.Panel>
              ))}
            </Tabs>
          )
        }
      </QueryContent>
    </Stack>
  );
}
