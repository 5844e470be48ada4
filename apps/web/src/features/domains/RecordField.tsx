/** One part of the TXT record to create (its name or its value), in monospace, with a copy button. */
import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface RecordFieldProps {
  label: string;
  value: string;
  /** Names what is copied, for screen readers ("Copy the record value for shop.example.com"). */
  copyLabel: string;
}

export function RecordField({ label, value, copyLabel }: RecordFieldProps) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={44} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ wordBreak: "break-all", flex: 1 }} pt={2}>
        {value}
      </Text>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("domains.copied") : t("domains.copy")} withArrow withinPortal>
            <ActionIcon size="sm" variant="subtle" color={copied ? "teal" : "gray"} onClick={copy} aria-label={copyLabel}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
