/**
 * Operator staff recompute the audit trail's hash chain on demand: the answer says whether any
 * event was edited, removed or cut off, and which one.
 */
import { Alert, Button, Stack } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";

export function VerifyChainButton() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const check = useQuery({ ...trpc.audit.verifyChain.queryOptions(), enabled: false, gcTime: 0, retry: false });
  const report = check.data;

  return (
    <Stack gap="xs" align="flex-end">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={check.isFetching} onClick={() => void check.refetch()}>
        {t("audit.verifyChain")}
      </Button>
      {report && !check.isFetching && (
        <Alert color={report.ok ? "teal" : "red"} role="status" py={6} maw={420}>
          {report.ok ? t("audit.chainIntact", { count: report.checked }) : t("audit.chainBroken", { reason: report.reason })}
        </Alert>
      )}
    </Stack>
  );
}
