/** Badges of a policy version: where it stands, and whether it asks users to consent again. */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import type { PolicyVersionStatus } from "./policies.types";

const STATUS_COLORS: Record<PolicyVersionStatus | "withdrawn", string> = {
  in_force: "teal",
  scheduled: "blue",
  superseded: "gray",
  retired: "dark",
  withdrawn: "gray",
};

export function VersionStatusBadge({ status, withdrawn }: { status: PolicyVersionStatus; withdrawn?: boolean }) {
  const { t } = useTranslation();
  const shown = withdrawn ? "withdrawn" : status;
  return (
    <Badge
      size="sm"
      variant={shown === "retired" || shown === "withdrawn" ? "outline" : "light"}
      color={STATUS_COLORS[shown]}
      tt="none"
      styles={NO_TRUNCATE}
    >
      {t(`policies.status.${shown}`)}
    </Badge>
  );
}

export function MaterialBadge({ material }: { material: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={material ? "orange" : "gray"} tt="none" styles={NO_TRUNCATE}>
      {material ? t("policies.material.badge") : t("policies.material.editorialBadge")}
    </Badge>
  );
}

export type OpenStatus = "draft" | "pending_approval" | "approved";

export function OpenStatusBadge({ status }: { status: OpenStatus }) {
  const { t } = useTranslation();
  const color = status === "draft" ? "yellow" : status === "pending_approval" ? "violet" : "teal";
  return (
    <Badge size="sm" variant="light" color={color} tt="none" styles={NO_TRUNCATE}>
      {t(`policies.openStatus.${status}`)}
    </Badge>
  );
}
