/** The record page's headline: whether the record's place in the chain verifies (green) or not (red). */
import { Badge } from "@mantine/core";
import { IconCircleCheck, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** `verifiesLabel` says what was checked (the record's hash and link, or only its links). */
export function ChainVerifiesBadge({ verifies, verifiesLabel }: { verifies: boolean; verifiesLabel: string }) {
  const { t } = useTranslation();
  return verifies ? (
    <Badge color="green" size="lg" leftSection={<IconCircleCheck size={16} />}>
      {verifiesLabel}
    </Badge>
  ) : (
    <Badge color="red" size="lg" leftSection={<IconCircleX size={16} />}>
      {t("consentAudit.record.doesNotVerify")}
    </Badge>
  );
}
