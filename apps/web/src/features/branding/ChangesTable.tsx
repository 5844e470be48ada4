/** Field-by-field changes, before and after, with colours as swatches and images as thumbnails. */
import { ColorSwatch, Group, Image, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { normaliseHexColor } from "@pc/shared";
import { IconArrowRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { BrandingFieldChange } from "./branding.types";
import { fieldLabel } from "./brandingDiff";

function isAsset(value: unknown): value is { url: string; fileName?: string } {
  return typeof value === "object" && value !== null && typeof (value as { url?: unknown }).url === "string";
}

export function DiffValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === "") {
    return (
      <Text size="sm" c="dimmed">
        {t("branding.diff.none")}
      </Text>
    );
  }
  if (typeof value === "boolean") return <Text size="sm">{value ? t("branding.diff.on") : t("branding.diff.off")}</Text>;
  if (typeof value === "string") {
    const colour = normaliseHexColor(value);
    if (colour) {
      return (
        <Group gap={6} wrap="nowrap">
          <ColorSwatch color={colour} size={16} />
          <Text size="sm" ff="monospace">
            {colour}
          </Text>
        </Group>
      );
    }
    return (
      <Text size="sm" style={{ whiteSpace: "pre-line", wordBreak: "break-word" }}>
        {value}
      </Text>
    );
  }
  if (isAsset(value)) {
    return (
      <Group gap={6} wrap="nowrap">
        <Image src={value.url} alt="" w={24} h={24} fit="contain" />
        <Text size="sm" truncate maw={180}>
          {value.fileName ?? t("branding.diff.image")}
        </Text>
      </Group>
    );
  }
  return (
    <Text size="sm" ff="monospace">
      {JSON.stringify(value)}
    </Text>
  );
}

export function ChangesTable({ changes }: { changes: BrandingFieldChange[] }) {
  const { t } = useTranslation();
  // On a phone three columns do not fit: each change becomes a field name over "before → after".
  const narrow = useMediaQuery("(max-width: 36em)");
  if (narrow) {
    return (
      <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {changes.map((change) => (
          <li key={change.field}>
            <Text size="sm" fw={500}>
              {fieldLabel(change.field, t)}
            </Text>
            <Group gap={8} wrap="wrap" mt={2}>
              <DiffValue value={change.before} />
              <IconArrowRight size={14} aria-hidden />
              <VisuallyHidden>{t("branding.diff.becomes")}</VisuallyHidden>
              <DiffValue value={change.after} />
            </Group>
          </li>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={460}>
      <Table verticalSpacing={6} highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("branding.diff.field")}</Table.Th>
            <Table.Th>{t("branding.diff.before")}</Table.Th>
            <Table.Th>{t("branding.diff.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.field}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {fieldLabel(change.field, t)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DiffValue value={change.before} />
              </Table.Td>
              <Table.Td>
                <Group gap={8} wrap="nowrap">
                  <IconArrowRight size={14} aria-hidden style={{ flex: "0 0 auto" }} />
                  <DiffValue value={change.after} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
