/**
 * "Scheduled: version 3 takes effect on 1 Nov 2026, 00:00", with what it changes, and cancelling
 * it before its time: a version that changes the revenue share is finance's to cancel
 * (prices.set_revenue_share), any other an editor's (prices.edit). The server decides the same.
 */
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconClock, IconX } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PriceChanges } from "./PriceChanges";
import { diffPrices, type PriceVersion } from "./priceDiff";
import { summaryOf } from "./priceSummary";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";

interface ScheduledNoticeProps {
  version: PriceVersion;
  /** The version in effect just before it: the one in effect now, or the scheduled one before it. */
  previous: PriceVersion | null;
  canEdit: boolean;
  canSetShare: boolean;
}

export function ScheduledNotice({ version, previous, canEdit, canSetShare }: ScheduledNoticeProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const invalidate = usePricesInvalidation();
  const [confirming, setConfirming] = useState(false);
  const money = useMoney();
  const date = format.dateTime(version.effectiveFrom ?? "");
  const summary = summaryOf(version, t, money);
  const changes = diffPrices(previous, version);
  const changesShare = previous !== null && previous.revenueShareBps !== version.revenueShareBps;
  if (changesShare) changes.push({ field: "revenueShareBps", before: previous.revenueShareBps, after: version.revenueShareBps });
  const mayCancel = changesShare ? canSetShare : canEdit;

  const cancel = useMutation(
    trpc.prices.cancelScheduled.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: "gray",
          message: t("prices.scheduled.cancelled", { currency: version.currency, version: version.version }),
        });
        setConfirming(false);
        await invalidate();
      },
    }),
  );

  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconClock size={18} />}
      title={t("prices.scheduled.title", { version: version.version, date })}
      // The changes table scrolls sideways inside the alert instead of widening it on a phone.
      styles={{ body: { minWidth: 0 } }}
    >
      <Stack gap="xs">
        {summary && <Text size="sm">{summary}</Text>}
        {changes.length > 0 && (
          <PriceChanges
            changes={changes}
            currency={version.currency}
            label={t("prices.scheduled.changesLabel", { version: version.version })}
          />
        )}
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            {t("prices.scheduled.takesOver")}
          </Text>
          {mayCancel && version.version !== null && (
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={() => setConfirming(true)}>
              {t("prices.scheduled.cancel", { version: version.version })}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t("prices.scheduled.cancelTitle", { version: version.version })}
        confirmLabel={t("prices.scheduled.cancelConfirm")}
        onConfirm={() => version.version !== null && cancel.mutate({ currency: version.currency, version: version.version })}
        onClose={() => setConfirming(false)}
        loading={cancel.isPending}
        danger
      >
        {t("prices.scheduled.cancelBody", { version: version.version, date })}
      </ConfirmModal>
    </Alert>
  );
}
