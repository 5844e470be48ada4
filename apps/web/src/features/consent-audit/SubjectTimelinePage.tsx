/**
 * /consent/subjects?tenant=&subject=: every consent event of one subject, oldest first (resent
 * copies collapsed), the current decision per purpose, and a warning when the latest choice was
 * made under a policy version that a material version has since replaced.
 */
import { Alert, Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { ConsentActionBadge, PurposeDecisions } from "../ledger/ConsentBadges";
import { EvidencePackButton } from "./EvidencePackButton";

type Timeline = RouterOutputs["consentAudit"]["subjectTimeline"];

export function SubjectTimelinePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("consent.read");
  const [params] = useSearchParams();
  const subjectId = params.get("subject")?.trim() ?? "";
  const tenantId = isOperatorStaff(me) ? params.get("tenant") || undefined : undefined;
  const timeline = useQuery({
    ...trpc.consentAudit.subjectTimeline.queryOptions({ tenantId, subjectId }),
    enabled: canRead && subjectId !== "",
  });
  usePageTitle(t("consentAudit.subject.title"));
  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/consent/records?${params}`} size="sm">
        {t("consentAudit.record.back")}
      </Anchor>
      <PageHeader
        title={t("consentAudit.subject.title")}
        description={t("consentAudit.subject.description")}
        actions={
          subjectId && timeline.isSuccess ? (
            <EvidencePackButton input={{ tenantId, subjectId }} fileName={`${timeline.data.tenant.slug}-subject`} />
          ) : undefined
        }
      />
      {subjectId && <QueryContent query={timeline}>{(data) => <TimelineView timeline={data} />}</QueryContent>}
    </Stack>
  );
}

export function TimelineView({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="md">
      {timeline.stale.map((stale) => (
        <Alert key={stale.policyKind} color="orange" icon={<IconAlertTriangle />} role="alert">
          {t("consentAudit.subject.stale", {
            chosen: stale.chosenVersion,
            required: stale.requiredVersion,
            date: stale.effectiveFrom ? format.dateTime(stale.effectiveFrom) : "—",
          })}
        </Alert>
      ))}
      {!timeline.isStale && (
        <Group gap="xs">
          <IconCircleCheck size={18} aria-hidden />
          <Text size="sm">{t("consentAudit.subject.upToDate")}</Text>
        </Group>
      )}
      <SectionCard title={t("consentAudit.subject.currentState")} description={timeline.tenant.name}>
        <Group gap="xs">
          {timeline.currentState.map((state) => (
            <Badge
              key={state.purpose}
              variant={state.decision === "granted" ? "filled" : "outline"}
              color={state.decision === "granted" ? "green" : "gray"}
              tt="none"
            >
              {`${state.purpose}: ${t(`consentAudit.decisions.${state.decision as "granted"}`)}`}
            </Badge>
          ))}
        </Group>
      </SectionCard>
      <SectionCard title={t("consentAudit.subject.events")} description={t("consentAudit.subject.records", { count: timeline.records })}>
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("consentAudit.results.received")}</Table.Th>
                <Table.Th>{t("consentAudit.results.action")}</Table.Th>
                <Table.Th>{t("consentAudit.results.purposes")}</Table.Th>
                <Table.Th>{t("consentAudit.results.policy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {timeline.events.map((event) => (
                <Table.Tr key={event.recordId}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor
                      component={Link}
                      to={`/consent/records/${event.recordId}`}
                      aria-label={t("consentAudit.results.open", { seq: event.seq })}
                    >
                      {format.preciseDateTime(event.receivedAt)}
                    </Anchor>
                    {event.copies > 1 && (
                      <Text size="xs" c="dimmed">
                        {t("consentAudit.subject.copies", { count: event.copies })}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <ConsentActionBadge action={event.action} />
                  </Table.Td>
                  <Table.Td>
                    <PurposeDecisions purposes={event.purposes} />
                  </Table.Td>
                  <Table.Td>{`${event.policyKind} ${event.policyVersion}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </SectionCard>
    </Stack>
  );
}
