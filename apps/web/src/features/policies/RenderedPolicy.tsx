/**
 * A tenant's policy as its visitors read it (addenda.rendered): the sanitised HTML from the server,
 * which version it is and since when, its sha256 (the identity consents record), the consent
 * purposes it asks about, and, after a material change, since when visitors are asked again.
 */
import { Alert, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { PolicyKind } from "@pc/shared";
import { IconRefreshAlert } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryContent } from "../../components/QueryContent";
import { useTRPC } from "../../lib/trpc";
import { PolicyHtml, serverPolicyHtml } from "./PolicyHtml";
import { PurposesTable } from "./PurposesTable";
import type { PolicyVersionSummary, RenderedPolicy as RenderedPolicyData } from "./policies.types";
import { ShortHash } from "./ShortHash";
import { usePolicyDates } from "./usePolicyDates";

interface RenderedPolicyPanelProps {
  kind: PolicyKind;
  /** An earlier version as it was shown; the version in force when left out. */
  version?: string;
  /** The document's versions, for the re-consent notice (in force only). */
  versions?: readonly PolicyVersionSummary[];
}

export function RenderedPolicyPanel({ kind, version, versions }: RenderedPolicyPanelProps) {
  const trpc = useTRPC();
  const rendered = useQuery(trpc.addenda.rendered.queryOptions({ kind, version }));
  return (
    <QueryContent query={rendered}>
      {(policy) => (
        <Stack gap="lg">
          {!version && versions && <ReconsentNotice versions={versions} />}
          <RenderedPolicyView policy={policy} />
        </Stack>
      )}
    </QueryContent>
  );
}

/**
 * The material version the one in force builds on: visitors who consented before it took effect
 * are asked again. None when nothing came before it (a first version asks nobody again).
 */
export function reconsentVersion(versions: readonly PolicyVersionSummary[]): PolicyVersionSummary | null {
  const start = versions.findIndex((entry) => entry.status === "in_force");
  if (start === -1) return null;
  const index = versions.findIndex((entry, at) => at >= start && entry.material && !entry.withdrawn);
  if (index === -1 || index === versions.length - 1) return null;
  return versions[index] ?? null;
}

function ReconsentNotice({ versions }: { versions: readonly PolicyVersionSummary[] }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  const material = reconsentVersion(versions);
  if (!material) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconRefreshAlert size={18} />}
      title={t("policies.reconsent.title", { version: material.version })}
    >
      <Stack gap={6}>
        <Text size="sm">{t("policies.reconsent.body", { date: dates.effective(material.effectiveFrom), version: material.version })}</Text>
        {material.changeSummary && (
          <Text size="sm">
            <Text span fw={500}>
              {t("policies.reconsent.told")}
            </Text>{" "}
            <Text span fs="italic">
              “{material.changeSummary}”
            </Text>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export function RenderedPolicyView({ policy }: { policy: RenderedPolicyData }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  return (
    <Stack gap="lg">
      <Card withBorder padding="md">
        <Group gap="xl" wrap="wrap" align="flex-start">
          <Meta label={t("policies.rendered.version")}>
            <Text size="sm" fw={600}>
              {policy.version}
              {policy.addendumVersion !== null && (
                <Text span size="sm" c="dimmed" fw={400}>
                  {" "}
                  {t("policies.rendered.withAddendum", { version: policy.addendumVersion })}
                </Text>
              )}
            </Text>
          </Meta>
          <Meta label={t("policies.rendered.effective")}>
            <Text size="sm">{dates.effective(policy.effectiveAt)}</Text>
          </Meta>
          <Meta label={t("policies.rendered.sha256")}>
            <ShortHash sha256={policy.sha256} />
          </Meta>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t("policies.rendered.hashHint")}
        </Text>
      </Card>

      {/* The document carries its own heading; the article is named by the title. */}
      <Card withBorder padding="xl" component="article" aria-label={policy.title}>
        <PolicyHtml html={serverPolicyHtml(policy.html)} />
      </Card>

      <Stack gap="xs" component="section" aria-labelledby="rendered-purposes">
        <Title order={2} size="h4" id="rendered-purposes">
          {t("policies.purposes.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("policies.rendered.purposesHint")}
        </Text>
        <PurposesTable purposes={policy.purposes} />
      </Stack>
    </Stack>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}
