import { Badge } from "@mantine/core";
import { isOperatorRole, type Role } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "./badgeStyles";

/** A role by its label; operator roles and partner roles in different colours. */
export function RoleBadge({ role, size = "sm" }: { role: Role; size?: "xs" | "sm" | "md" }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color={isOperatorRole(role) ? "grape" : "blue"} tt="none" styles={NO_TRUNCATE}>
      {t(`roles.${role}`)}
    </Badge>
  );
}
