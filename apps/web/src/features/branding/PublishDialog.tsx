/**
 * "Publish…": now or at a chosen time, after showing what changes against the version in effect.
 * Failing colour pairs block it, each with its one-click fix right here.
 */
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type BrandingContrastReport, MAX_SCHEDULE_AHEAD_MS } from "@pc/shared";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { useFormat } from "../../lib/format";
import { serverFieldErrors } from "../../lib/forms";
import type { BrandingFieldChange } from "./branding.types";
import { ChangesTable } from "./ChangesTable";
import { type ApplyFix, ContrastPanel } from "./ContrastPanel";

/** A Date as the value of an <input type="datetime-local">, in the browser's time zone. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The next whole hour at least half an hour away: a first suggestion for a scheduled time. */
function suggestedTime(now = new Date()): string {
  const next = new Date(now.getTime() + 60 * 60 * 1000);
  next.setMinutes(0, 0, 0);
  if (next.getTime() - now.getTime() < 30 * 60 * 1000) next.setHours(next.getHours() + 1);
  return toLocalInput(next);
}

interface PublishDialogProps {
  opened: boolean;
  onClose: () => void;
  changes: BrandingFieldChange[];
  inEffectVersion: number | null;
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

function PublishForm({ onClose, changes, inEffectVersion, report, onFix, unsaved, publishing, error, onPublish }: PublishDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [when, setWhen] = useState<"now" | "later">("now");
  const [at, setAt] = useState("");
  const [atError, setAtError] = useState<string | null>(null);
  const serverAtError = serverFieldErrors(error, ["effectiveFrom"]).effectiveFrom;

  function submit() {
    if (when === "now") return onPublish(undefined);
    const date = at ? new Date(at) : null;
    if (!date || Number.isNaN(date.getTime())) return setAtError(t("branding.publish.whenRequired"));
    if (date.getTime() <= Date.now()) return setAtError(t("branding.publish.whenPast"));
    if (date.getTime() > Date.now() + MAX_SCHEDULE_AHEAD_MS) return setAtError(t("branding.publish.whenTooFar"));
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
        <FormError error={error} fields={["effectiveFrom"]} />
        {blocked && <ContrastPanel report={report} onFix={onFix} failingOnly />}

        <Stack gap={6}>
          <Title order={3} size="h5">
            {inEffectVersion === null
              ? t("branding.publish.changesFirst")
              : t("branding.publish.changesAgainst", { version: inEffectVersion })}
          </Title>
          {changes.length > 0 ? (
            <ChangesTable changes={changes} />
          ) : (
            <Text size="sm" c="dimmed">
              {t("branding.publish.noChanges")}
            </Text>
          )}
        </Stack>

        <Radio.Group
          label={t("branding.publish.when")}
          value={when}
          onChange={(value) => {
            setWhen(value === "later" ? "later" : "now");
            if (value === "later" && !at) setAt(suggestedTime());
            setAtError(null);
          }}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="now" label={t("branding.publish.now")} />
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
