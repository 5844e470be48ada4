/**
 * /branding: the active tenant's storefront branding. Editors (branding.edit) work on the draft
 * with a live preview and publish it now or later; everyone with branding.read sees what is in
 * effect, what is scheduled (editors may withdraw it) and the history. The tab is kept in the URL
 * (?tab=history).
 */
import { Badge, Group, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconHistory, IconPalette } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { BrandingEditor } from "./BrandingEditor";
import { BrandingHistory } from "./BrandingHistory";
import { BrandingReadOnly } from "./BrandingReadOnly";
import type { BrandingState } from "./branding.types";
import { ScheduledNotices } from "./ScheduledNotice";

type Tab = "draft" | "history";

export function BrandingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("branding.read");
  const canEdit = useCan("branding.edit");
  usePageTitle(t("nav.branding"));

  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("nav.branding")} chooseMessage={t("branding.noTenantChoose")} />;
  if (!canRead) return <NoAccess />;
  // Keyed by tenant: a switch of tenant must never carry one tenant's unsaved draft into another's.
  return <TenantBranding key={tenant.id} tenantName={tenant.name} canEdit={canEdit} />;
}

function TenantBranding({ tenantName, canEdit }: { tenantName: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get("tab") === "history" ? "history" : "draft";
  const branding = useQuery(trpc.branding.get.queryOptions());

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("branding.pageTitle", { tenant: tenantName })}
        description={canEdit ? t("branding.descriptionEdit") : t("branding.descriptionRead")}
      />
      <QueryContent query={branding}>
        {(state) => (
          <Stack gap="lg">
            <VersionStatus state={state} />
            <ScheduledNotices state={state} />
            <Tabs
              value={tab}
              keepMounted
              onChange={(value) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (value === "history") next.set("tab", "history");
                    else next.delete("tab");
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              <Tabs.List mb="lg">
                <Tabs.Tab value="draft" leftSection={<IconPalette size={16} />}>
                  {canEdit ? t("branding.tabs.edit") : t("branding.tabs.view")}
                </Tabs.Tab>
                <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
                  {t("branding.tabs.history")}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="draft">
                {canEdit ? <BrandingEditor state={state} tenantName={tenantName} /> : <BrandingReadOnly state={state} />}
              </Tabs.Panel>
              <Tabs.Panel value="history">{tab === "history" && <HistoryPanel state={state} canEdit={canEdit} />}</Tabs.Panel>
            </Tabs>
          </Stack>
        )}
      </QueryContent>
    </Stack>
  );
}

/** What is live, what is coming and whether a draft is open, in one line of badges. */
function VersionStatus({ state }: { state: BrandingState }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="sm" wrap="wrap" aria-label={t("branding.status.label")} role="group">
      {state.inEffect ? (
        <Group gap={6} wrap="nowrap">
          <Badge color="teal" variant="light" tt="none">
            {t("branding.status.inEffect", { version: state.inEffect.version })}
          </Badge>
          {state.inEffect.effectiveFrom && (
            <Text size="sm" c="dimmed">
              {t("branding.status.since", { date: format.dateTime(state.inEffect.effectiveFrom) })}
            </Text>
          )}
        </Group>
      ) : (
        <Badge color="gray" variant="light" tt="none">
          {t("branding.status.nothingPublished")}
        </Badge>
      )}
      {state.scheduled.map((version) => (
        <Group key={version.id} gap={6} wrap="nowrap">
          <Badge color="blue" variant="light" tt="none">
            {t("branding.status.scheduled", { version: version.version })}
          </Badge>
          {version.effectiveFrom && (
            <Text size="sm" c="dimmed">
              {t("branding.status.from", { date: format.dateTime(version.effectiveFrom) })}
            </Text>
          )}
        </Group>
      ))}
      {state.draft && (
        <Group gap={6} wrap="nowrap">
          <Badge color="yellow" variant="light" tt="none">
            {t("branding.status.draft")}
          </Badge>
          <Text size="sm" c="dimmed">
            {state.draft.basedOnVersion
              ? t("branding.status.draftSavedBasedOn", { date: format.fromNow(state.draft.updatedAt), version: state.draft.basedOnVersion })
              : t("branding.status.draftSaved", { date: format.fromNow(state.draft.updatedAt) })}
          </Text>
        </Group>
      )}
    </Group>
  );
}

function HistoryPanel({ state, canEdit }: { state: BrandingState; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.branding.history.queryOptions());
  const rollback = useMutation(
    trpc.branding.rollback.mutationOptions({
      // Shown in the confirmation, which stays open; a version scheduled meanwhile then shows up here too.
      meta: { errorHandling: "local" },
      onSuccess: async (published) => {
        notifications.show({ color: "teal", message: t("branding.history.rolledBack", { version: published.version }) });
        await queryClient.invalidateQueries(trpc.branding.pathFilter());
      },
      onError: async (error) => {
        const code = errorCode(error);
        if (code === "PRECONDITION_FAILED" || code === "NOT_FOUND" || code === "CONFLICT") {
          await queryClient.invalidateQueries(trpc.branding.pathFilter());
        }
      },
    }),
  );

  return (
    <QueryContent query={history}>
      {(entries) => (
        <BrandingHistory
          entries={entries}
          inEffectId={state.inEffect?.id ?? null}
          scheduled={state.scheduled}
          onRollback={canEdit ? (version) => rollback.mutateAsync({ version }) : undefined}
          rollingBack={rollback.isPending}
          rollbackError={rollback.error}
          onRollbackDismiss={() => rollback.reset()}
        />
      )}
    </QueryContent>
  );
}
