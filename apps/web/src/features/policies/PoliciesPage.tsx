/**
 * /policies and /policies/:kind. Operator staff see the operator's documents: the versions of each,
 * the open draft (compliance and operator admins edit, request and give approval, publish, retire)
 * and partners' addenda waiting for approval; with a tenant chosen, also how that tenant's visitors
 * read them. Partners see their own rendered policies, their history and their addendum.
 * Tabs live in the URL (?tab=…).
 */
import { Anchor, Group, Stack, Tabs, Text } from "@mantine/core";
import { POLICY_KINDS, type PolicyKind } from "@pc/shared";
import { IconArrowLeft, IconBuildingStore, IconFileText, IconHistory, IconList, IconPencil, IconWriting } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { NotFoundPage } from "../errors/NotFoundPage";
import { AddendumPanel } from "./AddendumPanel";
import { DocumentCards } from "./DocumentCards";
import { PendingAddenda } from "./PendingAddenda";
import { PolicyDraftPanel } from "./PolicyDraftEditor";
import { isPolicyKind, type PolicyVersionSummary } from "./policies.types";
import { documentHref } from "./policyLinks";
import { RenderedPolicyPanel } from "./RenderedPolicy";
import { RetireDialog } from "./RetireDialog";
import { useTabParam } from "./useTabParam";
import { ComparePicker, VersionsTable } from "./VersionsTable";

/** /policies */
export function PoliciesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("policies.read");
  usePageTitle(t("nav.policies"));
  if (!canRead) return <NoAccess />;
  if (isOperatorStaff(me)) return <StaffOverview />;
  return <PartnerPolicies kind="privacy" />;
}

/** /policies/:kind */
export function PolicyDocumentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("policies.read");
  const { kind } = useParams();
  usePageTitle(isPolicyKind(kind) ? t(`policies.kinds.${kind}`) : t("nav.policies"));
  if (!isPolicyKind(kind)) return <NotFoundPage />;
  if (!canRead) return <NoAccess />;
  if (isOperatorStaff(me)) return <StaffDocument key={kind} kind={kind} />;
  return <PartnerPolicies kind={kind} />;
}

