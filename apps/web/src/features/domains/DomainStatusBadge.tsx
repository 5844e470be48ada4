/** A domain's status at a glance: pending yellow, verified green, failed red. */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

export type DomainStatus = "pending" | "verified" | "failed";

const COLORS: Record<DomainStatus, string> = { pending: "yellow", verified: "green", failed: "red" };

export function DomainStatusBadge({ status }: { status: DomainStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none" styles={NO_TRUNCATE}>
      {t(`domains.status.${status}`)}
    </Badge>
  );
}
