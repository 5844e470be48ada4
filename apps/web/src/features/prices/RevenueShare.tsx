/**
 * The operator's revenue share of a price book, shown to everyone who reads prices. Changing it
 * takes two people with prices.set_revenue_share (operator admins, finance): one asks for a
 * change (a percentage, now or at a time, and a reason), another approves it, which publishes a new
 * version with the prices in effect, or rejects it. The requests are listed under the share.
 */
import { Alert, Button, Card, Divider, Group, Modal, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type CurrencyCode, DEFAULT_REVENUE_SHARE_BPS, marginPreview, parsePercentToBps } from "@pc/shared";
import { IconInfoCircle, IconPercentage } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { readSchedule, ScheduleField, suggestedTime, type When } from "../../components/ScheduleField";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { PriceBook, PriceVersion } from "./priceDiff";
import { priceFieldErrors } from "./priceErrors";
import { REASON_LIMITS, RevenueShareRequests, type ShareRequest, shareTextError } from "./RevenueShareRequests";
import { useMoney } from "./useMoney";
import { usePricesInvalidation } from "./usePricesInvalidation";

/** The share that applies now: the version in effect's, else the one a first version will get. */
export function currentShareBps(book: PriceBook | undefined): number {
  return book?.inEffect?.revenueShareBps ?? book?.draft?.revenueShareBps ?? DEFAULT_REVENUE_SHARE_BPS;
}

/**
 * The share a version published next will carry: the server keeps the draft's at the share of the
 * version that takes effect last (a new version always comes after every scheduled one).
 */
export function nextVersionShareBps(book: PriceBook | undefined): number {
  return book?.draft?.revenueShareBps ?? book?.scheduled.at(-1)?.revenueShareBps ?? currentShareBps(book);
}

