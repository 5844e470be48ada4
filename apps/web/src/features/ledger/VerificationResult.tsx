/**
 * What a ledger verification found, said plainly: green with how far the chain verifies, its last
 * checkpoint and how long it took; red with how far it verifies, the first broken sequence number
 * and why.
 */
import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle, IconShieldCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import type { LedgerVerificationReport } from "./ledger.types";
import { knownGoodThrough } from "./ledgerReport";
import { useDuration } from "./useDuration";

export function VerificationResult({ report }: { report: LedgerVerificationReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const took = t("ledger.verify.took", { duration: duration(report.ms) });

  if (report.problem) {
    const { seq, reason, description } = report.problem;
    const through = knownGoodThrough(report);
    const where = {
      seq: format.number(seq),
      reason: t(`ledger.verify.reasons.${reason}`, { defaultValue: reason }),
      description: t(`ledger.verify.descriptions.${reason}`, { defaultValue: description }),
    };
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        role="alert"
        title={
          through > 0
            ? t("ledger.verify.brokenAfter", { count: through, through: format.number(through), ...where })
            : t("ledger.verify.brokenAtStart", where)
        }
      >
        <Text size="sm">
          {t("ledger.verify.tookSentence", { duration: duration(report.ms) })} {t("ledger.verify.brokenAdvice")}
        </Text>
      </Alert>
    );
  }

  const head = report.head;
  // Records removed by retention are verified by their links (the verifier cannot recompute them).
  const linkOnly =
    report.linkOnly > 0 ? `${t("ledger.verify.linkOnly", { count: report.linkOnly, formatted: format.number(report.linkOnly) })}; ` : "";
  const checkpoint = report.lastCheckpoint
    ? t("ledger.verify.checkpoint", { seq: format.number(report.lastCheckpoint.seq), ago: format.fromNow(report.lastCheckpoint.signedAt) })
    : t("ledger.verify.noCheckpoint");
  return (
    <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} />} role="status" title={t("ledger.verify.okTitle")}>
      <Text size="sm">
        {head
          ? `${t("ledger.verify.ok", { count: report.records, formatted: format.number(report.records), seq: format.number(head.seq) })}; ${linkOnly}${checkpoint}; ${took}.`
          : `${t("ledger.verify.empty")} (${took})`}
      </Text>
    </Alert>
  );
}
