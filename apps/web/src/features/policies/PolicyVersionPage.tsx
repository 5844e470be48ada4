/**
 * /policies/:kind/:version: one published version. Staff read the template (rendered with sample
 * values or variable names, or as markdown source), its purposes and its record: who wrote,
 * approved and published it, when it took effect, its content hash; editors retire it. Partners
 * read it exactly as their visitors were shown it.
 */
import { Anchor, Button, Card, Code, Group, SegmentedControl, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import type { PolicyKind } from "@pc/shared";
import { IconArchive, IconArrowLeft, IconArrowsDiff, IconBuildingStore, IconFileText, IconListCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { NotFoundPage } from "../errors/NotFoundPage";
import { PolicyHtml, previewHtml } from "./PolicyHtml";
import { PurposesTable } from "./PurposesTable";
import { isPolicyKind, type PolicyVersionSummary, type PolicyVersionView } from "./policies.types";
import { compareHref, documentHref } from "./policyLinks";
import { sampleVariables, type VariableDisplay } from "./policyPreview";
import { RenderedPolicyPanel } from "./RenderedPolicy";
import { RetireDialog } from "./RetireDialog";
import { ShortHash } from "./ShortHash";
import { usePolicyDates } from "./usePolicyDates";
import { useTabParam } from "./useTabParam";
import { MaterialBadge, VersionStatusBadge } from "./VersionBadges";

export function PolicyVersionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("policies.read");
  const { kind, version = "" } = useParams();
  usePageTitle(isPolicyKind(kind) ? `${t(`policies.kinds.${kind}`)} ${version}` : t("nav.policies"));
  if (!isPolicyKind(kind)) return <NotFoundPage />;
  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={documentHref(kind, isOperatorStaff(me) ? undefined : "history")} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t("policies.backTo", { document: t(`policies.kinds.${kind}`) })}
        </Group>
      </Anchor>
      {isOperatorStaff(me) ? <StaffVersion kind={kind} version={version} /> : <PartnerVersion kind={kind} version={version} />}
    </Stack>
  );
}

/** The version before this one in the list (highest number first), to compare with. */
function previousOf(versions: readonly PolicyVersionSummary[] | undefined, version: string): string | null {
  if (!versions) return null;
  const index = versions.findIndex((entry) => entry.version === version);
  return index === -1 ? null : (versions[index + 1]?.version ?? null);
}

