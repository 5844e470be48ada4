/**
 * Operator admins: every tenant's ingestion rate limit (the default unless set), each editable, and
 * a custom one reset to the default after a confirmation.
 */
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconArrowBackUp, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { IngestLimitsModal } from "./IngestLimitsModal";
import type { IngestSetting } from "./ledger.types";
import { ResetIngestLimits } from "./ResetIngestLimits";

export function IngestLimits() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const settings = useQuery(trpc.ledger.ingestSettings.queryOptions());
  const [editing, setEditing] = useState<IngestSetting | null>(null);
  const [resetting, setResetting] = useState<IngestSetting | null>(null);

  return (
    <SectionCard title={t("ledger.ingest.title")} description={t("ledger.ingest.description")}>
      <QueryContent query={settings} loaderPadding="md">
        {(rows) => (
          <DataTable
            minWidth={760}
            rows={rows}
            rowKey={(row) => row.tenantId}
            empty={t("ledger.ingest.empty")}
            columns={[
              {
                key: "tenant",
                header: t("ledger.ingest.tenant"),
                cell: (row) => (
                  <Stack gap={0}>
                    <Text size="sm" fw={500}>
                      {row.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {row.slug}
                    </Text>
                  </Stack>
                ),
              },
              { key: "rate", header: t("ledger.ingest.rate"), numeric: true, cell: (row) => format.number(row.ratePerSecond) },
              { key: "burst", header: t("ledger.ingest.burst"), numeric: true, cell: (row) => format.number(row.burst) },
              {
                key: "setting",
                header: t("ledger.ingest.setting"),
                cell: (row) => (
                  <Badge
                    size="sm"
                    variant={row.custom ? "light" : "outline"}
                    color={row.custom ? "indigo" : "gray"}
                    tt="none"
                    styles={NO_TRUNCATE}
                  >
                    {row.custom ? t("ledger.ingest.custom") : t("ledger.ingest.default")}
                  </Badge>
                ),
              },
            ]}
            actions={(row) => (
              <Group gap="xs" justify="flex-end" wrap="nowrap">
                {row.custom && (
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconArrowBackUp size={14} />}
                    onClick={() => setResetting(row)}
                    aria-label={t("ledger.ingest.resetNamed", { tenant: row.name })}
                  >
                    {t("ledger.ingest.reset")}
                  </Button>
                )}
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing(row)}
                  aria-label={t("ledger.ingest.editNamed", { tenant: row.name })}
                >
                  {t("ledger.ingest.edit")}
                </Button>
              </Group>
            )}
          />
        )}
      </QueryContent>
      {editing && <IngestLimitsModal setting={editing} onClose={() => setEditing(null)} />}
      <ResetIngestLimits setting={resetting} onClose={() => setResetting(null)} />
    </SectionCard>
  );
}
