/** Whether Stripe lets an account take payments, or pay out: said in words, with an icon. */
import { Badge } from "@mantine/core";
import { IconCircleCheck, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

export function CapabilityBadge({ enabled, what }: { enabled: boolean; what: "charges" | "payouts" }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={enabled ? "teal" : "red"}
      variant="light"
      styles={NO_TRUNCATE}
      leftSection={enabled ? <IconCircleCheck size={12} aria-hidden /> : <IconCircleX size={12} aria-hidden />}
    >
      {t(`payouts.capability.${what}.${enabled ? "on" : "off"}`)}
    </Badge>
  );
}
