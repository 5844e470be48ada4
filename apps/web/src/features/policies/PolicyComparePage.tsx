/**
 * /policies/:kind/compare?from=1.0&to=2.0: two versions as a tenant's visitors read them, word by
 * word (inline or side by side: ?view=side), and the consent purposes' changes listed apart.
 * Partners compare as their own visitors read them; staff as the chosen tenant's, or the template
 * with placeholders when no tenant is chosen. Editors may compare the open draft (to=draft).
 */
import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { POLICY_DRAFT_LABEL, type PolicyKind } from "@pc/shared";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { NotFoundPage } from "../errors/NotFoundPage";
import { PurposeChanges } from "./PurposeChanges";
import classes from "./policies.module.css";
import { isPolicyKind, type PolicyComparison } from "./policies.types";
import { documentHref } from "./policyLinks";
import { InlineDiff, SideBySideDiff } from "./TextDiff";
import { usePolicyDates } from "./usePolicyDates";
import { MaterialBadge } from "./VersionBadges";
import { ComparePicker } from "./VersionsTable";

export function PolicyComparePage() {
  const { t } = useTranslation();
  const canRead = useCan("policies.read");
  const { kind } = useParams();
  usePageTitle(t("policies.compare.pageTitle"));
  if (!isPolicyKind(kind)) return <NotFoundPage />;
  if (!canRead) return <NoAccess />;
  return <Compare kind={kind} />;
}

function Compare({ kind }: { kind: PolicyKind }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canEdit = useCan("policies.edit");
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const view = params.get("view") === "side" ? "side" : "inline";
  const foldUnchanged = params.get("all") !== "1";
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  const comparison = useQuery({ ...trpc.policies.compare.queryOptions({ kind, from, to }), enabled: from !== "" && to !== "" });
  const staff = isOperatorStaff(me);
  const pickable = (versions.data ?? []).filter((version) => staff || !version.withdrawn);
  const name = t(`policies.kinds.${kind}`);

  function setParam(key: string, value: string | null) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  }

  const label = (version: string) => (version === POLICY_DRAFT_LABEL ? t("policies.compare.draft") : version);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={documentHref(kind, staff ? undefined : "history")} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t("policies.backTo", { document: name })}
        </Group>
      </Anchor>
      <PageHeader
        title={
          from && to ? t("policies.compare.title", { document: name, from: label(from), to: label(to) }) : t("policies.compare.pageTitle")
        }
        description={t("policies.compare.description")}
      />
      {versions.data && (
        <ComparePicker
          key={`${from}:${to}`}
          kind={kind}
          versions={pickable}
          withDraft={canEdit && staff}
          initialFrom={from || undefined}
          initialTo={to || undefined}
        />
      )}
      {from && to ? (
        <QueryContent query={comparison}>
          {(data) => (
            <ComparisonView
              data={data}
              view={view}
              foldUnchanged={foldUnchanged}
              onView={(next) => setParam("view", next === "side" ? "side" : null)}
              onFold={(fold) => setParam("all", fold ? null : "1")}
            />
          )}
        </QueryContent>
      ) : (
        <Text c="dimmed">{t("policies.compare.choose")}</Text>
      )}
    </Stack>
  );
}

interface ComparisonViewProps {
  data: PolicyComparison;
  view: "inline" | "side";
  foldUnchanged: boolean;
  onView: (view: "inline" | "side") => void;
  onFold: (fold: boolean) => void;
}

function ComparisonView({ data, view, foldUnchanged, onView, onFold }: ComparisonViewProps) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  const label = (version: string) => (version === POLICY_DRAFT_LABEL ? t("policies.compare.draft") : version);
  const sideTitle = (side: PolicyComparison["from"]) => (
    <Group gap={6} wrap="wrap">
      <Text span fw={600} size="sm">
        {t("policies.compare.versionN", { version: label(side.version) })}
      </Text>
      {side.effectiveFrom && (
        <Text span size="xs" c="dimmed">
          {dates.effective(side.effectiveFrom)}
        </Text>
      )}
    </Group>
  );
  const unchanged = data.text.stats.added + data.text.stats.removed === 0;
  const readAs = data.tenant ? t("policies.compare.asTenant", { tenant: data.tenant.name }) : t("policies.compare.asTemplate");

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {[data.from, data.to].map((side, index) => (
          <Card key={side.version} withBorder padding="sm">
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {index === 0 ? t("policies.compare.from") : t("policies.compare.to")}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{t("policies.compare.versionN", { version: label(side.version) })}</Text>
                <MaterialBadge material={side.material} />
                {side.retiredAt && (
                  <Badge size="sm" variant="outline" color="gray" tt="none" styles={NO_TRUNCATE}>
                    {t("policies.status.retired")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {side.effectiveFrom
                  ? t("policies.compare.effective", { date: dates.effective(side.effectiveFrom) })
                  : t("policies.compare.notPublished")}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`policies.compare.source.${side.source}`)}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="compare-text">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="compare-text">
              {t("policies.compare.textTitle")}
            </Title>
            <Text size="sm" c="dimmed">
              {readAs} ·{" "}
              {unchanged
                ? t("policies.compare.noTextChanges")
                : t("policies.compare.stats", { added: data.text.stats.added, removed: data.text.stats.removed })}
            </Text>
          </div>
          <Group gap="md" wrap="wrap">
            <Switch
              size="sm"
              label={t("policies.compare.fold")}
              checked={foldUnchanged}
              onChange={(event) => onFold(event.currentTarget.checked)}
            />
            <SegmentedControl
              value={view}
              onChange={(value) => onView(value === "side" ? "side" : "inline")}
              aria-label={t("policies.compare.viewLabel")}
              data={[
                { value: "inline", label: t("policies.compare.inline") },
                { value: "side", label: t("policies.compare.sideBySide") },
              ]}
            />
          </Group>
        </Group>
        <Group gap="md">
          <Text size="xs" c="dimmed" className={classes.legend}>
            <ins>{t("policies.compare.legendAdded")}</ins> · <del>{t("policies.compare.legendRemoved")}</del>
          </Text>
        </Group>
        <Card withBorder padding={view === "inline" ? "lg" : 0}>
          {view === "inline" ? (
            <InlineDiff
              segments={data.text.inline}
              foldUnchangedText={foldUnchanged}
              label={t("policies.compare.inlineLabel", { from: label(data.from.version), to: label(data.to.version) })}
            />
          ) : (
            <SideBySideDiff
              rows={data.text.sideBySide}
              leftTitle={sideTitle(data.from)}
              rightTitle={sideTitle(data.to)}
              foldUnchangedText={foldUnchanged}
            />
          )}
        </Card>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="compare-purposes">
        <Title order={2} size="h4" id="compare-purposes">
          {t("policies.compare.purposesTitle")}
        </Title>
        <PurposeChanges diff={data.purposes} />
      </Stack>
    </Stack>
  );
}
