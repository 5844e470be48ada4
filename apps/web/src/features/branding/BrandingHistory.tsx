/**
 * Every published version, newest first: who published it and when, when it took (or takes)
 * effect, its summary and what it changed field by field. An editor can roll back to one, which
 * publishes a new version equal to it; history itself is never rewritten.
 */
import { Accordion, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { translateMessage } from "../../i18n/messages";
import { useFormat } from "../../lib/format";
import type { BrandingHistoryEntry } from "./branding.types";
import { ChangesTable } from "./ChangesTable";

interface BrandingHistoryProps {
  entries: BrandingHistoryEntry[];
  inEffectId: string | null;
  scheduledIds: readonly string[];
  /** Without it, no rollback is offered. */
  onRollback?: (version: number) => Promise<unknown>;
  rollingBack?: boolean;
}

export function BrandingHistory({ entries, inEffectId, scheduledIds, onRollback, rollingBack }: BrandingHistoryProps) {
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
  return (
    <>
      <Accordion key={latest?.id} variant="separated" multiple defaultValue={latest ? [latest.id] : []}>
        {entries.map((entry) => {
          const inEffect = entry.id === inEffectId;
          const scheduled = scheduledIds.includes(entry.id);
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
                  <Text size="sm" c="dimmed">
                    {entry.publishedBy
                      ? t("branding.history.publishedBy", {
                          date: format.dateTime(publishedAt),
                          name: entry.publishedBy.name ?? entry.publishedBy.email,
                        })
                      : t("branding.history.published", { date: format.dateTime(publishedAt) })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {entry.effectiveFrom && (
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
                  {onRollback && !inEffect && !scheduled && entry.version !== null && (
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
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming?.version == null || !onRollback) return;
          // A refusal is shown by the global error notification; the dialog stays open to try again.
          onRollback(confirming.version).then(
            () => setConfirming(null),
            () => undefined,
          );
        }}
      >
        {t("branding.history.rollbackBody", { version: confirming?.version ?? "", next: (latest?.version ?? 0) + 1 })}
      </ConfirmModal>
    </>
  );
}
