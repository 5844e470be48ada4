/**
 * Every published version, newest first, and every one withdrawn before its time: who published it
 * and when, when it took (or takes) effect, its summary and what it changed field by field. An
 * editor can roll back to one, which publishes a new version equal to it, effective now; that is
 * not possible while a version is scheduled (it would take effect before it). History itself is
 * never rewritten.
 */
import { Accordion, Alert, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconArrowBackUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { translateMessage } from "../../i18n/messages";
import { useFormat } from "../../lib/format";
import { formLevelError } from "../../lib/forms";
import type { BrandingHistoryEntry, BrandingVersionView } from "./branding.types";
import { withLocalDates } from "./brandingSchedule";
import { ChangesTable } from "./ChangesTable";

interface BrandingHistoryProps {
  entries: BrandingHistoryEntry[];
  inEffectId: string | null;
  /** Versions scheduled for later, soonest first. */
  scheduled: readonly BrandingVersionView[];
  /** Without it, no rollback is offered. */
  onRollback?: (version: number) => Promise<unknown>;
  rollingBack?: boolean;
  /** Why the last rollback was refused, shown in its confirmation. */
  rollbackError?: unknown;
  onRollbackDismiss?: () => void;
}

export function BrandingHistory(props: BrandingHistoryProps) {
  const { entries, inEffectId, scheduled: scheduledVersions, onRollback, rollingBack, rollbackError, onRollbackDismiss } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState<BrandingHistoryEntry | null>(null);

  if (entries.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="lg">
        {t("branding.history.empty")}
      </Text>
    );
  }

  const latest = entries[0];
  const scheduledIds = scheduledVersions.map((version) => version.id);
  const blockingVersion = scheduledVersions.at(-1)?.version;
  // A rollback takes effect now, so the server refuses it while a version is scheduled.
  const mayRollBack = onRollback !== undefined && blockingVersion === undefined;
  const refusal = formLevelError(rollbackError, []);
  return (
    <>
      {onRollback && blockingVersion !== undefined && entries.length > 1 && (
        <Text size="sm" c="dimmed" mb="sm">
          {t("branding.history.rollbackBlocked", { version: blockingVersion })}
        </Text>
      )}
      <Accordion key={latest?.id} variant="separated" multiple defaultValue={latest ? [latest.id] : []}>
        {entries.map((entry) => {
          const cancelled = entry.status === "cancelled";
          const inEffect = !cancelled && entry.id === inEffectId;
          const scheduled = !cancelled && scheduledIds.includes(entry.id);
          const publishedAt = entry.publishedAt ?? entry.createdAt;
          return (
            <Accordion.Item key={entry.id} value={entry.id}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600}>{t("branding.history.version", { version: entry.version })}</Text>
                  {inEffect && (
                    <Badge color="teal" variant="light" tt="none">
                      {t("branding.history.inEffect")}
                    </Badge>
                  )}
                  {scheduled && (
                    <Badge color="blue" variant="light" tt="none">
                      {t("branding.history.scheduled")}
                    </Badge>
                  )}
                  {cancelled && (
                    <Badge color="gray" variant="light" tt="none">
                      {t("branding.history.cancelled")}
                    </Badge>
                  )}
                  <Text size="sm" c="dimmed">
                    {entry.publishedBy
                      ? t("branding.history.publishedBy", {
                          date: format.dateTime(publishedAt),
                          name: entry.publishedBy.name ?? entry.publishedBy.email,
                        })
                      : t("branding.history.published", { date: format.dateTime(publishedAt) })}
                  </Text>
                  {cancelled && entry.cancelledAt && (
                    <Text size="sm" c="dimmed">
                      · {t("branding.history.withdrawnOn", { date: format.dateTime(entry.cancelledAt) })}
                    </Text>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {cancelled && (
                    <Text size="sm">
                      {t("branding.history.cancelledAt", {
                        date: entry.cancelledAt ? format.dateTime(entry.cancelledAt) : "–",
                        planned: entry.effectiveFrom ? format.dateTime(entry.effectiveFrom) : "–",
                      })}
                    </Text>
                  )}
                  {entry.effectiveFrom && !cancelled && (
                    <Text size="sm">
                      {scheduled
                        ? t("branding.history.takesEffect", { date: format.dateTime(entry.effectiveFrom) })
                        : t("branding.history.tookEffect", { date: format.dateTime(entry.effectiveFrom) })}
                    </Text>
                  )}
                  {entry.changeSummary && (
                    <Text size="sm" fs="italic">
                      “{translateMessage(entry.changeSummary)}”
                    </Text>
                  )}
                  {entry.changes.length > 0 ? (
                    <ChangesTable changes={entry.changes} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("branding.history.noChanges")}
                    </Text>
                  )}
                  {mayRollBack && !inEffect && !scheduled && !cancelled && entry.version !== null && (
                    <Group justify="flex-end">
                      <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setConfirming(entry)}>
                        {t("branding.history.rollback", { version: entry.version })}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      <ConfirmModal
        opened={confirming !== null}
        title={t("branding.history.rollbackTitle", { version: confirming?.version ?? "" })}
        confirmLabel={t("branding.history.rollbackConfirm")}
        loading={rollingBack}
        onClose={() => {
          setConfirming(null);
          onRollbackDismiss?.();
        }}
        onConfirm={() => {
          if (confirming?.version == null || !onRollback) return;
          // A refusal is shown in the dialog, which stays open.
          onRollback(confirming.version).then(
            () => setConfirming(null),
            () => undefined,
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t("branding.history.rollbackBody", { version: confirming?.version ?? "", next: (latest?.version ?? 0) + 1 })}
          </Text>
          {refusal && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {withLocalDates(refusal, format.dateTime)}
            </Alert>
          )}
        </Stack>
      </ConfirmModal>
    </>
  );
}
