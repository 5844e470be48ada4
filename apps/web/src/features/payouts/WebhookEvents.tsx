/**
 * The webhook events tab: Stripe's events as the console stored them, newest first, filtered by a
 * type prefix ("payout." for every payout event) and outcome (both in the URL), with a drawer for
 * one event's payload and, for those allowed, replaying it.
 */

import { Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconFilter } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { DataTable } from "../../components/DataTable";
import { LoadMoreFooter } from "../../components/LoadMoreFooter";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { StripeEventRow } from "./payouts.types";
import { StripeEventDrawer } from "./StripeEventDrawer";
import { EVENT_OUTCOMES, type EventOutcome, OutcomeBadge } from "./StripeEventOutcome";

const EVENT_PAGE_SIZE = 50;

export function WebhookEvents() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const type = searchParams.get("eventType")?.trim() || undefined;
  const outcome = EVENT_OUTCOMES.find((entry) => entry === searchParams.get("outcome"));
  const [typeDraft, setTypeDraft] = useState(type ?? "");
  const [openEventId, setOpenEventId] = useState<string | null>(null);

  const events = useInfiniteQuery(
    trpc.stripeEvents.list.infiniteQueryOptions(
      { type, outcome, limit: EVENT_PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
  );

  function update(next: { eventType?: string; outcome?: EventOutcome }) {
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      for (const [name, value] of Object.entries(next)) {
        if (value) params.set(name, value);
        else params.delete(name);
      }
      return params;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ eventType: typeDraft.trim() || undefined, outcome });
  }

  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <SectionCard title={t("payouts.events.title")} description={t("payouts.events.description")}>
      <form noValidate onSubmit={submit} aria-label={t("payouts.events.filtersLabel")}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t("payouts.events.typeFilter")}
            placeholder="payout."
            description={t("payouts.events.typeHint")}
            value={typeDraft}
            onChange={(event) => setTypeDraft(event.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Select
            label={t("payouts.events.outcomeFilter")}
            placeholder={t("payouts.events.anyOutcome")}
            data={EVENT_OUTCOMES.map((entry) => ({ value: entry, label: t(`payouts.events.outcomes.${entry}`) }))}
            value={outcome ?? null}
            onChange={(next) => update({ eventType: type, outcome: EVENT_OUTCOMES.find((entry) => entry === next) })}
            clearable
            w={200}
          />
          <Button type="submit" leftSection={<IconFilter size={16} />}>
            {t("payouts.events.apply")}
          </Button>
        </Group>
      </form>
      <QueryContent query={events} loaderPadding="md">
        {() => (
          <Stack gap="sm">
            <EventTable items={items} onOpen={setOpenEventId} filtered={Boolean(type || outcome)} />
            <LoadMoreFooter
              query={events}
              count={items.length}
              loadMoreLabel={t("payouts.events.loadMore")}
              endLabel={t("payouts.events.end", { count: items.length, formatted: format.number(items.length) })}
            />
          </Stack>
        )}
      </QueryContent>
      <StripeEventDrawer eventId={openEventId} onClose={() => setOpenEventId(null)} />
    </SectionCard>
  );
}

function EventTable({ items, onOpen, filtered }: { items: StripeEventRow[]; onOpen: (id: string) => void; filtered: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      label={t("payouts.events.title")}
      minWidth={880}
      rows={items}
      rowKey={(event) => event.id}
      empty={filtered ? t("payouts.events.noMatches") : t("payouts.events.empty")}
      columns={[
        { key: "received", header: t("payouts.events.received"), nowrap: true, cell: (event) => format.dateTime(event.receivedAt) },
        {
          key: "type",
          header: t("payouts.events.type"),
          cell: (event) => (
            <Stack gap={0}>
              <Text size="sm" ff="monospace">
                {event.type}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {event.id}
              </Text>
            </Stack>
          ),
        },
        {
          key: "tenant",
          header: t("payouts.events.tenant"),
          cell: (event) => (
            <Stack gap={0}>
              <Text size="sm">{event.tenant?.name ?? t("payouts.events.noTenant")}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {event.account ?? t(`payouts.events.endpoints.${event.endpoint}`)}
              </Text>
            </Stack>
          ),
        },
        { key: "outcome", header: t("payouts.events.outcome"), cell: (event) => <OutcomeBadge outcome={event.outcome} /> },
        {
          key: "replays",
          header: t("payouts.events.replays"),
          numeric: true,
          cell: (event) => format.number(event.replayCount),
        },
      ]}
      actions={(event) => (
        <Button size="xs" variant="default" onClick={() => onOpen(event.id)} aria-label={t("payouts.events.openNamed", { id: event.id })}>
          {t("payouts.events.open")}
        </Button>
      )}
    />
  );
}
