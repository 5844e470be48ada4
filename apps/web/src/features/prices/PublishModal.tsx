/**
 * Publishing a saved draft, now or at a time: what changes against the prices in effect, the
 * revenue share it will carry, and a warning when a scheduled version will still take over later.
 */
import { Alert, Button, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconClock, IconRefresh } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { readSchedule, ScheduleField, suggestedTime, type When } from "../../components/ScheduleField";
import { describeError } from "../../lib/describeError";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PriceChanges } from "./PriceChanges";
import { diffPrices, type PriceBook, type PriceVersion } from "./priceDiff";
import { isStaleDraftError, priceFieldErrors } from "./priceErrors";
import { nextVersionShareBps } from "./RevenueShare";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";

const FIELDS = ["effectiveFrom"] as const;

interface PublishModalProps {
  draft: PriceVersion;
  book: PriceBook | undefined;
  onClose: () => void;
  onPublished: () => void;
  /** The draft changed on the server: read it again. */
  onReload: () => void;
}

export function PublishModal({ draft, book, onClose, onPublished, onReload }: PublishModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormat();
  const invalidate = usePricesInvalidation();
  const { currency } = draft;
  const inEffect = book?.inEffect ?? null;
  // A new version must take effect after every scheduled one, or that one would replace it at its time.
  const lastScheduled = book?.scheduled.at(-1) ?? null;
  const [when, setWhen] = useState<When>(lastScheduled ? "scheduled" : "now");
  const [at, setAt] = useState(() => suggestedTime(lastScheduled?.effectiveFrom));
  const [atError, setAtError] = useState<string>();
  const shareBps = nextVersionShareBps(book);
  // What it replaces: the last scheduled version, or the one in effect.
  const replaces = lastScheduled ?? inEffect;
  const changes = diffPrices(replaces, draft);

  const publish = useMutation(
    trpc.prices.publish.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (published) => {
        const scheduled = published.effectiveFrom && new Date(published.effectiveFrom).getTime() > Date.now() + 5_000;
        notifications.show({
          color: "teal",
          message: scheduled
            ? t("prices.publish.scheduledDone", {
                currency,
                version: published.version,
                date: format.dateTime(published.effectiveFrom ?? ""),
              })
            : t("prices.publish.publishedDone", { currency, version: published.version }),
        });
        await invalidate();
        onClose();
        onPublished();
      },
      onError: (error) => setAtError(priceFieldErrors(error, FIELDS, t).effectiveFrom),
    }),
  );

  function submit() {
    const schedule = readSchedule(when, at, t, lastScheduled ?? undefined);
    setAtError(schedule.error);
    if (schedule.error) return;
    publish.mutate({ currency, expectedRevision: draft.revision, effectiveFrom: schedule.date });
  }

  const stale = publish.error && isStaleDraftError(publish.error) ? publish.error : null;

  return (
    <Modal opened onClose={onClose} title={t("prices.publish.title", { currency })} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {stale ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("prices.editor.staleTitle")} role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{describeError(stale)}</Text>
                <Button size="xs" variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                  {t("prices.editor.reload")}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <FormError error={publish.error} fields={FIELDS} />
          )}

          <div>
            <Title order={3} size="h5" mb={4}>
              {lastScheduled
                ? t("prices.publish.changesAgainstScheduled", { version: lastScheduled.version })
                : inEffect
                  ? t("prices.publish.changesAgainst", { version: inEffect.version })
                  : t("prices.publish.firstPrices", { currency })}
            </Title>
            <PriceChanges changes={changes} currency={currency} label={t("prices.publish.changesLabel")} />
          </div>
          {draft.changeSummary && (
            <Text size="sm">
              <Text span fw={500}>
                {t("prices.editor.summary")}:
              </Text>{" "}
              {draft.changeSummary}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t("prices.publish.share", { percent: money.percent(shareBps) })}
          </Text>

          <ScheduleField
            when={when}
            at={at}
            onWhenChange={setWhen}
            onAtChange={(value) => {
              setAt(value);
              setAtError(undefined);
            }}
            error={atError}
            nowLabel={t("schedule.now")}
            nowUnavailable={lastScheduled ? t("prices.publish.nowUnavailable", { version: lastScheduled.version }) : undefined}
            disabled={publish.isPending}
          />

          {lastScheduled && (
            <Alert color="blue" variant="light" icon={<IconClock size={18} />}>
              <Text size="sm">
                {t("prices.publish.afterScheduled", {
                  version: lastScheduled.version,
                  date: format.dateTime(lastScheduled.effectiveFrom ?? ""),
                })}
              </Text>
            </Alert>
          )}

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={publish.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={publish.isPending} disabled={stale !== null} data-autofocus>
              {when === "now" ? t("prices.publish.publishNow") : t("prices.publish.schedule")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
