/**
 * Compliance and operator admins verify every tenant's ledger at once (ledger.verifyAll): a line
 * saying whether all verify, and a row per tenant (named by the report) with how far it verifies and
 * where it breaks.
 */
import { Alert, Badge, Button, Stack, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconShieldCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import { describeError } from "../../lib/describeError";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import type { LedgerVerificationReport } from "./ledger.types";
import { knownGoodThrough } from "./ledgerReport";
import { useDuration } from "./useDuration";

export function VerifyAllLedgers() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const verifyAll = useMutation(trpc.ledger.verifyAll.mutationOptions({ meta: { errorHandling: "local" } }));

  return (
    <SectionCard
      title={t("ledger.verifyAll.title")}
      description={t("ledger.verifyAll.description")}
      actions={
        <Button leftSection={<IconShieldCheck size={16} />} loading={verifyAll.isPending} onClick={() => verifyAll.mutate()}>
          {t("ledger.verifyAll.run")}
        </Button>
      }
    >
      {verifyAll.isError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" title={t("ledger.verify.failedTitle")}>
          {describeError(verifyAll.error)}
        </Alert>
      )}
      {verifyAll.data && !verifyAll.isPending && <VerifyAllReport reports={verifyAll.data} />}
    </SectionCard>
  );
}

export function VerifyAllReport({ reports }: { reports: LedgerVerificationReport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const broken = reports.filter((report) => !report.ok).length;
  const totalMs = reports.reduce((sum, report) => sum + report.ms, 0);
  const summary =
    broken === 0
      ? t("ledger.verifyAll.allOk", { count: reports.length, formatted: format.number(reports.length) })
      : t("ledger.verifyAll.someBroken", { count: broken, formatted: format.number(broken), total: format.number(reports.length) });

  return (
    <Stack gap="sm">
      <Alert
        color={broken === 0 ? "teal" : "red"}
        variant="light"
        icon={broken === 0 ? <IconShieldCheck size={18} /> : <IconAlertTriangle size={18} />}
        role={broken === 0 ? "status" : "alert"}
      >
        {summary} {t("ledger.verifyAll.took", { duration: duration(totalMs) })}
      </Alert>
      <DataTable
        minWidth={880}
        rows={reports}
        rowKey={(report) => report.tenantId}
        columns={[
          {
            key: "tenant",
            header: t("ledger.verifyAll.tenant"),
            cell: (report) => (
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {report.name || report.slug}
                </Text>
                {report.name && (
                  <Text size="xs" c="dimmed">
                    {report.slug}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: "status",
            header: t("ledger.verifyAll.status"),
            cell: (report) => (
              <Badge color={report.ok ? "teal" : "red"} variant="light" tt="none" styles={NO_TRUNCATE}>
                {report.ok ? t("ledger.verifyAll.ok") : t("ledger.verifyAll.broken")}
              </Badge>
            ),
          },
          {
            // How far the chain is known good: the head when it verifies, else the record before the break.
            key: "verifiedThrough",
            header: t("ledger.verifyAll.verifiedThrough"),
            cell: (report) => {
              const through = knownGoodThrough(report);
              return through > 0 ? t("ledger.summary.seq", { seq: format.number(through) }) : t("ledger.verifyAll.none");
            },
          },
          {
            key: "checkpoint",
            header: t("ledger.verifyAll.lastCheckpoint"),
            cell: (report) =>
              report.lastCheckpoint ? (
                <Tooltip label={format.preciseDateTime(report.lastCheckpoint.signedAt)} withinPortal>
                  <Text size="sm" tabIndex={0} style={{ whiteSpace: "nowrap" }}>
                    {t("ledger.summary.seq", { seq: format.number(report.lastCheckpoint.seq) })} ·{" "}
                    {format.fromNow(report.lastCheckpoint.signedAt)}
                  </Text>
                </Tooltip>
              ) : (
                t("ledger.verifyAll.none")
              ),
          },
          {
            key: "problem",
            header: t("ledger.verifyAll.problem"),
            cell: (report) =>
              report.problem ? (
                <Tooltip
                  label={t(`ledger.verify.descriptions.${report.problem.reason}`, { defaultValue: report.problem.description })}
                  withinPortal
                  multiline
                  maw={320}
                >
                  <Text size="sm" c="red" tabIndex={0}>
                    {t("ledger.verifyAll.problemAt", {
                      seq: format.number(report.problem.seq),
                      reason: t(`ledger.verify.reasons.${report.problem.reason}`, { defaultValue: report.problem.reason }),
                    })}
                  </Text>
                </Tooltip>
              ) : (
                t("ledger.verifyAll.none")
              ),
          },
          { key: "ms", header: t("ledger.verifyAll.duration"), numeric: true, cell: (report) => duration(report.ms) },
        ]}
      />
    </Stack>
  );
}