function PartnerVersion({ kind, version }: { kind: PolicyKind; version: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  const previous = previousOf(
    versions.data?.filter((entry) => !entry.withdrawn),
    version,
  );
  return (
    <>
      <PageHeader
        title={t("policies.version.title", { document: t(`policies.kinds.${kind}`), version })}
        description={t("policies.version.partnerDescription")}
        actions={
          previous && (
            <Button component={Link} to={compareHref(kind, previous, version)} variant="default" leftSection={<IconArrowsDiff size={16} />}>
              {t("policies.versions.compareWith", { version: previous })}
            </Button>
          )
        }
      />
      <RenderedPolicyPanel kind={kind} version={version} />
    </>
  );
}

const VERSION_TABS = ["text", "purposes", "tenant"] as const;
type VersionTab = (typeof VERSION_TABS)[number];

function StaffVersion({ kind, version }: { kind: PolicyKind; version: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.policies.version.queryOptions({ kind, version }));
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  return (
    <QueryContent query={query}>
      {(data) => <StaffVersionView kind={kind} data={data} previous={previousOf(versions.data, version)} />}
    </QueryContent>
  );
}

function StaffVersionView({ kind, data, previous }: { kind: PolicyKind; data: PolicyVersionView; previous: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const dates = usePolicyDates();
  const canEdit = useCan("policies.edit");
  const tenant = me.activeTenant;
  // Only a version that was in force has been shown to anyone.
  const wasShown = !data.withdrawn && data.status !== "scheduled";
  const available = VERSION_TABS.filter((tab) => tab !== "tenant" || (tenant !== null && wasShown));
  const [tab, setTab] = useTabParam<VersionTab>(available, "text");
  const [retiring, setRetiring] = useState(false);
  const [display, setDisplay] = useState<VariableDisplay | "source">("values");
  const values = useMemo(() => sampleVariables(data.version, dates.date(data.effectiveFrom)), [data, dates]);
  const html = useMemo(() => (display === "source" ? null : previewHtml(data.markdown, values, display)), [data.markdown, values, display]);
  const name = t(`policies.kinds.${kind}`);

  return (
    <>
      <PageHeader
        title={t("policies.version.title", { document: name, version: data.version })}
        description={data.title}
        actions={
          <>
            {previous && (
              <Button
                component={Link}
                to={compareHref(kind, previous, data.version)}
                variant="default"
                leftSection={<IconArrowsDiff size={16} />}
              >
                {t("policies.versions.compareWith", { version: previous })}
              </Button>
            )}
            {canEdit && !data.retiredAt && (
              <Button variant="default" color="red" leftSection={<IconArchive size={16} />} onClick={() => setRetiring(true)}>
                {data.status === "scheduled" ? t("policies.retire.withdrawAction") : t("policies.retire.action")}
              </Button>
            )}
          </>
        }
      />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs">
            <VersionStatusBadge status={data.status} withdrawn={data.withdrawn} />
            <MaterialBadge material={data.material} />
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
            <Fact label={t("policies.version.effective")}>{dates.effective(data.effectiveFrom)}</Fact>
            <Fact label={t("policies.version.published")}>
              {data.publishedAt ? dates.dateTime(data.publishedAt) : "–"}
              {data.publishedBy && ` · ${data.publishedBy.name}`}
            </Fact>
            <Fact label={t("policies.versions.author")}>{data.author?.name ?? "–"}</Fact>
            <Fact label={t("policies.versions.approver")}>
              {data.approver ? `${data.approver.name}${data.approvedAt ? ` · ${dates.dateTime(data.approvedAt)}` : ""}` : "–"}
            </Fact>
            {data.retiredAt && (
              <Fact label={data.withdrawn ? t("policies.version.withdrawn") : t("policies.version.retired")}>
                {dates.dateTime(data.retiredAt)}
                {data.retiredBy && ` · ${data.retiredBy.name}`}
              </Fact>
            )}
            <Fact label={t("policies.version.contentHash")}>
              <ShortHash sha256={data.sha256} />
            </Fact>
          </SimpleGrid>
          {data.changeSummary && (
            <Text size="sm">
              <Text span fw={500}>
                {data.material ? t("policies.version.toldUsers") : t("policies.editor.summaryLabel")}:
              </Text>{" "}
              <Text span fs="italic">
                “{data.changeSummary}”
              </Text>
            </Text>
          )}
        </Stack>
      </Card>

      <Tabs value={tab} onChange={(value) => value && setTab(value as VersionTab)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="text" leftSection={<IconFileText size={16} />}>
            {t("policies.version.textTab")}
          </Tabs.Tab>
          <Tabs.Tab value="purposes" leftSection={<IconListCheck size={16} />}>
            {t("policies.version.purposesTab", { count: data.purposes.length })}
          </Tabs.Tab>
          {available.includes("tenant") && tenant && (
            <Tabs.Tab value="tenant" leftSection={<IconBuildingStore size={16} />}>
              {t("policies.tabs.tenant", { tenant: tenant.name })}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="text">
          <Stack gap="sm">
            <SegmentedControl
              size="xs"
              w="fit-content"
              value={display}
              onChange={(value) => setDisplay(value === "names" ? "names" : value === "source" ? "source" : "values")}
              aria-label={t("policies.editor.variablesShownAs")}
              data={[
                { value: "values", label: t("policies.editor.showSamples") },
                { value: "names", label: t("policies.editor.showNames") },
                { value: "source", label: t("policies.version.source") },
              ]}
            />
            <Card withBorder padding="xl">
              {html ? (
                <PolicyHtml html={html} label={t("policies.version.title", { document: name, version: data.version })} />
              ) : (
                <Code block style={{ whiteSpace: "pre-wrap" }}>
                  {data.markdown}
                </Code>
              )}
            </Card>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="purposes">
          <PurposesTable purposes={data.purposes} />
        </Tabs.Panel>
        {tenant && <Tabs.Panel value="tenant">{tab === "tenant" && <RenderedPolicyPanel kind={kind} version={data.version} />}</Tabs.Panel>}
      </Tabs>
      <RetireDialog kind={kind} version={retiring ? data : null} onClose={() => setRetiring(false)} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
