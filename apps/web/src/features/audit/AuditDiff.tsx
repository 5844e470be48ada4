/**
 * One audit event's before and after as a list of changed fields (computed by the server). Short
 * values show inline; long ones (objects, lists, long text) are folded to one line until opened.
 */
import { Anchor, Badge, Code, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../../lib/trpc";

type FieldChange = RouterOutputs["audit"]["list"]["items"][number]["changes"][number];

/** Past this many characters (or any line break) a value is folded. */
const FOLD_AT = 60;

function FieldValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (value === undefined) {
    return (
      <Text span size="sm" c="dimmed">
        {t("audit.trail.absent")}
      </Text>
    );
  }
  const compact = JSON.stringify(value) ?? String(value);
  if (compact.length <= FOLD_AT) return <Code>{compact}</Code>;
  return (
    <Stack gap={4} align="flex-start">
      {open ? (
        <Code block>{JSON.stringify(value, null, 2)}</Code>
      ) : (
        <Code title={compact.slice(0, 500)}>{`${compact.slice(0, FOLD_AT)}…`}</Code>
      )}
      <Anchor component="button" type="button" size="xs" onClick={() => setOpen((was) => !was)} aria-expanded={open}>
        {open ? t("audit.trail.hideValue") : t("audit.trail.showValue")}
      </Anchor>
    </Stack>
  );
}

export function AuditDiff({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("audit.trail.noChanges")}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders aria-label={t("audit.trail.changes")} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">{t("audit.trail.field")}</Table.Th>
          <Table.Th>{t("audit.before")}</Table.Th>
          <Table.Th>{t("audit.after")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.path}>
            <Table.Th scope="row" fw={400}>
              <Code>{change.path}</Code>{" "}
              {change.kind !== "changed" && (
                <Badge size="xs" variant="light" color={change.kind === "added" ? "teal" : "red"}>
                  {t(`audit.trail.${change.kind}`)}
                </Badge>
              )}
            </Table.Th>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              <FieldValue value={change.before} />
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              <FieldValue value={change.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
