/**
 * A consent record removed by retention, on its record page: when it came in and when it was
 * removed (its content and personal data are gone), and its place in the chain checked by its
 * links: it follows the entry before it, the next one follows it, and its run of removed records
 * starts after an entry a signed checkpoint pins. No evidence pack: there is nothing left to pack.
 */
import { Alert, Code, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconHourglass } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Fact } from "../../components/Fact";
import { PageHeader } from "../../components/PageHeader";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import type { RouterOutputs } from "../../lib/trpc";
import { ChainVerifiesBadge } from "../consent-audit/ChainVerifiesBadge";
import { CoveringCheckpoint } from "../consent-audit/CoveringCheckpoint";

type Removed = Exclude<RouterOutputs["consentAudit"]["record"], { purged: null }>;

export function RemovedRecordDetail({ detail }: { detail: Removed }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { record, chain, purged } = detail;
  const none = t("consentAudit.record.none");
  return (
    <Stack gap="md">
      <PageHeader
        title={t("consentAudit.record.title", { seq: record.seq })}
        description={detail.tenant.name}
        actions={<ChainVerifiesBadge verifies={chain.verifies} verifiesLabel={t("retention.removed.linksVerify")} />}
      />
      <Alert color="gray" icon={<IconHourglass />} title={t("retention.removed.title", { date: format.dateTime(purged.purgedAt) })}>
        {t("retention.removed.body")}
      </Alert>
      {!chain.verifies && (
        <Alert color="red" icon={<IconAlertTriangle />} title={t("consentAudit.record.doesNotVerify")} role="alert">
          {!chain.linkMatches && <Text size="sm">{t("consentAudit.record.brokenLink")}</Text>}
          {!chain.nextLinks && <Text size="sm">{t("retention.removed.brokenNext")}</Text>}
          {!chain.anchored && <Text size="sm">{t("retention.removed.unanchored")}</Text>}
        </Alert>
      )}
      <SectionCard title={t("consentAudit.record.chain")} description={t("retention.removed.chainHint")}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <Fact label={t("consentAudit.record.recordId")}>
            <Code>{record.recordId}</Code>
          </Fact>
          <Fact label={t("consentAudit.record.receivedAt")}>{format.preciseDateTime(record.receivedAt)}</Fact>
          <Fact label={t("consentAudit.record.seq")}>{format.number(chain.seq)}</Fact>
          <Fact label={t("consentAudit.record.previous")}>{chain.previousSeq === null ? none : format.number(chain.previousSeq)}</Fact>
          <Fact label={t("consentAudit.record.next")}>
            {chain.nextSeq === null ? t("consentAudit.record.noneYet") : format.number(chain.nextSeq)}
          </Fact>
        </SimpleGrid>
        <Fact label={t("consentAudit.record.prevHash")}>
          <Code style={{ overflowWrap: "anywhere" }}>{chain.prevHash}</Code>
        </Fact>
        <Fact label={t("consentAudit.record.hash")}>
          <Code style={{ overflowWrap: "anywhere" }}>{chain.hash}</Code>
        </Fact>
        <Fact label={t("consentAudit.record.checkpoint")}>
          <CoveringCheckpoint checkpoint={chain.checkpoint} />
        </Fact>
      </SectionCard>
    </Stack>
  );
}
