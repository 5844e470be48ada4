/** What changed in the consent purposes between two versions: added, removed, and changed field by field. */
import { Badge, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconMinus, IconPencil, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { CategoryBadge, OptInBadge, useLegalBasisLabel } from "./PurposeBadges";
import classes from "./policies.module.css";
import {
  isLegalBasis,
  isPurposeCategory,
  type PolicyPurpose,
  type PolicyPurposesDiff,
  type PurposeDiffField,
  type PurposeFieldChange,
} from "./purposeValues";

function useFieldValue() {
  const { t } = useTranslation();
  const legalBasis = useLegalBasisLabel();
  return (field: PurposeDiffField, value: string | boolean): string => {
    if (typeof value === "boolean") return value ? t("policies.purposes.optInYes") : t("policies.purposes.optInNo");
    if (field === "category" && isPurposeCategory(value)) return t(`policies.categories.${value}`);
    if (field === "legalBasis" && isLegalBasis(value)) return legalBasis(value);
    return value;
  };
}

function PurposeLine({ purpose }: { purpose: PolicyPurpose }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={500}>
        {purpose.name}
      </Text>
      <Text size="xs" ff="monospace" c="dimmed">
        {purpose.key}
      </Text>
      <CategoryBadge category={purpose.category} />
      <OptInBadge optIn={purpose.optIn} />
      <Text size="xs" c="dimmed">
        {purpose.vendor.legalEntity} · {purpose.transfer.destination}
      </Text>
    </Group>
  );
}

function FieldChanges({ fields }: { fields: readonly PurposeFieldChange[] }) {
  const { t } = useTranslation();
  const describeValue = useFieldValue();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} fz="sm" layout="fixed" className={classes.diffText}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="22%">{t("policies.purposeDiff.field")}</Table.Th>
            <Table.Th>{t("policies.purposeDiff.before")}</Table.Th>
            <Table.Th>{t("policies.purposeDiff.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((change) => (
            <Table.Tr key={change.field}>
              <Table.Td>{t(`policies.purposeDiff.fields.${change.field}`)}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                <del>{describeValue(change.field, change.before)}</del>
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                <ins>{describeValue(change.field, change.after)}</ins>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function PurposeChanges({ diff }: { diff: PolicyPurposesDiff }) {
  const { t } = useTranslation();
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (none) {
    return (
      <Text size="sm" c="dimmed">
        {t("policies.purposeDiff.none")}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {diff.added.length > 0 && (
        <Stack gap="xs">
          <Group gap={6}>
            <IconPlus size={16} aria-hidden />
            <Title order={3} size="h5">
              {t("policies.purposeDiff.added", { count: diff.added.length })}
            </Title>
          </Group>
          {diff.added.map((purpose) => (
            <Card key={purpose.key} withBorder padding="sm" style={{ borderLeft: "4px solid var(--mantine-color-green-filled)" }}>
              <PurposeLine purpose={purpose} />
            </Card>
          ))}
        </Stack>
      )}
      {diff.removed.length > 0 && (
        <Stack gap="xs">
          <Group gap={6}>
            <IconMinus size={16} aria-hidden />
            <Title order={3} size="h5">
              {t("policies.purposeDiff.removed", { count: diff.removed.length })}
            </Title>
          </Group>
          {diff.removed.map((purpose) => (
            <Card key={purpose.key} withBorder padding="sm" style={{ borderLeft: "4px solid var(--mantine-color-red-filled)" }}>
              <PurposeLine purpose={purpose} />
            </Card>
          ))}
        </Stack>
      )}
      {diff.changed.length > 0 && (
        <Stack gap="xs">
          <Group gap={6}>
            <IconPencil size={16} aria-hidden />
            <Title order={3} size="h5">
              {t("policies.purposeDiff.changed", { count: diff.changed.length })}
            </Title>
          </Group>
          {diff.changed.map((change) => (
            <Card key={change.key} withBorder padding="sm" style={{ borderLeft: "4px solid var(--mantine-color-yellow-filled)" }}>
              <Stack gap="xs">
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {change.name}
                  </Text>
                  <Badge size="xs" variant="outline" color="gray" tt="none" ff="monospace" styles={NO_TRUNCATE}>
                    {change.key}
                  </Badge>
                </Group>
                <FieldChanges fields={change.fields} />
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
