/**
 * "Publish…" a policy draft: the number it gets (the server's next in sequence, which the request
 * confirms), what a material version sets off (every partner's users asked to consent again, told
 * the change summary), and now or at a time, after any version already scheduled.
 */
import { Alert, Button, Group, Modal, Stack, Text, ThemeIcon } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAlertTriangle, IconClock, IconFileCheck } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { readSchedule, ScheduleField, suggestedTime, type When } from "../../components/ScheduleField";
import { serverFieldErrors } from "../../lib/forms";
import { PolicyFormError } from "./PolicyFormError";
import type { OpenPolicyVersion } from "./policies.types";
import { usePolicyDates } from "./usePolicyDates";
import { withLocalDates } from "./withLocalDates";

interface PublishPolicyDialogProps {
  opened: boolean;
  documentName: string;
  draft: OpenPolicyVersion | null;
  /** A version scheduled already: the new one takes effect after it, so "now" is not offered. */
  /** The version scheduled last: the new one must take effect after it. */
  floor: { version: string; effectiveFrom: Date | string } | null;
  publishing: boolean;
  error: unknown;
  onPublish: (effectiveFrom: Date | undefined) => void;
  onClose: () => void;
}

export function PublishPolicyDialog(props: PublishPolicyDialogProps) {
  const { t } = useTranslation();
  const fullScreen = useMediaQuery("(max-width: 36em)");
  const title = props.draft ? t("policies.publish.title", { document: props.documentName, version: props.draft.nextVersion }) : "";
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={title} size="lg" fullScreen={fullScreen}>
      {props.opened && props.draft && <PublishForm {...props} draft={props.draft} />}
    </Modal>
  );
}

function PublishForm({ draft, floor, publishing, error, onPublish, onClose }: PublishPolicyDialogProps & { draft: OpenPolicyVersion }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  const [when, setWhen] = useState<When>(floor ? "scheduled" : "now");
  const [at, setAt] = useState(() => suggestedTime(floor?.effectiveFrom, { startOfDay: true }));
  const [atError, setAtError] = useState<string>();
  const serverAtError = serverFieldErrors(error, ["effectiveFrom"]).effectiveFrom as string | undefined;
  const versionError = serverFieldErrors(error, ["version"]).version as string | undefined;
  const floorTime = floor ? new Date(floor.effectiveFrom).getTime() : null;
  // A version scheduled meanwhile (the page re-read the documents): move the choice after it.
  useEffect(() => {
    if (floorTime === null) return;
    setWhen("scheduled");
    setAt((current) =>
      current && new Date(current).getTime() > floorTime ? current : suggestedTime(new Date(floorTime), { startOfDay: true }),
    );
  }, [floorTime]);

  const scheduled = when === "scheduled" && at ? new Date(at) : null;
  const effectiveText = scheduled && !Number.isNaN(scheduled.getTime()) ? dates.dateTime(scheduled) : t("policies.publish.whenPublished");

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        event.stopPropagation();
        const schedule = readSchedule(when, at, t, floor);
        setAtError(schedule.error);
        if (!schedule.error) onPublish(schedule.date);
      }}
    >
      <Stack gap="md">
        <PolicyFormError error={error} fields={["effectiveFrom", "version"]} />
        {versionError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {withLocalDates(versionError, dates.dateTime)}
          </Alert>
        )}
        <Group gap="md" wrap="nowrap" align="center">
          <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
            <IconFileCheck size={26} />
          </ThemeIcon>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t("policies.publish.versionLabel")}
            </Text>
            <Text fz={28} fw={700} lh={1.1} data-testid="publish-version">
              {draft.nextVersion}
            </Text>
            <Text size="sm" c="dimmed">
              {draft.material ? t("policies.publish.materialNumber") : t("policies.publish.editorialNumber")}
            </Text>
          </div>
        </Group>

        {draft.material ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("policies.publish.reconsentTitle")}>
            <Stack gap={6}>
              <Text size="sm">{t("policies.publish.reconsentBody", { date: effectiveText })}</Text>
              <Text size="sm" fs="italic">
                “{draft.changeSummary}”
              </Text>
            </Stack>
          </Alert>
        ) : (
          draft.changeSummary && (
            <Text size="sm">
              <Text span fw={500}>
                {t("policies.editor.summaryLabel")}:
              </Text>{" "}
              {draft.changeSummary}
            </Text>
          )
        )}

        <ScheduleField
          when={when}
          at={at}
          onWhenChange={(next) => {
            setWhen(next);
            setAtError(undefined);
          }}
          onAtChange={(value) => {
            setAt(value);
            setAtError(undefined);
          }}
          error={atError ?? serverAtError}
          nowLabel={t("schedule.now")}
          nowUnavailable={floor ? t("policies.publish.nowUnavailable", { version: floor.version }) : undefined}
          disabled={publishing}
        />
        {floor && (
          <Alert color="blue" variant="light" icon={<IconClock size={18} />}>
            <Text size="sm">
              {t("policies.publish.afterScheduled", { version: floor.version, date: dates.dateTime(floor.effectiveFrom) })}
            </Text>
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t("policies.publish.immutable")}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={publishing}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={publishing} data-autofocus>
            {when === "now" ? t("policies.publish.publishNow") : t("policies.publish.schedule")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
