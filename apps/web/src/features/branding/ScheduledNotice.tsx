/**
 * "Scheduled: version 4 takes effect on 1 Nov 2026, 09:00", with what it changes against the
 * version before it, and withdrawing it before its time. A version that changes "Powered by
 * Masterchannel" is operator staff's to withdraw (branding.set_powered_by), any other an
 * editor's (branding.edit): the server decides the same, so the action is only offered where it
 * would be accepted.
 */
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconClock, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { translateMessage } from "../../i18n/messages";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { formLevelError } from "../../lib/forms";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { BrandingState, BrandingVersionView } from "./branding.types";
import { mayWithdraw, previousOf, scheduledChanges, withLocalDates } from "./brandingSchedule";
import { ChangesTable } from "./ChangesTable";

/** What this person may do about scheduled versions. */
export function useScheduleAccess() {
  return { edit: useCan("branding.edit"), setPoweredBy: useCan("branding.set_powered_by") };
}

/** One notice per scheduled version, soonest first. */
export function ScheduledNotices({ state }: { state: BrandingState }) {
  const access = useScheduleAccess();
  const [withdrawing, setWithdrawing] = useState<BrandingVersionView | null>(null);
  if (state.scheduled.length === 0) return null;
  return (
    <Stack gap="sm">
      {state.scheduled.map((version) => (
        <ScheduledNotice
          key={version.id}
          state={state}
          version={version}
          canEdit={access.edit}
          onWithdraw={mayWithdraw(state, version, access) ? () => setWithdrawing(version) : undefined}
        />
      ))}
      <WithdrawScheduledModal version={withdrawing} onClose={() => setWithdrawing(null)} />
    </Stack>
  );
}

interface ScheduledNoticeProps {
  state: BrandingState;
  version: BrandingVersionView;
  canEdit: boolean;
  /** Without it, no withdrawal is offered. */
  onWithdraw?: () => void;
}

function ScheduledNotice({ state, version, canEdit, onWithdraw }: ScheduledNoticeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const previous = previousOf(state, version);
  const changes = scheduledChanges(state, version);
  const date = version.effectiveFrom ? format.dateTime(version.effectiveFrom) : "–";

  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconClock size={18} />}
      title={t("branding.scheduled.title", { version: version.version, date })}
      // The changes table scrolls sideways inside the alert instead of widening it on a phone.
      styles={{ body: { minWidth: 0 } }}
    >
      <Stack gap="xs">
        {version.changeSummary && (
          <Text size="sm" fs="italic">
            “{translateMessage(version.changeSummary)}”
          </Text>
        )}
        {changes.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {previous
                ? t("branding.scheduled.changesLabel", { version: version.version, previous: previous.version })
                : t("branding.scheduled.changesFirst", { version: version.version })}
            </Text>
            <ChangesTable changes={changes} />
          </>
        ) : (
          previous && (
            <Text size="sm" c="dimmed">
              {t("branding.scheduled.noChanges", { previous: previous.version })}
            </Text>
          )
        )}
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            {t("branding.scheduled.takesOver")}
            {canEdit && !onWithdraw && ` ${t("branding.scheduled.staffOnly")}`}
          </Text>
          {onWithdraw && (
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={onWithdraw}>
              {t("branding.scheduled.cancel", { version: version.version })}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

interface WithdrawScheduledModalProps {
  /** The version to withdraw; null keeps the dialog closed. */
  version: BrandingVersionView | null;
  /** After withdrawing, and on cancel. */
  onClose: () => void;
}

/** "Withdraw version 4?": the confirmation, with the server's refusal in it when there is one. */
export function WithdrawScheduledModal({ version, onClose }: WithdrawScheduledModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormat();
  const cancel = useMutation(
    trpc.branding.cancelScheduled.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (cancelled) => {
        notifications.show({ color: "gray", message: t("branding.scheduled.cancelled", { version: cancelled.version }) });
        await queryClient.invalidateQueries(trpc.branding.pathFilter());
      },
      // It took effect, was withdrawn by someone else, or the rules say no: show the page as it is now.
      onError: async (error) => {
        if (errorCode(error) !== "FORBIDDEN") await queryClient.invalidateQueries(trpc.branding.pathFilter());
      },
    }),
  );
  const refusal = formLevelError(cancel.error, []);

  function close() {
    cancel.reset();
    onClose();
  }

  return (
    <ConfirmModal
      opened={version !== null}
      title={t("branding.scheduled.cancelTitle", { version: version?.version ?? "" })}
      confirmLabel={t("branding.scheduled.cancelConfirm")}
      onConfirm={() => {
        if (version?.version == null) return;
        cancel.mutate({ version: version.version }, { onSuccess: close });
      }}
      onClose={close}
      loading={cancel.isPending}
      danger
    >
      <Stack gap="sm">
        <Text size="sm">
          {t("branding.scheduled.cancelBody", {
            version: version?.version ?? "",
            date: version?.effectiveFrom ? format.dateTime(version.effectiveFrom) : "–",
          })}
        </Text>
        {refusal && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {withLocalDates(refusal, format.dateTime)}
          </Alert>
        )}
      </Stack>
    </ConfirmModal>
  );
}
