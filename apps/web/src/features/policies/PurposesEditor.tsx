/**
 * The draft's consent purposes: a table with Edit and Remove per purpose and "Add purpose".
 * Each purpose is edited in a dialog checked by the shared schema; the list's own problems (the
 * server's, e.g. a key that changed meaning) are listed above it.
 */
import { Alert, Button, Group, List, Menu, Stack, Text } from "@mantine/core";
import type { PolicyPurpose } from "@pc/shared";
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RowActionsMenu } from "../../components/RowActionsMenu";
import { PurposeDialog } from "./PurposeDialog";
import { PurposesTable } from "./PurposesTable";

interface PurposesEditorProps {
  purposes: readonly PolicyPurpose[];
  onChange: (purposes: PolicyPurpose[]) => void;
  /** Purposes of published versions, by key (a key keeps its meaning). */
  published: ReadonlyMap<string, PolicyPurpose>;
  errors?: readonly string[];
  disabled?: boolean;
}

type Editing = { index: number } | { index: null } | null;

export function PurposesEditor({ purposes, onChange, published, errors = [], disabled }: PurposesEditorProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const editedIndex = editing?.index ?? null;
  const edited = editedIndex === null ? null : (purposes[editedIndex] ?? null);

  function save(purpose: PolicyPurpose) {
    const next = [...purposes];
    if (editedIndex === null) next.push(purpose);
    else next[editedIndex] = purpose;
    onChange(next);
    setEditing(null);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...purposes];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    onChange(next);
  }

  return (
    <Stack gap="sm">
      {errors.length > 0 && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          <List size="sm" spacing={2}>
            {errors.map((error) => (
              <List.Item key={error}>{error}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <PurposesTable
        purposes={purposes}
        empty={t("policies.purposes.emptyDraft")}
        actions={
          disabled
            ? undefined
            : (purpose, index) => (
                <RowActionsMenu label={t("policies.purposes.actionsFor", { name: purpose.name })}>
                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing({ index })}>
                    {t("policies.purposes.edit")}
                  </Menu.Item>
                  {index > 0 && (
                    <Menu.Item leftSection={<IconArrowUp size={14} />} onClick={() => move(index, -1)}>
                      {t("policies.purposes.moveUp")}
                    </Menu.Item>
                  )}
                  {index < purposes.length - 1 && (
                    <Menu.Item leftSection={<IconArrowDown size={14} />} onClick={() => move(index, 1)}>
                      {t("policies.purposes.moveDown")}
                    </Menu.Item>
                  )}
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => onChange(purposes.filter((_, other) => other !== index))}
                  >
                    {t("policies.purposes.remove")}
                  </Menu.Item>
                </RowActionsMenu>
              )
        }
      />
      <Group justify="space-between" gap="sm">
        <Text size="xs" c="dimmed">
          {t("policies.purposes.keyNote")}
        </Text>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ index: null })} disabled={disabled}>
          {t("policies.purposes.addButton")}
        </Button>
      </Group>
      {editing && (
        <PurposeDialog
          purpose={edited}
          others={purposes.filter((_, index) => index !== editedIndex)}
          published={published}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
