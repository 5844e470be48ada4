/** A version's consent purposes, read-only: every field a visitor (or an auditor) may ask about. */
import { Group, Stack, Text } from "@mantine/core";
import type { PolicyPurpose } from "@pc/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { CategoryBadge, OptInBadge, useLegalBasisLabel } from "./PurposeBadges";

interface PurposesTableProps {
  purposes: readonly PolicyPurpose[];
  /** A last column of row actions (the editor's Edit and Remove). */
  actions?: (purpose: PolicyPurpose, index: number) => ReactNode;
  empty?: ReactNode;
}

/** Two lines in a cell: the main value, and a dimmed detail under it. */
function TwoLines({ main, detail, maw }: { main: ReactNode; detail?: ReactNode; maw?: number }) {
  return (
    <Stack gap={2} maw={maw}>
      <Text size="sm">{main}</Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Stack>
  );
}

export function PurposesTable({ purposes, actions, empty }: PurposesTableProps) {
  const { t } = useTranslation();
  const legalBasis = useLegalBasisLabel();
  const rows = purposes.map((purpose, index) => ({ purpose, index }));
  return (
    <DataTable
      minWidth={1040}
      rows={rows}
      rowKey={(row) => `${row.index}:${row.purpose.key}`}
      empty={empty ?? t("policies.purposes.empty")}
      actions={actions ? (row) => actions(row.purpose, row.index) : undefined}
      columns={[
        {
          key: "purpose",
          header: t("policies.purposes.purpose"),
          cell: ({ purpose }) => (
            <Stack gap={2} maw={300} miw={200}>
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>
                  {purpose.name}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed">
                  {purpose.key}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} title={purpose.description}>
                {purpose.description}
              </Text>
            </Stack>
          ),
        },
        {
          key: "category",
          header: t("policies.purposes.category"),
          cell: ({ purpose }) => (
            <Stack gap={4} align="flex-start">
              <CategoryBadge category={purpose.category} />
              <OptInBadge optIn={purpose.optIn} />
            </Stack>
          ),
        },
        {
          key: "legalBasis",
          header: t("policies.purposes.legalBasis"),
          cell: ({ purpose }) => <TwoLines main={legalBasis(purpose.legalBasis)} maw={170} />,
        },
        {
          key: "vendor",
          header: t("policies.purposes.vendor"),
          cell: ({ purpose }) => <TwoLines main={purpose.vendor.name} detail={purpose.vendor.legalEntity} maw={170} />,
        },
        {
          key: "transfer",
          header: t("policies.purposes.transfer"),
          cell: ({ purpose }) => <TwoLines main={purpose.transfer.destination} detail={purpose.transfer.mechanism} maw={190} />,
        },
        {
          key: "retention",
          header: t("policies.purposes.retention"),
          cell: ({ purpose }) => (
            <Text size="sm" maw={220} lineClamp={3} title={purpose.retention}>
              {purpose.retention}
            </Text>
          ),
        },
      ]}
    />
  );
}
