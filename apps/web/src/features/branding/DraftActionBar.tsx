/**
 * The draft's actions, kept in reach at the foot of the window while the long form scrolls, and
 * the notice shown when someone else changed the draft under this editor.
 */
import { Alert, Button, Group, Paper, Text } from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy, IconRocket, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface DraftActionBarProps {
  /** Where the draft stands ("Unsaved changes", "Draft saved (revision 3)"). */
  status: string;
  emphasise: boolean;
  /** Offered only while a draft is open. */
  onDiscard?: () => void;
  discardDisabled: boolean;
  saving: boolean;
  saveDisabled: boolean;
  publishDisabled: boolean;
  onPublish: () => void;
}

/** Inside the draft's form: "Save draft" submits it. */
export function DraftActionBar(props: DraftActionBarProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder shadow="sm" p="sm" radius="md" style={{ position: "sticky", bottom: "var(--mantine-spacing-sm)", zIndex: 5 }}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" c={props.emphasise ? undefined : "dimmed"} fw={props.emphasise ? 500 : undefined} aria-live="polite">
          {props.status}
        </Text>
        <Group gap="xs" wrap="wrap">
          {props.onDiscard && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={props.onDiscard}
              disabled={props.discardDisabled}
            >
              {t("branding.actions.discard")}
            </Button>
          )}
          <Button
            type="submit"
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={props.saving}
            disabled={props.saveDisabled}
          >
            {t("branding.actions.save")}
          </Button>
          <Button leftSection={<IconRocket size={16} />} disabled={props.publishDisabled} onClick={props.onPublish}>
            {t("branding.actions.publish")}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

interface ConflictAlertProps {
  /** Someone saved over the draft (true), or published or discarded it (false). */
  draftOpen: boolean;
  saving: boolean;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}

/** The second editor's save was refused: load the other person's version, or save over it knowingly. */
export function ConflictAlert({ draftOpen, saving, onLoadTheirs, onKeepMine }: ConflictAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t("branding.conflict.title")} role="alert">
      <Text size="sm">{draftOpen ? t("branding.conflict.bodyDraft") : t("branding.conflict.bodyGone")}</Text>
      <Group gap="xs" mt="sm">
        <Button size="xs" variant="default" onClick={onLoadTheirs}>
          {draftOpen ? t("branding.conflict.loadTheirs") : t("branding.conflict.loadLatest")}
        </Button>
        <Button size="xs" color="orange" loading={saving} onClick={onKeepMine}>
          {draftOpen ? t("branding.conflict.keepMine") : t("branding.conflict.saveMine")}
        </Button>
      </Group>
    </Alert>
  );
}
