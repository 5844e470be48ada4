/**
 * A document's published versions, highest number first: material or editorial, when each took
 * (or takes) effect, where it stands, who wrote and who approved it; View, Compare and, for
 * editors, Retire. Above it, a picker to compare any two versions.
 */
import { Anchor, Button, Group, Menu, Select, Stack, Text } from "@mantine/core";
import { POLICY_DRAFT_LABEL, type PolicyKind } from "@pc/shared";
import { IconArchive, IconArrowsDiff, IconEye } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DataTable } from "../../components/DataTable";
import { RowActionsMenu } from "../../components/RowActionsMenu";
import type { PolicyVersionSummary } from "./policies.types";
import { compareHref, versionHref } from "./policyLinks";
import { usePolicyDates } from "./usePolicyDates";
import { MaterialBadge, VersionStatusBadge } from "./VersionBadges";

interface VersionsTableProps {
  kind: PolicyKind;
  versions: readonly PolicyVersionSummary[];
  /** Editors retire versions; without it, no Retire action. */
  onRetire?: (version: PolicyVersionSummary) => void;
}

export function VersionsTable({ kind, versions, onRetire }: VersionsTableProps) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  const inForce = versions.find((version) => version.status === "in_force");
  const person = (value: { name: string; email: string } | null) =>
    value ? (
      <Text size="sm" title={value.email}>
        {value.name}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );

  return (
    <DataTable
      minWidth={860}
      rows={[...versions]}
      rowKey={(version) => version.id}
      empty={t("policies.versions.empty")}
      columns={[
        {
          key: "version",
          header: t("policies.versions.version"),
          cell: (version) => (
            <Anchor component={Link} to={versionHref(kind, version.version)} fw={600}>
              {version.version}
            </Anchor>
          ),
        },
        { key: "kind", header: t("policies.versions.change"), cell: (version) => <MaterialBadge material={version.material} /> },
        {
          key: "effective",
          header: t("policies.versions.effective"),
          cell: (version) => <Text size="sm">{dates.effective(version.effectiveFrom)}</Text>,
        },
        {
          key: "status",
          header: t("policies.versions.status"),
          cell: (version) => (
            <Stack gap={2} align="flex-start">
              <VersionStatusBadge status={version.status} withdrawn={version.withdrawn} />
              {version.retiredAt && (
                <Text size="xs" c="dimmed">
                  {t("policies.versions.retiredOn", { date: dates.date(version.retiredAt) })}
                </Text>
              )}
            </Stack>
          ),
        },
        { key: "author", header: t("policies.versions.author"), cell: (version) => person(version.author) },
        { key: "approver", header: t("policies.versions.approver"), cell: (version) => person(version.approver) },
      ]}
      actions={(version) => {
        const previous = versions[versions.indexOf(version) + 1];
        return (
          <RowActionsMenu label={t("policies.versions.actionsFor", { version: version.version })}>
            <Menu.Item component={Link} to={versionHref(kind, version.version)} leftSection={<IconEye size={14} />}>
              {t("policies.versions.view")}
            </Menu.Item>
            {previous && (
              <Menu.Item
                component={Link}
                to={compareHref(kind, previous.version, version.version)}
                leftSection={<IconArrowsDiff size={14} />}
              >
                {t("policies.versions.compareWith", { version: previous.version })}
              </Menu.Item>
            )}
            {inForce && inForce.id !== version.id && inForce.id !== previous?.id && (
              <Menu.Item
                component={Link}
                to={compareHref(kind, ...ordered(version.version, inForce.version, versions))}
                leftSection={<IconArrowsDiff size={14} />}
              >
                {t("policies.versions.compareWith", { version: inForce.version })}
              </Menu.Item>
            )}
            {onRetire && !version.retiredAt && (
              <>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconArchive size={14} />} onClick={() => onRetire(version)}>
                  {version.status === "scheduled" ? t("policies.retire.withdrawAction") : t("policies.retire.action")}
                </Menu.Item>
              </>
            )}
          </RowActionsMenu>
        );
      }}
    />
  );
}

/** The older of two versions first (the list is highest number first). */
function ordered(a: string, b: string, versions: readonly PolicyVersionSummary[]): [string, string] {
  const index = (label: string) => versions.findIndex((version) => version.version === label);
  return index(a) > index(b) ? [a, b] : [b, a];
}

interface ComparePickerProps {
  kind: PolicyKind;
  versions: readonly PolicyVersionSummary[];
  /** Editors may compare the open draft. */
  withDraft?: boolean;
  initialFrom?: string;
  initialTo?: string;
}

/** Two versions (any two) and "Compare". */
export function ComparePicker({ kind, versions, withDraft, initialFrom, initialTo }: ComparePickerProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const options = versions.map((version) => ({
    value: version.version,
    label: t("policies.versions.optionLabel", {
      version: version.version,
      status: t(`policies.status.${version.withdrawn ? "withdrawn" : version.status}`),
    }),
  }));
  const toOptions = withDraft ? [{ value: POLICY_DRAFT_LABEL, label: t("policies.versions.draftOption") }, ...options] : options;
  const [from, setFrom] = useState<string | null>(initialFrom ?? versions[1]?.version ?? null);
  const [to, setTo] = useState<string | null>(initialTo ?? versions[0]?.version ?? null);
  if (versions.length + (withDraft ? 1 : 0) < 2) return null;
  const same = from !== null && from === to;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (from && to && !same) navigate(compareHref(kind, from, to));
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label={t("policies.compare.from")} data={options} value={from} onChange={setFrom} allowDeselect={false} w={220} size="sm" />
        <Select
          label={t("policies.compare.to")}
          data={toOptions}
          value={to}
          onChange={setTo}
          allowDeselect={false}
          w={220}
          size="sm"
          error={same ? t("policies.compare.same") : undefined}
        />
        <Button type="submit" variant="light" leftSection={<IconArrowsDiff size={16} />} disabled={!from || !to || same}>
          {t("policies.compare.button")}
        </Button>
      </Group>
    </form>
  );
}
