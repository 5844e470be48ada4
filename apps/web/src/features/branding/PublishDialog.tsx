/**
 * "Publish…": now or at a chosen time, after showing what changes against the version it replaces.
 * Failing colour pairs block it, each with its one-click fix right here. While a version is
 * scheduled, the new one must take effect after it (the server refuses anything sooner, or that
 * version would replace it at its time): "now" is not offered, and withdrawing that version is.
 */
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type BrandingContrastReport, MAX_SCHEDULE_AHEAD_MS } from "@pc/shared";
import { IconAlertCircle, IconClock, IconInfoCircle, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { formLevelError, serverFieldErrors } from "../../lib/forms";
import type { BrandingFieldChange, BrandingVersionView } from "./branding.types";
import { withLocalDates } from "./brandingSchedule";
import { ChangesTable } from "./ChangesTable";
import { type ApplyFix, ContrastPanel } from "./ContrastPanel";

/** A Date as the value of an <input type="datetime-local">, in the browser's time zone. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The next whole hour at least half an hour away (from now, or from `after`): a first suggestion for a scheduled time. */
function suggestedTime(after?: Date | string | number | null): string {
  const from = Math.max(Date.now(), after != null ? new Date(after).getTime() : 0);
  const next = new Date(from + 60 * 60 * 1000);
  next.setMinutes(0, 0, 0);
  if (next.getTime() - from < 30 * 60 * 1000) next.setHours(next.getHours() + 1);
  return toLocalInput(next);
}

interface PublishDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Against `lastScheduled` when there is one, else against the version in effect. */
  changes: BrandingFieldChange[];
  inEffectVersion: number | null;
  /** The version scheduled last: the new one must take effect after it. */
  lastScheduled: BrandingVersionView | null;
  /** Withdrawing `lastScheduled`, offered when this person may. */
  onWithdraw?: () => void;
  report: BrandingContrastReport;
  onFix: ApplyFix;
  /** The form holds changes not yet saved: they are saved as the draft first. */
  unsaved: boolean;
  publishing: boolean;
  error: unknown;
  onPublish: (effectiveFrom: Date | undefined) => void;
}

export function PublishDialog(props: PublishDialogProps) {
  const { t } = useTranslation();
  const fullScreen = useMediaQuery("(max-width: 36em)");
  // Mounted afresh on each opening, so the choice of time starts over.
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("branding.publish.title")} size="lg" fullScreen={fullScreen}>
      {props.opened && <PublishForm {...props} />}
    </Modal>
  );
}

function PublishForm(props: PublishDialogProps) {
  const { onClose, changes, inEffectVersion, lastScheduled, onWithdraw, report, onFix, unsaved, publishing, error, onPublish } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const [when, setWhen] = useState<"now" | "later">(lastScheduled ? "later" : "now");
  const [at, setAt] = useState(() => (lastScheduled ? suggestedTime(lastScheduled.effectiveFrom) : ""));
  const [atError, setAtError] = useState<string | null>(null);
  const serverAtError = serverFieldErrors(error, ["effectiveFrom"]).effectiveFrom;
  // Refused because of a version scheduled meanwhile (the page re-reads the branding then):
  // move the choice to after it, as if it had been scheduled when the dialog opened.
  const floor = lastScheduled?.effectiveFrom ? new Date(lastScheduled.effectiveFrom).getTime() : null;
  useEffect(() => {
    if (floor === null) return;
    setWhen("later");
    setAt((current) => (current && new Date(current).getTime() > floor ? current : suggestedTime(floor)));
  }, [floor]);
  const refusal = formLevelError(error, ["effectiveFrom"]);

  function submit() {
    if (when === "now") return onPublish(undefined);
    const date = at ? new Date(at) : null;
    if (!date || Number.isNaN(date.getTime())) return setAtError(t("branding.publish.whenRequired"));
    if (date.getTime() <= Date.now()) return setAtError(t("branding.publish.whenPast"));
    if (date.getTime() > Date.now() + MAX_SCHEDULE_AHEAD_MS) return setAtError(t("branding.publish.whenTooFar"));
    if (floor !== null && date.getTime() <= floor) {
      return setAtError(t("branding.publish.whenAfterScheduled", { version: lastScheduled?.version }));
    }
    setAtError(null);
    onPublish(date);
  }

  const blocked = !report.passes;
  const scheduledDate = when === "later" && at ? new Date(at) : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {refusal && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {withLocalDates(refusal, format.dateTime)}
          </Alert>
        )}
        {blocked && <ContrastPanel report={report} onFix={onFix} failingOnly />}

        <Stack gap={6}>
          <Title order={3} size="h5">
            {lastScheduled
              ? t("branding.publish.changesAgainstScheduled", { version: lastScheduled.version })
              : inEffectVersion === null
                ? t("branding.publish.changesFirst")
                : t("branding.publish.changesAgainst", { version: inEffectVersion })}
          </Title>
          {changes.length > 0 ? (
            <ChangesTable changes={changes} />
          ) : (
            <Text size="sm" c="dimmed">
              {lastScheduled ? t("branding.scheduled.noChanges", { previous: lastScheduled.version }) : t("branding.publish.noChanges")}
            </Text>
          )}
        </Stack>

        <Radio.Group
          label={t("branding.publish.when")}
          value={when}
          onChange={(value) => {
            setWhen(value === "later" ? "later" : "now");
            if (value === "later" && !at) setAt(suggestedTime(floor));
            setAtError(null);
          }}
        >
          <Stack gap="xs" mt={6}>
            <Radio
              value="now"
              label={t("branding.publish.now")}
              description={lastScheduled ? t("branding.publish.nowUnavailable", { version: lastScheduled.version }) : undefined}
              disabled={lastScheduled !== null}
            />
            <Radio value="later" label={t("branding.publish.later")} />
          </Stack>
        </Radio.Group>
        {when === "later" && (
          <TextInput
            type="datetime-local"
            label={t("branding.publish.at")}
            description={t("branding.publish.atHint", { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
            withAsterisk
            value={at}
            min={toLocalInput(new Date())}
            max={toLocalInput(new Date(Date.now() + MAX_SCHEDULE_AHEAD_MS))}
            onChange={(event) => {
              setAt(event.currentTarget.value);
              setAtError(null);
            }}
            error={atError ?? serverAtError}
            maw={280}
          />
        )}

        {lastScheduled && (
          <Alert color="blue" variant="light" icon={<IconClock size={18} />}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {t("branding.publish.afterScheduled", {
                  version: lastScheduled.version,
                  date: lastScheduled.effectiveFrom ? format.dateTime(lastScheduled.effectiveFrom) : "–",
                })}
              </Text>
              {onWithdraw && (
                <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={onWithdraw} disabled={publishing}>
                  {t("branding.scheduled.cancel", { version: lastScheduled.version })}
                </Button>
              )}
            </Stack>
          </Alert>
        )}

        {unsaved && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            {t("branding.publish.savesFirst")}
          </Alert>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={publishing}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={publishing} disabled={blocked} data-autofocus>
            {when === "now"
              ? t("branding.publish.publishNow")
              : scheduledDate && !Number.isNaN(scheduledDate.getTime())
                ? t("branding.publish.scheduleFor", { date: format.dateTime(scheduledDate) })
                : t("branding.publish.schedule")}
          </Button>
        </Group>
        {blocked && (
          <Text size="xs" c="dimmed" ta="right">
            {t("branding.publish.blockedHint")}
          </Text>
        )}
      </Stack>
    </form>
  );
}