function StaffOverview() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canEdit = useCan("policies.edit");
  const canApprove = useCan("policies.approve");
  const documents = useQuery(trpc.policies.documents.queryOptions());
  return (
    <Stack gap="xl">
      <PageHeader
        title={t("policies.title")}
        description={canEdit ? t("policies.descriptionStaffEdit") : t("policies.descriptionStaffRead")}
      />
      <QueryContent query={documents}>{(list) => <DocumentCards documents={list} canEdit={canEdit} />}</QueryContent>
      {me.activeTenant && (
        <Text size="sm">
          <IconBuildingStore size={14} style={{ verticalAlign: "-2px", marginRight: 6 }} aria-hidden />
          {t("policies.tenantViewIntro", { tenant: me.activeTenant.name })}{" "}
          {POLICY_KINDS.map((kind, index) => (
            <span key={kind}>
              {index > 0 && " · "}
              <Anchor component={Link} to={documentHref(kind, "tenant")}>
                {t(`policies.kinds.${kind}`)}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
      {canApprove && <PendingAddenda />}
    </Stack>
  );
}

const STAFF_TABS = ["versions", "draft", "tenant"] as const;
type StaffTab = (typeof STAFF_TABS)[number];

function StaffDocument({ kind }: { kind: PolicyKind }) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = useCan("policies.edit");
  const tenant = me.activeTenant;
  const available = STAFF_TABS.filter((tab) => (tab === "draft" ? canEdit : tab === "tenant" ? tenant !== null : true));
  const [tab, setTab] = useTabParam<StaffTab>(available, "versions");
  const name = t(`policies.kinds.${kind}`);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/policies" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t("policies.backToAll")}
        </Group>
      </Anchor>
      <PageHeader title={name} description={canEdit ? t("policies.documentDescriptionEdit") : t("policies.documentDescriptionRead")} />
      <Tabs value={tab} onChange={(value) => value && setTab(value as StaffTab)} keepMounted={false}>
        <Tabs.List mb="lg" aria-label={t("policies.tabsLabel", { document: name })}>
          <Tabs.Tab value="versions" leftSection={<IconList size={16} />}>
            {t("policies.tabs.versions")}
          </Tabs.Tab>
          {canEdit && (
            <Tabs.Tab value="draft" leftSection={<IconPencil size={16} />}>
              {t("policies.tabs.draft")}
            </Tabs.Tab>
          )}
          {tenant && (
            <Tabs.Tab value="tenant" leftSection={<IconBuildingStore size={16} />}>
              {t("policies.tabs.tenant", { tenant: tenant.name })}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="versions">
          <VersionsPanel kind={kind} canEdit={canEdit} />
        </Tabs.Panel>
        {canEdit && <Tabs.Panel value="draft">{tab === "draft" && <PolicyDraftPanel kind={kind} />}</Tabs.Panel>}
        {tenant && (
          <Tabs.Panel value="tenant">
            {tab === "tenant" && (
              <Stack gap="xl">
                <TenantRendered kind={kind} />
                <AddendumSection kind={kind} />
              </Stack>
            )}
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function VersionsPanel({ kind, canEdit }: { kind: PolicyKind; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  const draft = useQuery({ ...trpc.policies.draft.queryOptions({ kind }), enabled: canEdit });
  const [retiring, setRetiring] = useState<PolicyVersionSummary | null>(null);
  return (
    <QueryContent query={versions}>
      {(list) => (
        <Stack gap="md">
          <ComparePicker kind={kind} versions={list} withDraft={canEdit && Boolean(draft.data?.draft)} />
          <VersionsTable kind={kind} versions={list} onRetire={canEdit ? setRetiring : undefined} />
          {list.length > 0 && (
            <Text size="xs" c="dimmed">
              {t("policies.versions.immutableNote")}
            </Text>
          )}
          <RetireDialog kind={kind} version={retiring} onClose={() => setRetiring(null)} />
        </Stack>
      )}
    </QueryContent>
  );
}

function TenantRendered({ kind }: { kind: PolicyKind }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  return <RenderedPolicyPanel kind={kind} versions={versions.data} />;
}

function AddendumSection({ kind }: { kind: PolicyKind }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" component="section" aria-labelledby="addendum-section">
      <div>
        <Text component="h2" fz="h3" fw={700} m={0} id="addendum-section">
          {t("policies.addendum.title")}
        </Text>
        <Text size="sm" c="dimmed">
          {t("policies.addendum.description")}
        </Text>
      </div>
      <AddendumPanel kind={kind} />
    </Stack>
  );
}

const PARTNER_TABS = ["policy", "history", "addendum"] as const;
type PartnerTab = (typeof PARTNER_TABS)[number];

/** A partner's view: one tab per document, and in each the policy as shown, its history and the addendum. */
function PartnerPolicies({ kind }: { kind: PolicyKind }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const tenant = me.activeTenant;
  const [tab, setTab] = useTabParam<PartnerTab>(PARTNER_TABS, "policy");
  if (!tenant) return <NoActiveTenant title={t("nav.policies")} chooseMessage={t("policies.noTenantChoose")} />;

  return (
    <Stack gap="md" key={tenant.id}>
      <PageHeader title={t("policies.partnerTitle", { tenant: tenant.name })} description={t("policies.partnerDescription")} />
      <Tabs
        value={kind}
        onChange={(value) => isPolicyKind(value) && navigate(documentHref(value, tab === "policy" ? undefined : tab))}
        variant="outline"
      >
        <Tabs.List aria-label={t("policies.documentsLabel")}>
          {POLICY_KINDS.map((entry) => (
            <Tabs.Tab key={entry} value={entry} leftSection={<IconFileText size={16} />} fw={600}>
              {t(`policies.kinds.${entry}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Tabs value={tab} onChange={(value) => value && setTab(value as PartnerTab)} keepMounted={false}>
        <Tabs.List mb="lg" aria-label={t("policies.tabsLabel", { document: t(`policies.kinds.${kind}`) })}>
          <Tabs.Tab value="policy" leftSection={<IconFileText size={16} />}>
            {t("policies.tabs.policy")}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            {t("policies.tabs.history")}
          </Tabs.Tab>
          <Tabs.Tab value="addendum" leftSection={<IconWriting size={16} />}>
            {t("policies.tabs.addendum")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="policy">{tab === "policy" && <TenantRendered key={kind} kind={kind} />}</Tabs.Panel>
        <Tabs.Panel value="history">{tab === "history" && <PartnerHistory key={kind} kind={kind} />}</Tabs.Panel>
        <Tabs.Panel value="addendum">
          {tab === "addendum" && (
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t("policies.addendum.description")}
              </Text>
              <AddendumPanel key={kind} kind={kind} />
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PartnerHistory({ kind }: { kind: PolicyKind }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ kind }));
  return (
    <QueryContent query={versions}>
      {(list) => {
        // Partners see what was (or will be) shown: a version withdrawn before its time never was.
        const shown = list.filter((version) => !version.withdrawn);
        return (
          <Stack gap="md">
            <ComparePicker kind={kind} versions={shown} />
            <VersionsTable kind={kind} versions={shown} />
          </Stack>
        );
      }}
    </QueryContent>
  );
}