export function RevenueShareCard({ currency, book, canSet }: { currency: CurrencyCode; book: PriceBook | undefined; canSet: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormat();
  const [requesting, setRequesting] = useState(false);
  // Only people who may set the share may read the requests (the server decides the same).
  const requests = useQuery({ ...trpc.prices.revenueShareRequests.queryOptions(), enabled: canSet });
  const inEffect = book?.inEffect ?? null;
  const share = currentShareBps(book);
  const titleId = `share-${currency}`;
  const ofCurrency: ShareRequest[] = (requests.data ?? []).filter((request) => request.currency === currency);
  const pending = ofCurrency.some((request) => request.status === "pending");
  let previous = share;
  const upcoming = (book?.scheduled ?? []).filter((version) => {
    const changed = version.revenueShareBps !== previous;
    previous = version.revenueShareBps;
    return changed;
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" gap="md">
        <Stack gap={4} style={{ flex: "1 1 320px" }}>
          <Title order={3} size="h4" id={titleId}>
            {t("prices.revenueShare.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {inEffect ? t("prices.revenueShare.explain") : t("prices.revenueShare.defaultExplain")}{" "}
            {!canSet && t("prices.revenueShare.setByOperator")}
          </Text>
          {upcoming.map((version) => (
            <Text key={version.id} size="sm">
              {t("prices.revenueShare.upcoming", {
                percent: money.percent(version.revenueShareBps),
                date: format.dateTime(version.effectiveFrom ?? ""),
                version: version.version,
              })}
            </Text>
          ))}
          {canSet && !inEffect && (
            <Text size="xs" c="dimmed">
              {t("prices.revenueShare.publishFirst", { currency })}
            </Text>
          )}
          {canSet && inEffect && pending && (
            <Text size="xs" c="dimmed">
              {t("prices.revenueShare.pendingHint")}
            </Text>
          )}
        </Stack>
        <Group gap="lg" wrap="nowrap">
          <Text fz={32} fw={700} lh={1.1} style={{ whiteSpace: "nowrap" }}>
            {money.percent(share)}
          </Text>
          {canSet && inEffect && !pending && !requests.isPending && (
            <Button variant="light" leftSection={<IconPercentage size={16} />} onClick={() => setRequesting(true)}>
              {t("prices.revenueShare.change")}
            </Button>
          )}
        </Group>
      </Group>
      {canSet && (
        <>
          <Divider my="md" />
          <RevenueShareRequests currency={currency} query={requests} />
        </>
      )}
      {requesting && inEffect && <RequestShareModal inEffect={inEffect} onClose={() => setRequesting(false)} />}
    </Card>
  );
}

const FIELDS = ["revenueShareBps", "effectiveFrom", "reason"] as const;

function RequestShareModal({ inEffect, onClose }: { inEffect: PriceVersion; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const invalidate = usePricesInvalidation();
  const { currency } = inEffect;
  const [percent, setPercent] = useState(money.percentInput(inEffect.revenueShareBps));
  const [when, setWhen] = useState<When>("now");
  const [at, setAt] = useState(suggestedTime);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const parsed = parsePercentToBps(percent);
  const example = inEffect.perTrack.unitAmount;
  const preview = parsed.ok ? marginPreview({ gross: example, currency, revenueShareBps: parsed.bps }) : null;

  const request = useMutation(
    trpc.prices.requestRevenueShare.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (asked) => {
        notifications.show({
          color: "teal",
          message: t("prices.revenueShare.requested", { currency, percent: money.percent(asked.revenueShareBps) }),
        });
        await invalidate();
        onClose();
      },
      onError: async (error) => {
        setErrors(priceFieldErrors(error, FIELDS, t));
        // Someone asked meanwhile: show their request.
        if (errorCode(error) === "CONFLICT") await invalidate();
      },
    }),
  );

  function submit() {
    const schedule = readSchedule(when, at, t);
    const next: typeof errors = {};
    if (!parsed.ok) next.revenueShareBps = t(`prices.percentErrors.${parsed.code}`);
    else if (parsed.bps === inEffect.revenueShareBps && !schedule.date) next.revenueShareBps = t("prices.revenueShare.unchanged");
    if (schedule.error) next.effectiveFrom = schedule.error;
    const reasonError = shareTextError(reason, REASON_LIMITS, t);
    if (reasonError) next.reason = reasonError;
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.ok) return;
    request.mutate({ currency, revenueShareBps: parsed.bps, effectiveFrom: schedule.date, reason: reason.trim() });
  }

  return (
    <Modal opened onClose={onClose} title={t("prices.revenueShare.modalTitle", { currency })}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />} py={8}>
            <Text size="sm">{t("prices.revenueShare.twoPeople")}</Text>
          </Alert>
          <FormError error={request.error} fields={FIELDS} />
          <TextInput
            label={t("prices.revenueShare.newShare")}
            description={t("prices.revenueShare.inputHint", { current: money.percent(inEffect.revenueShareBps) })}
            inputMode="decimal"
            autoComplete="off"
            w={200}
            rightSection={
              <Text size="sm" c="dimmed">
                %
              </Text>
            }
            value={percent}
            onChange={(event) => {
              setPercent(event.currentTarget.value);
              setErrors((current) => ({ ...current, revenueShareBps: undefined }));
            }}
            error={errors.revenueShareBps}
            data-autofocus
          />
          {preview && (
            <Text size="sm" c="dimmed">
              {t("prices.revenueShare.example", {
                price: money.format(example, currency),
                platformFee: money.format(preview.platformFee, currency),
                partnerShare: money.format(preview.partnerShare, currency),
              })}
            </Text>
          )}
          <ScheduleField
            when={when}
            at={at}
            onWhenChange={setWhen}
            onAtChange={(value) => {
              setAt(value);
              setErrors((current) => ({ ...current, effectiveFrom: undefined }));
            }}
            error={errors.effectiveFrom}
            nowLabel={t("prices.revenueShare.now")}
            disabled={request.isPending}
          />
          <Textarea
            label={t("prices.revenueShare.reason")}
            description={t("prices.revenueShare.reasonHint")}
            withAsterisk
            autosize
            minRows={2}
            maxLength={REASON_LIMITS.max}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setErrors((current) => ({ ...current, reason: undefined }));
            }}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={request.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={request.isPending}>
              {t("prices.revenueShare.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
