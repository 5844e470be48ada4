/**
 * The ledger at a glance: how many records, how many in the last day, where the chain ends (with
 * its hash to compare or copy), the last signed checkpoint and the ingestion rate limit.
 */
import { Badge, Card, Group, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { useFormat } from "../../lib/format";
import { ShortHash } from "../policies/ShortHash";
import type { LedgerOverview } from "./ledger.types";

/** `empty`: the value says there is nothing yet, in a quieter type than a figure. */
function SummaryCard({ label, value, detail, empty }: { label: string; value: ReactNode; detail?: ReactNode; empty?: boolean }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size={empty ? "md" : "xl"} fw={empty ? 500 : 700} c={empty ? "dimmed" : undefined} lh={1.2}>
          {value}
        </Text>
        {detail && (
          <Text size="sm" c="dimmed" component="div">
            {detail}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function LedgerSummary({ overview }: { overview: LedgerOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { head, lastCheckpoint, rateLimit } = overview;

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="md" role="group" aria-label={t("ledger.summary.label")}>
      <SummaryCard label={t("ledger.summary.records")} value={format.number(overview.records)} />
      <SummaryCard label={t("ledger.summary.last24h")} value={format.number(overview.last24h)} />
      <SummaryCard
        label={t("ledger.summary.head")}
        value={head ? t("ledger.summary.seq", { seq: format.number(head.seq) }) : t("ledger.summary.headEmpty")}
        empty={!head}
        detail={head && <ShortHash sha256={head.hash} />}
      />
      <SummaryCard
        label={t("ledger.summary.lastCheckpoint")}
        value={lastCheckpoint ? t("ledger.summary.seq", { seq: format.number(lastCheckpoint.seq) }) : t("ledger.summary.checkpointNone")}
        empty={!lastCheckpoint}
        detail={
          lastCheckpoint && (
            <Tooltip label={format.preciseDateTime(lastCheckpoint.signedAt)} withinPortal>
              <Text span size="sm" tabIndex={0} style={{ textDecoration: "underline dotted" }}>
                {t("ledger.summary.signedAgo", { ago: format.fromNow(lastCheckpoint.signedAt) })}
              </Text>
            </Tooltip>
          )
        }
      />
      <SummaryCard
        label={t("ledger.summary.rateLimit")}
        value={t("ledger.summary.rate", { rate: format.number(rateLimit.ratePerSecond) })}
        detail={
          <Group gap={6} wrap="wrap">
            <span>{t("ledger.summary.burst", { burst: format.number(rateLimit.burst) })}</span>
            <Badge size="xs" variant={rateLimit.custom ? "light" : "outline"} color="gray" tt="none" styles={NO_TRUNCATE}>
              {rateLimit.custom ? t("ledger.summary.custom") : t("ledger.summary.default")}
            </Badge>
          </Group>
        }
      />
    </SimpleGrid>
  );
}
