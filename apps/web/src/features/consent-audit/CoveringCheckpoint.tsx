/** The signed checkpoint covering a record (the latest at or after it), and whether its signature holds; or that none does yet. */
import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";

interface Checkpoint {
  seq: number;
  signedAt: Date;
  keyId: string;
  signatureValid: boolean;
}

export function CoveringCheckpoint({ checkpoint }: { checkpoint: Checkpoint | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!checkpoint) return t("consentAudit.record.noCheckpoint");
  return (
    <Group gap="xs">
      <span>
        {t("consentAudit.record.checkpointAt", {
          seq: format.number(checkpoint.seq),
          date: format.dateTime(checkpoint.signedAt),
          keyId: checkpoint.keyId,
        })}
      </span>
      <Badge color={checkpoint.signatureValid ? "green" : "red"} variant="light">
        {checkpoint.signatureValid ? t("consentAudit.record.checkpointTrusted") : t("consentAudit.record.checkpointUntrusted")}
      </Badge>
    </Group>
  );
}
