/** Anyone who reads the ledger may verify it on demand (ledger.verify); the answer stays until the next run. */
import { Alert, Button } from "@mantine/core";
import { IconAlertTriangle, IconShieldCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SectionCard } from "../../components/SectionCard";
import { describeError } from "../../lib/describeError";
import { useTRPC } from "../../lib/trpc";
import { VerificationResult } from "./VerificationResult";

export function VerifyLedger() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const verify = useMutation(trpc.ledger.verify.mutationOptions({ meta: { errorHandling: "local" } }));

  return (
    <SectionCard
      title={t("ledger.verify.title")}
      description={t("ledger.verify.description")}
      actions={
        <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {t("ledger.verify.run")}
        </Button>
      }
    >
      {verify.isError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" title={t("ledger.verify.failedTitle")}>
          {describeError(verify.error)}
        </Alert>
      )}
      {verify.data && !verify.isPending && <VerificationResult report={verify.data} />}
    </SectionCard>
  );
}
