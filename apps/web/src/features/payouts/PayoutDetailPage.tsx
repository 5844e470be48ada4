/**
 * /payouts/:payoutId: one payout for finance — who, how much, when, its Stripe id; why it failed and
 * what to do; its reconciliation to the cent; the balance transactions it paid out and what each
 * matched in our books. It can be read again from Stripe, and the partner's payouts held or released.
 */
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconArrowLeft, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { DataTable } from "../../components/DataTable";
import { Fact } from "../../components/Fact";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { HoldPayoutsModal, type HoldTarget } from "./HoldPayoutsModal";
import { HoldButton } from "./PartnerAccounts";
import { PayoutFailureDetails } from "./PayoutFailureDetails";
import { descriptionKey, PayoutReconciliation, returnedToBalance } from "./PayoutReconciliation";
import { PayoutStatusBadge } from "./PayoutStatusBadge";
import type { PayoutDetail, PayoutItemView } from "./payouts.types";
import { usePayoutMoney } from "./usePayoutMoney";

export function PayoutDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("payouts.read");
  const { payoutId = "" } = useParams();
  usePageTitle(t("payouts.detail.pageTitle"));
  if (!canRead || !isOperatorStaff(me)) return <NoAccess />;
  return <PayoutDetailView key={payoutId} payoutId={payoutId} />;
}

function BackLink() {
  const { t } = useTranslation();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back;
  return (
    <Anchor component={Link} to={back?.startsWith("/payouts") ? back : "/payouts"} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t("payouts.detail.back")}
      </Group>
    </Anchor>
  );
}

function PayoutDetailView({ payoutId }: { payoutId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.payouts.detail.queryOptions({ payoutId }));
  return (
    <Stack gap="md">
      <BackLink />
      <QueryContent query={detail}>{(payout) => <PayoutDetailContent payout={payout} />}</QueryContent>
    </Stack>
  );
}

function PayoutDetailContent({ payout }: { payout: PayoutDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const money = usePayoutMoney();
  const format = useFormat();
  const canHold = useCan("payouts.hold");
  const accounts = useQuery({ ...trpc.payouts.accounts.queryOptions(), enabled: canHold });
  const account = accounts.data?.find((entry) => entry.tenant.id === payout.tenant.id);
  const [holdTarget, setHoldTarget] = useState<HoldTarget | null>(null);
  const amount = money.amount(payout.amount, payout.currency);

  const refresh = useMutation(
    trpc.payouts.refresh.mutationOptions({
      onSuccess: async (fresh) => {
        queryClient.setQueryData(trpc.payouts.detail.queryKey({ payoutId: payout.id }), fresh);
        notifications.show({ color: "teal", message: t("payouts.detail.refreshed") });
        await queryClient.invalidateQueries(trpc.payouts.list.pathFilter());
      },
    }),
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("payouts.detail.title", { amount, tenant: payout.tenant.name })}
        description={t("payouts.detail.description", { date: format.date(payout.createdAt) })}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate({ payoutId: payout.id })}
            >
              {t("payouts.detail.refresh")}
            </Button>
            {canHold && account?.stripeAccountId && (
              <HoldButton
                size="sm"
                tenantId={payout.tenant.id}
                tenantName={payout.tenant.name}
                held={account.hold !== null}
                onHold={setHoldTarget}
              />
            )}
          </>
        }
      />
      <Card withBorder padding="lg" radius="md" component="section" aria-label={t("payouts.detail.factsLabel")}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact label={t("payouts.columns.tenant")}>
            <Anchor component={Link} to={`/tenants/${payout.tenant.id}`} size="sm">
              {payout.tenant.name}
            </Anchor>
          </Fact>
          <Fact label={t("payouts.columns.amount")}>
            <Text span fw={600} size="sm">
              {amount}
            </Text>
          </Fact>
          <Fact label={t("payouts.columns.status")}>
            <PayoutStatusBadge status={payout.status} />
          </Fact>
          <Fact label={t("payouts.columns.kind")}>{payout.automatic ? t("payouts.kind.automatic") : t("payouts.kind.manual")}</Fact>
          <Fact label={t("payouts.columns.created")}>{format.dateTime(payout.createdAt)}</Fact>
          {/* A failed or cancelled payout arrives nowhere: its money went back to the balance. */}
          {!returnedToBalance(payout.status) && (
            <Fact label={payout.status === "paid" ? t("payouts.detail.arrived") : t("payouts.detail.arrivalExpected")}>
              {format.date(payout.arrivalDate)}
            </Fact>
          )}
          <Fact label={t("payouts.detail.stripeId")}>
            <Text span ff="monospace" size="sm" style={{ wordBreak: "break-all" }}>
              {payout.stripePayoutId}
            </Text>
          </Fact>
          <Fact label={t("payouts.detail.itemsSynced")}>
            {payout.itemsSyncedAt ? format.dateTime(payout.itemsSyncedAt) : t("payouts.detail.itemsNotSynced")}
          </Fact>
        </SimpleGrid>
        {account?.hold && (
          <Alert color="orange" variant="light" mt="md" role="note" title={t("payouts.detail.heldTitle", { tenant: payout.tenant.name })}>
            <Text size="sm">
              {account.hold.reason
                ? t("payouts.detail.heldBody", { reason: account.hold.reason, date: format.dateTime(account.hold.since) })
                : t("payouts.detail.heldBodyNoReason", { date: format.dateTime(account.hold.since) })}
            </Text>
          </Alert>
        )}
      </Card>

      {payout.failure && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t("payouts.detail.failedTitle")}>
          <PayoutFailureDetails failure={payout.failure} withStripeMessage />
        </Alert>
      )}

      <PayoutReconciliation payout={payout} />
      <PayoutItems payout={payout} />
      <HoldPayoutsModal target={holdTarget} onClose={() => setHoldTarget(null)} />
    </Stack>
  );
}

