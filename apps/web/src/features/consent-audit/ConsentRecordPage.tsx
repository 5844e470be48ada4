/**
 * /consent/records/:recordId: one consent record as evidence: its fields, its place in the chain
 * with whether it verifies and the signed checkpoint covering it, whether its personal data was
 * erased, and the policy exactly as the visitor was shown it.
 */
import { Alert, Anchor, Badge, Button, Code, Collapse, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { ConsentActionBadge, PurposeDecisions } from "../ledger/ConsentBadges";
import { PolicyHtml, serverPolicyHtml } from "../policies/PolicyHtml";
import { RemovedRecordDetail } from "../retention/RemovedRecordDetail";
import { ChainVerifiesBadge } from "./ChainVerifiesBadge";
import { CoveringCheckpoint } from "./CoveringCheckpoint";
import { EvidencePackButton } from "./EvidencePackButton";

/** A record still in the ledger; one removed by retention is RemovedRecordDetail's. */
type Detail = Extract<RouterOutputs["consentAudit"]["record"], { purged: null }>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

export function ConsentRecordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { recordId = "" } = useParams();
  const canRead = useCan("consent.read");
  const record = useQuery({ ...trpc.consentAudit.record.queryOptions({ recordId }), enabled: canRead });
  usePageTitle(t("consentAudit.title"));
  if (!canRead) return <NoAccess />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/consent/records" size="sm">
        {t("consentAudit.record.back")}
      </Anchor>
      <QueryContent query={record}>
        {(detail) => (detail.purged === null ? <RecordDetail detail={detail} /> : <RemovedRecordDetail detail={detail} />)}
      </QueryContent>
    </Stack>
  );
}

export function RecordDetail({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { record, chain, personalData, policy } = detail;
  const none = t("consentAudit.record.none");
  return (
    <Stack gap="md">
      <PageHeader
        title={t("consentAudit.record.title", { seq: record.seq })}
        description={detail.tenant.name}
        actions={
          <Group gap="sm" align="flex-start">
            <ChainVerifiesBadge verifies={chain.verifies} verifiesLabel={t("consentAudit.record.verifies")} />
            <EvidencePackButton input={{ recordId: record.recordId }} fileName={`${detail.tenant.slug}-record-${record.seq}`} />
          </Group>
        }
      />
      {!chain.verifies && (
        <Alert color="red" icon={<IconAlertTriangle />} title={t("consentAudit.record.doesNotVerify")} role="alert">
          {!chain.hashMatches && <Text size="sm">{t("consentAudit.record.brokenHash")}</Text>}
          {!chain.linkMatches && <Text size="sm">{t("consentAudit.record.brokenLink")}</Text>}
        </Alert>
      )}
      <SectionCard title={t("consentAudit.record.fields")}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Field label={t("consentAudit.record.recordId")}>
            <Code>{record.recordId}</Code>
          </Field>
          <Field label={t("consentAudit.record.tenant")}>{detail.tenant.name}</Field>
          <Field label={t("consentAudit.record.receivedAt")}>{format.preciseDateTime(record.receivedAt)}</Field>
          <Field label={t("consentAudit.record.occurredAt")}>{format.preciseDateTime(record.occurredAt)}</Field>
          <Field label={t("consentAudit.record.consentId")}>
            <Code>{record.consentId}</Code>
          </Field>
          <Field label={t("consentAudit.record.policy")}>{`${record.policyKind} ${record.policyVersion}`}</Field>
          <Field label={t("consentAudit.record.bannerVersion")}>{record.bannerVersion}</Field>
          <Field label={t("consentAudit.record.action")}>
            <ConsentActionBadge action={record.action} />
          </Field>
          <Field label={t("consentAudit.record.purposes")}>
            <PurposeDecisions purposes={record.purposes} />
          </Field>
          <Field label={t("consentAudit.record.language")}>{record.language}</Field>
          <Field label={t("consentAudit.record.path")}>{record.path}</Field>
          <Field label={t("consentAudit.record.gpc")}>{record.gpc ? t("consentAudit.record.yes") : t("consentAudit.record.no")}</Field>
          <Field label={t("consentAudit.record.country")}>{record.country ?? none}</Field>
          <Field label={t("consentAudit.record.jurisdiction")}>{record.jurisdiction}</Field>
          <Field label={t("consentAudit.record.personalData")}>
            {personalData.erased
              ? personalData.erasedAt
                ? t("consentAudit.record.erased", { date: format.dateTime(personalData.erasedAt) })
                : t("consentAudit.record.erasedUnknown")
              : t("consentAudit.record.kept")}
          </Field>
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={t("consentAudit.record.chain")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Field label={t("consentAudit.record.seq")}>{format.number(chain.seq)}</Field>
          <Field label={t("consentAudit.record.previous")}>{chain.previousSeq === null ? none : format.number(chain.previousSeq)}</Field>
          <Field label={t("consentAudit.record.next")}>
            {chain.nextSeq === null ? t("consentAudit.record.noneYet") : format.number(chain.nextSeq)}
          </Field>
        </SimpleGrid>
        <Field label={t("consentAudit.record.prevHash")}>
          <Code>{chain.prevHash}</Code>
        </Field>
        <Field label={t("consentAudit.record.hash")}>
          <Code>{chain.hash}</Code>
        </Field>
        {!chain.hashMatches && (
          <Field label={t("consentAudit.record.recomputed")}>
            <Code>{chain.recomputedHash}</Code>
          </Field>
        )}
        <Field label={t("consentAudit.record.checkpoint")}>
          <CoveringCheckpoint checkpoint={chain.checkpoint} />
        </Field>
      </SectionCard>
      <PolicyShown policy={policy} />
    </Stack>
  );
}

function PolicyShown({ policy }: { policy: Detail["policy"] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!policy) {
    return (
      <SectionCard title={t("consentAudit.record.policyShown")}>
        <Text size="sm">{t("consentAudit.record.policyMissing")}</Text>
      </SectionCard>
    );
  }
  return (
    <SectionCard title={t("consentAudit.record.policyShown")} description={`${policy.title} · ${policy.version}`}>
      {!policy.templateMatches && (
        <Alert color="orange" icon={<IconAlertTriangle />}>
          {t("consentAudit.record.policyMismatch")}
        </Alert>
      )}
      <Field label={t("consentAudit.record.policySha")}>
        <Code>{policy.sha256}</Code>
      </Field>
      <Field label={t("consentAudit.record.purposesShown")}>
        <Group gap={4}>
          {policy.purposes.map((purpose) => (
            <Badge key={purpose.key} variant="outline" tt="none">
              {`${purpose.name} (${purpose.key})`}
            </Badge>
          ))}
        </Group>
      </Field>
      <div>
        <Button variant="default" size="sm" aria-expanded={open} aria-controls="policy-as-shown" onClick={() => setOpen((value) => !value)}>
          {open ? t("consentAudit.record.policyHide") : t("consentAudit.record.policyToggle")}
        </Button>
      </div>
      <Collapse expanded={open} id="policy-as-shown">
        <PolicyHtml html={serverPolicyHtml(policy.html)} label={policy.title} />
      </Collapse>
    </SectionCard>
  );
}
