/**
 * CSV downloads of payouts and of sales under the list's filters: a standard CSV, and the
 * Norwegian spreadsheet flavour (semicolons, decimal commas, a byte-order mark) that Excel set to
 * Norwegian opens as numbers. Plain links: the browser sends the session cookie and saves the file.
 */
import { Button, Group, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { exportUrl, type PayoutFilterParams } from "./payoutFilters";

export function ExportLinks({ filters }: { filters: PayoutFilterParams }) {
  const { t } = useTranslation();
  const link = (kind: "payouts" | "sales", variant: "standard" | "nb") => (
    <Button
      key={`${kind}-${variant}`}
      component="a"
      href={exportUrl(kind, filters, variant)}
      download
      variant="default"
      size="xs"
      leftSection={<IconDownload size={14} />}
    >
      {t(`payouts.export.${kind}.${variant}`)}
    </Button>
  );
  return (
    <section aria-label={t("payouts.export.title")}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t("payouts.export.title")}
        </Text>
        <Group gap="xs">
          {link("payouts", "standard")}
          {link("payouts", "nb")}
          {link("sales", "standard")}
          {link("sales", "nb")}
        </Group>
        <Text size="xs" c="dimmed">
          {t("payouts.export.hint")}
        </Text>
      </Stack>
    </section>
  );
}
