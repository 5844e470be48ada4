import { Badge } from "@mantine/core";
import type { EmailStatus } from "@pc/shared";
import { useTranslation } from "react-i18next";

const COLORS: Record<EmailStatus, string> = { pending: "blue", sending: "blue", sent: "green", failed: "red", cancelled: "gray" };

/** A mail's delivery status, in words (the colour only repeats it). */
export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`emailOutbox.statuses.${status}`)}
    </Badge>
  );
}
