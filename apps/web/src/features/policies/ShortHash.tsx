/** A sha256 shown by its first characters (the whole one in a tooltip), with a copy button. */
import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export function ShortHash({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" component="span" display="inline-flex">
      <Tooltip label={sha256} withinPortal multiline maw={360} style={{ wordBreak: "break-all" }}>
        <Text span size="sm" ff="monospace" tabIndex={0} aria-label={t("policies.hash.full", { sha256 })}>
          {sha256.slice(0, 12)}…
        </Text>
      </Tooltip>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("policies.hash.copied") : t("policies.hash.copy")} withArrow withinPortal>
            <ActionIcon size="sm" variant="subtle" color={copied ? "teal" : "gray"} onClick={copy} aria-label={t("policies.hash.copy")}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
