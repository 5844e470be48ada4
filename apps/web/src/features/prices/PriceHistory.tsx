/**
 * A price book's published versions, newest first: who published each and when, when it took
 * (or takes) effect, its summary and what it changed. Editors roll back to an earlier version,
 * which publishes a new version equal to it; history itself is never rewritten.
 */
import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CurrencyCode } from "@pc/shared";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryContent } from "../../components/QueryContent";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PriceChanges } from "./PriceChanges";
import type { PriceBook, PriceHistoryEntry } from "./priceDiff";
import { summaryOf } from "./priceSummary";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";
import { TaxBadge } from "./VersionCards";

interface PriceHistoryProps {
  currency: CurrencyCode;
  book: PriceBook | undefined;
  canEdit: boolean;
}

export function PriceHistory({ currency, book, canEdit }: PriceHistoryProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const money = useMoney();
  const invalidate = usePricesInvalidation();
  const history = useQuery(trpc.prices.history.queryOptions({ currency }));
  const [target, setTarget] = useState<PriceHistoryEntry | null>(null);
  const inEffectVersion = book?.inEffect?.version;
  const scheduled = book?.scheduled ?? [];

  const rollback = useMutation(
    trpc.prices.rollback.mutationOptions({
      onSuccess: async (published) => {
        notifications.show({
          color: "teal",
          message: t("prices.history.rolledBack", { currency, version: published.version, from: published.basedOnVersion ?? "" }),
        });
        setTarget(null);
        await invalidate();
      },
    }),
  );

  return (
    <QueryContent query={history}>
      {(entries) => {
        const nextVersion = (entries[0]?.version ?? 0) + 1;
        return (
          <Stack gap="md">
            {canEdit && scheduled.length > 0 && entries.length > 1 && (
              <Text size="sm" c="dimmed">
                {t("prices.history.rollbackBlocked", { version: scheduled.at(-1)?.version ?? "" })}
              </Text>
            )}
            {entries.length === 0 && (
              <Text c="dimmed" ta="center" py="md">
                {t("prices.history.empty", { currency })}
              </Text>
            )}
            {entries.map((entry, index) => {
              // The server measures a version's changes from the last one before it that was not cancelled.
              const previous = entries.slice(index + 1).find((older) => older.status !== "cancelled")?.version;
              const cancelled = entry.status === "cancelled";
              const effectiveAt = entry.effectiveFrom ? new Date(entry.effectiveFrom) : null;
              const isScheduled = !cancelled && effectiveAt !== null && effectiveAt.getTime() > Date.now();
              const isInEffect = !cancelled && entry.version === inEffectVersion;
              const summary = summaryOf(entry, t, money);
              const titleId = `history-${currency}-${entry.version}`;
              return (
                <Card key={entry.id} withBorder padding="md" component="article" aria-labelledby={titleId}>
                  <Stack gap="xs">
                    <Group justify="space-between" align="flex-start" gap="xs">
                      <Stack gap={2}>
                        <Group gap="xs">
                          <Title order={3} size="h5" id={titleId}>
                            {t("prices.versionN", { version: entry.version })}
                          </Title>
                          {isInEffect && (
                            <Badge color="teal" variant="light" tt="none">
                              {t("prices.history.inEffect")}
                            </Badge>
                          )}
                          {isScheduled && (
                            <Badge color="blue" variant="light" tt="none">
                              {t("prices.history.scheduled")}
                            </Badge>
                          )}
                          {cancelled && (
                            <Badge color="gray" variant="light" tt="none">
                              {t("prices.history.cancelled")}
                            </Badge>
                          )}
                          <TaxBadge taxBehavior={entry.taxBehavior} />
                        </Group>
                        <Text size="sm" c="dimmed">
                          {t("prices.history.publishedBy", {
                            name: entry.publishedBy?.name || entry.publishedBy?.email || t("prices.history.unknownPerson"),
                            date: entry.publishedAt ? format.dateTime(entry.publishedAt) : "–",
                          })}
                        </Text>
                        {cancelled && (
                          <Text size="sm" c="dimmed">
                            {t("prices.history.cancelledAt", {
                              date: entry.cancelledAt ? format.dateTime(entry.cancelledAt) : "–",
                              planned: effectiveAt ? format.dateTime(effectiveAt) : "–",
                            })}
                          </Text>
                        )}
                        {effectiveAt && !cancelled && (
                          <Text size="sm" c="dimmed">
                            {t(isScheduled ? "prices.history.takesEffect" : "prices.history.tookEffect", {
                              date: format.dateTime(effectiveAt),
                            })}
                          </Text>
                        )}
                      </Stack>
                      {canEdit && !isInEffect && !isScheduled && !cancelled && scheduled.length === 0 && (
                        <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setTarget(entry)}>
                          {t("prices.history.rollbackTo", { version: entry.version })}
                        </Button>
                      )}
                    </Group>
                    {summary && (
                      <Text size="sm" fs={entry.basedOnVersion !== null ? "italic" : undefined}>
                        {summary}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt={4}>
                      {previous ? t("prices.history.comparedWith", { version: previous }) : t("prices.history.firstVersion")}
                    </Text>
                    <PriceChanges
                      changes={entry.changes}
                      currency={currency}
                      label={t("prices.history.changesLabel", { version: entry.version })}
                    />
                  </Stack>
                </Card>
              );
            })}
            <ConfirmModal
              opened={target !== null}
              title={t("prices.history.rollbackTitle", { version: target?.version ?? "" })}
              confirmLabel={t("prices.history.rollback")}
              onConfirm={() => target?.version && rollback.mutate({ currency, version: target.version })}
              onClose={() => setTarget(null)}
              loading={rollback.isPending}
            >
              <Stack gap="xs">
                <Text size="sm">
                  {t("prices.history.rollbackBody", {
                    version: target?.version ?? "",
                    next: nextVersion,
                    percent: money.percent(book?.inEffect?.revenueShareBps ?? target?.revenueShareBps ?? 0),
                  })}
                </Text>
              </Stack>
            </ConfirmModal>
          </Stack>
        );
      }}
    </QueryContent>
  );
}
