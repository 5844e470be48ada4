/** A value to copy as it is (a key, a snippet), in monospace, with a copy button named for it. */
import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface CopyableValueProps {
  value: string;
  /** Names what is copied, for screen readers ("Copy the key"). */
  copyLabel: string;
  size?: "xs" | "sm" | "md";
  dimmed?: boolean;
}

export function CopyableValue({ value, copyLabel, size = "sm", dimmed }: CopyableValueProps) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" align="center" miw={0}>
      <Text size={size} ff="monospace" c={dimmed ? "dimmed" : undefined} style={{ wordBreak: "break-all" }}>
        {value}
      </Text>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("ledger.keys.copied") : copyLabel} withArrow withinPortal>
            <ActionIcon size="sm" variant="subtle" color={copied ? "teal" : "gray"} onClick={copy} aria-label={copyLabel}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
