/**
 * One stored webhook event: what it is, what the console did with it, its payload as Stripe sent
 * it, and Replay (apply it again, as if Stripe had sent it now) after a confirmation.
 */
import { Button, Code, Drawer, Group, ScrollArea, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlayerPlay } from "@tabler/icons-react";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { Fact } from "../../components/Fact";
import { QueryContent } from "../../components/QueryContent";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { StripeEventDetail } from "./payouts.types";
import { OutcomeBadge } from "./StripeEventOutcome";

export function StripeEventDrawer({ eventId, onClose }: { eventId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.stripeEvents.detail.queryOptions(eventId ? { eventId } : skipToken));
  return (
    <Drawer
      opened={eventId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={t("payouts.events.detailTitle", { id: eventId ?? "" })}
    >
      {eventId && (
        <QueryContent query={detail} loaderPadding="md">
          {(event) => <EventDetail event={event} />}
        </QueryContent>
      )}
    </Drawer>
  );
}

function EventDetail({ event }: { event: StripeEventDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canReplay = useCan("stripe_events.replay");
  const [confirming, setConfirming] = useState(false);
  const replay = useMutation(
    trpc.stripeEvents.replay.mutationOptions({
      onSuccess: async (result) => {
        notifications.show({
          color: "teal",
          message: t("payouts.events.replayed", { id: result.eventId, outcome: t(`payouts.events.outcomes.${result.outcome}`) }),
        });
        setConfirming(false);
        await queryClient.invalidateQueries(trpc.stripeEvents.pathFilter());
        // What the event changed (a payout, an account, a sale) shows on the other tabs too.
        await queryClient.invalidateQueries(trpc.payouts.pathFilter());
      },
    }),
  );
  const payload = JSON.stringify(event.payload, null, 2);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Fact label={t("payouts.events.type")}>
          <Text span ff="monospace" size="sm">
            {event.type}
          </Text>
        </Fact>
        <Fact label={t("payouts.events.outcome")}>
          <OutcomeBadge outcome={event.outcome} />
        </Fact>
        <Fact label={t("payouts.events.endpoint")}>{t(`payouts.events.endpoints.${event.endpoint}`)}</Fact>
        <Fact label={t("payouts.events.account")}>
          <Text span ff="monospace" size="sm">
            {event.account ?? "–"}
          </Text>
        </Fact>
        <Fact label={t("payouts.events.created")}>{format.preciseDateTime(event.stripeCreatedAt)}</Fact>
        <Fact label={t("payouts.events.received")}>{format.preciseDateTime(event.receivedAt)}</Fact>
        <Fact label={t("payouts.events.replays")}>
          {event.lastReplayedAt
            ? t("payouts.events.replayedTimes", { count: event.replayCount, date: format.dateTime(event.lastReplayedAt) })
            : t("payouts.events.neverReplayed")}
        </Fact>
      </SimpleGrid>
      {canReplay && (
        <Group>
          <Button leftSection={<IconPlayerPlay size={16} />} variant="light" onClick={() => setConfirming(true)}>
            {t("payouts.events.replay")}
          </Button>
        </Group>
      )}
      <div>
        <Text size="sm" fw={600} mb={4} id="stripe-event-payload">
          {t("payouts.events.payload")}
        </Text>
        <ScrollArea.Autosize mah={520} type="auto">
          <Code block aria-labelledby="stripe-event-payload" tabIndex={0} style={{ whiteSpace: "pre" }}>
            {payload}
          </Code>
        </ScrollArea.Autosize>
      </div>
      <ConfirmModal
        opened={confirming}
        title={t("payouts.events.replayTitle", { id: event.id })}
        confirmLabel={t("payouts.events.replay")}
        onConfirm={() => replay.mutate({ eventId: event.id })}
        onClose={() => setConfirming(false)}
        loading={replay.isPending}
      >
        {t("payouts.events.replayBody", { type: event.type })}
      </ConfirmModal>
    </Stack>
  );
}
