import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "./badgeStyles";

export function TenantStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const suspended = status === "suspended";
  return (
    <Badge color={suspended ? "red" : "teal"} variant="light" tt="none" styles={NO_TRUNCATE}>
      {suspended ? t("tenants.status.suspended") : t("tenants.status.active")}
    </Badge>
  );
}
