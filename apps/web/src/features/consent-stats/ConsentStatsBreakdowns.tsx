/**
 * The statistics over the whole range as tables: opt-in rate per purpose by policy version and by
 * country, and re-consent coverage per document among the active people.
 */
import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import { RateCell } from "./ConsentStatsTrends";
import type { ConsentStatsOverview, StatsCoverageKind } from "./consentStats.types";
import type { useStatsFormat } from "./useStatsFormat";

type Format = ReturnType<typeof useStatsFormat>;
type PurposeCounts = ConsentStatsOverview["byVersion"][number]["purposes"];

/** Every purpose that appears in any group, sorted: the tables' columns. */
const purposesOf = (groups: { purposes: PurposeCounts }[]) =>
  [...new Set(groups.flatMap((group) => group.purposes.map((purpose) => purpose.purpose)))].sort();

function purposeColumns<Row extends { purposes: PurposeCounts }>(groups: Row[], format: Format) {
  return purposesOf(groups).map((purpose) => ({
    key: purpose,
    header: purpose,
    numeric: true,
    cell: (row: Row) => {
      const counts = row.purposes.find((entry) => entry.purpose === purpose);
      return counts ? <RateCell counts={counts} format={format} /> : "—";
    },
  }));
}

export function VersionsSection({ stats, format }: { stats: ConsentStatsOverview; format: Format }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t("consentStats.versions.title")} description={t("consentStats.versions.description")}>
      <DataTable
        label={t("consentStats.versions.tableLabel")}
        minWidth={760}
        rows={stats.byVersion}
        rowKey={(row) => row.policyVersion}
        columns={[
          { key: "version", header: t("consentStats.versions.version"), rowHeader: true, cell: (row) => row.policyVersion },
          ...purposeColumns(stats.byVersion, format),
        ]}
      />
    </SectionCard>
  );
}

export function CountriesSection({ stats, format }: { stats: ConsentStatsOverview; format: Format }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t("consentStats.countries.title")} description={t("consentStats.countries.description")}>
      <DataTable
        label={t("consentStats.countries.tableLabel")}
        minWidth={860}
        rows={stats.byCountry}
        rowKey={(row) => row.country ?? "unknown"}
        columns={[
          {
            key: "country",
            header: t("consentStats.countries.country"),
            rowHeader: true,
            cell: (row) => row.country ?? t("consentStats.countries.unknown"),
          },
          { key: "records", header: t("consentStats.countries.records"), numeric: true, cell: (row) => format.number(row.records) },
          ...purposeColumns(stats.byCountry, format),
        ]}
      />
    </SectionCard>
  );
}

function CoverageVersions({ kind, document, format }: { kind: StatsCoverageKind; document: string; format: Format }) {
  const { t } = useTranslation();
  if (kind.versions.length === 0) return null;
  return (
    <DataTable
      label={t("consentStats.coverage.versionsLabel", { document })}
      minWidth={420}
      rows={kind.versions}
      rowKey={(row) => row.policyVersion}
      columns={[
        { key: "version", header: t("consentStats.coverage.version"), rowHeader: true, cell: (row) => row.policyVersion },
        { key: "people", header: t("consentStats.coverage.people"), numeric: true, cell: (row) => format.number(row.subjects) },
        {
          key: "state",
          header: t("consentStats.coverage.share"),
          cell: (row) => (
            <Badge color={row.covered ? "teal" : "orange"} variant="light">
              {row.covered ? t("consentStats.coverage.current") : t("consentStats.coverage.stale")}
            </Badge>
          ),
        },
      ]}
    />
  );
}

export function CoverageSection({ stats, format }: { stats: ConsentStatsOverview; format: Format }) {
  const { t } = useTranslation();
  const { coverage } = stats;
  const documentOf = (kind: StatsCoverageKind) => t(`policies.kinds.${kind.policyKind}`);
  return (
    <SectionCard
      title={t("consentStats.coverage.title")}
      description={t("consentStats.coverage.description", { since: format.day(coverage.activeSince) })}
    >
      <Stack gap="md">
        <DataTable
          label={t("consentStats.coverage.tableLabel")}
          minWidth={860}
          rows={coverage.kinds}
          rowKey={(kind) => kind.policyKind}
          columns={[
            { key: "document", header: t("consentStats.coverage.document"), rowHeader: true, cell: documentOf },
            { key: "inForce", header: t("consentStats.coverage.inForce"), cell: (kind) => kind.inForce ?? t("consentStats.coverage.none") },
            {
              key: "required",
              header: t("consentStats.coverage.required"),
              cell: (kind) =>
                kind.required ? (
                  `${kind.required} (${kind.requiredSince ? format.day(new Date(kind.requiredSince).toISOString().slice(0, 10)) : ""})`
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t("consentStats.coverage.noMaterial")}
                  </Text>
                ),
            },
            { key: "active", header: t("consentStats.coverage.active"), numeric: true, cell: (kind) => format.number(kind.activeSubjects) },
            { key: "covered", header: t("consentStats.coverage.covered"), numeric: true, cell: (kind) => format.number(kind.covered) },
            {
              key: "share",
              header: t("consentStats.coverage.share"),
              numeric: true,
              cell: (kind) => (kind.share === null ? t("consentStats.coverage.none") : format.percent(kind.share)),
            },
          ]}
        />
        {coverage.kinds.map((kind) => (
          <CoverageVersions key={kind.policyKind} kind={kind} document={documentOf(kind)} format={format} />
        ))}
      </Stack>
    </SectionCard>
  );
}
