/**
 * The latest purges, one row per tenant purged: when, by whom or which daily run, the cutoff, its
 * status and what it removed (with the seq range). Read again every few seconds while one is
 * queued or running.
 */
import { Badge, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { translateMessage } from "../../i18n/messages";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { PurgeRun } from "./retention.types";

const STATUS_COLORS: Record<PurgeRun["status"], string> = {
  queued: "gray",
  running: "blue",
  completed: "teal",
  interrupted: "orange",
  failed: "red",
};

const unfinished = (runs: PurgeRun[] | undefined) => (runs ?? []).some((run) => run.status === "queued" || run.status === "running");

export function PurgeRuns() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const runs = useQuery({
    ...trpc.retention.purges.queryOptions({ limit: 50 }),
    refetchInterval: (query) => (unfinished(query.state.data) ? 5000 : false),
  });
  return (
    <SectionCard title={t("retention.runs.title")} description={t("retention.runs.description")}>
      <QueryContent query={runs} loaderPadding="md">
        {(rows) => (
          <DataTable
            minWidth={900}
            label={t("retention.runs.title")}
            rows={rows}
            rowKey={(run) => run.id}
            empty={t("retention.runs.empty")}
            columns={[
              { key: "when", header: t("retention.runs.when"), nowrap: true, cell: (run) => format.dateTime(run.requestedAt) },
              { key: "tenant", header: t("retention.runs.tenant"), cell: (run) => run.tenant?.name ?? "", rowHeader: true },
              {
                key: "trigger",
                header: t("retention.runs.trigger"),
                cell: (run) =>
                  run.trigger === "schedule"
                    ? t("retention.runs.schedule", { run: run.jobRunId ?? "" })
                    : t("retention.runs.manual", { who: run.requestedByLabel }),
              },
              { key: "cutoff", header: t("retention.runs.cutoff"), nowrap: true, cell: (run) => format.dateTime(run.cutoff) },
              {
                key: "status",
                header: t("retention.runs.status"),
                cell: (run) => (
                  <>
                    <Badge color={STATUS_COLORS[run.status]} variant="light">
                      {t(`retention.runs.statuses.${run.status}`)}
                    </Badge>
                    {run.error && (
                      <Text size="xs" c="red">
                        {translateMessage(run.error)}
                      </Text>
                    )}
                  </>
                ),
              },
              {
                key: "removed",
                header: t("retention.runs.removed"),
                numeric: true,
                cell: (run) =>
                  run.expectedRecords === null
                    ? format.number(run.purgedRecords)
                    : t("retention.runs.removedOf", {
                        removed: format.number(run.purgedRecords),
                        expected: format.number(run.expectedRecords),
                      }),
              },
              {
                key: "seqs",
                header: t("retention.runs.seqs"),
                nowrap: true,
                cell: (run) => (run.firstSeq === null ? "–" : `${run.firstSeq}–${run.lastSeq}`),
              },
            ]}
          />
        )}
      </QueryContent>
    </SectionCard>
  );
}
