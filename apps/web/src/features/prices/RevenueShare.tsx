/**
 * The operator's revenue share of a price book, shown to everyone who reads prices; operator
 * admins and finance (prices.set_revenue_share) change it: a percentage, now or at a time, then
 * a confirmation, since it publishes a new version with the prices in effect.
 */
import { Alert, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type CurrencyCode, DEFAULT_REVENUE_SHARE_BPS, marginPreview, parsePercentToBps } from "@pc/shared";
import { IconPercentage } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { readSchedule, ScheduleField, suggestedTime, type When } from "../../components/ScheduleField";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { PriceBook, PriceVersion } from "./priceDiff";
import { priceFieldErrors } from "./priceErrors";
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
  const money = useMoney();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const inEffect = book?.inEffect ?? null;
  const share = currentShareBps(book);
  const titleId = `share-${currency}`;
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
        </Stack>
        <Group gap="lg" wrap="nowrap">
          <Text fz={32} fw={700} lh={1.1} style={{ whiteSpace: "nowrap" }}>
            {money.percent(share)}
          </Text>
          {canSet && inEffect && (
            <Button variant="light" leftSection={<IconPercentage size={16} />} onClick={() => setEditing(true)}>
              {t("prices.revenueShare.change")}
            </Button>
          )}
        </Group>
      </Group>
      {editing && inEffect && <RevenueShareModal inEffect={inEffect} onClose={() => setEditing(false)} />}
    </Card>
  );
}

const FIELDS = ["revenueShareBps", "effectiveFrom"] as const;

function RevenueShareModal({ inEffect, onClose }: { inEffect: PriceVersion; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormat();
  const invalidate = usePricesInvalidation();
  const { currency } = inEffect;
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const [percent, setPercent] = useState(money.percentInput(inEffect.revenueShareBps));
  const [when, setWhen] = useState<When>("now");
  const [at, setAt] = useState(suggestedTime);
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const parsed = parsePercentToBps(percent);
  const example = inEffect.perTrack.unitAmount;
  const preview = parsed.ok ? marginPreview({ gross: example, currency, revenueShareBps: parsed.bps }) : null;
  const schedule = readSchedule(when, at, t);

  const setShare = useMutation(
    trpc.prices.setRevenueShare.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (version) => {
        notifications.show({
          color: "teal",
          message: t("prices.revenueShare.done", { currency, percent: money.percent(version.revenueShareBps), version: version.version }),
        });
        await invalidate();
        onClose();
      },
      onError: (error) => {
        const fieldErrors = priceFieldErrors(error, FIELDS, t);
        if (Object.keys(fieldErrors).length > 0) {
          setErrors(fieldErrors);
          setStep("edit");
        }
      },
    }),
  );

  function review() {
    const next: typeof errors = {};
    if (!parsed.ok) next.revenueShareBps = t(`prices.percentErrors.${parsed.code}`);
    else if (parsed.bps === inEffect.revenueShareBps) next.revenueShareBps = t("prices.revenueShare.unchanged");
    if (schedule.error) next.effectiveFrom = schedule.error;
    setErrors(next);
    if (Object.keys(next).length === 0) setStep("confirm");
  }

  return (
    <Modal opened onClose={onClose} title={t("prices.revenueShare.modalTitle", { currency })}>
      {step === "edit" ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            review();
          }}
        >
          <Stack gap="md">
            <TextInput
              label={t("prices.revenueShare.title")}
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
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button type="submit">{t("prices.revenueShare.review")}</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          <FormError error={setShare.error} fields={FIELDS} />
          <Alert color="yellow" variant="light" title={t("prices.revenueShare.confirmTitle")}>
            <Stack gap="xs">
              <Text size="sm">
                {t(schedule.date ? "prices.revenueShare.confirmScheduled" : "prices.revenueShare.confirmNow", {
                  currency,
                  before: money.percent(inEffect.revenueShareBps),
                  after: parsed.ok ? money.percent(parsed.bps) : "",
                  date: schedule.date ? format.dateTime(schedule.date) : "",
                })}
              </Text>
              <Text size="sm">{t("prices.revenueShare.confirmVersion")}</Text>
            </Stack>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep("edit")} disabled={setShare.isPending}>
              {t("prices.revenueShare.back")}
            </Button>
            <Button
              loading={setShare.isPending}
              data-autofocus
              onClick={() => parsed.ok && setShare.mutate({ currency, revenueShareBps: parsed.bps, effectiveFrom: schedule.date })}
            >
              {t("prices.revenueShare.confirm")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