function PayoutItems({ payout }: { payout: PayoutDetail }) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  const amount = (minor: number) => money.amount(minor, payout.currency);
  const matched = (item: PayoutItemView) => {
    if (!item.match)
      return (
        <Text size="sm" c="orange.8">
          {t("payouts.items.unmatched")}
        </Text>
      );
    const differs = item.match.expectedNet !== item.net;
    return (
      <Stack gap={0}>
        <Text size="sm">
          {t(`payouts.items.matches.${item.match.kind}`)}{" "}
          <Text span size="xs" c="dimmed" ff="monospace">
            {item.match.id.slice(0, 8)}
          </Text>
        </Text>
        {differs && (
          <Text size="xs" c="red">
            {t("payouts.items.expected", { amount: amount(item.match.expectedNet) })}
          </Text>
        )}
      </Stack>
    );
  };
  return (
    <SectionCard title={t("payouts.items.title")} description={t(`payouts.items.${descriptionKey(payout.status)}`)}>
      <DataTable
        label={t("payouts.items.title")}
        minWidth={860}
        rows={payout.items}
        rowKey={(item) => item.balanceTransactionId}
        empty={t("payouts.items.empty")}
        columns={[
          {
            key: "id",
            header: t("payouts.items.transaction"),
            cell: (item) => (
              <Stack gap={0}>
                <Text size="xs" ff="monospace">
                  {item.balanceTransactionId}
                </Text>
                {item.description && (
                  <Text size="xs" c="dimmed">
                    {item.description}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: "type",
            header: t("payouts.items.type"),
            cell: (item) => (
              <Text size="sm" ff="monospace">
                {item.type}
              </Text>
            ),
          },
          { key: "amount", header: t("payouts.items.amount"), numeric: true, cell: (item) => amount(item.amount) },
          { key: "fee", header: t("payouts.items.fee"), numeric: true, cell: (item) => amount(item.fee) },
          { key: "net", header: t("payouts.items.net"), numeric: true, cell: (item) => amount(item.net) },
          { key: "match", header: t("payouts.items.match"), cell: matched },
        ]}
      />
    </SectionCard>
  );
}
