/**
 * A tenant page opened with no active tenant: staff (and people in several tenants) are told to
 * choose one with the tenant switcher; anyone else, that they belong to no tenant.
 */
import { Alert } from "@mantine/core";
import { IconBuildingStore } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { canChooseTenant, useMe } from "../lib/session";
import { PageHeader } from "./PageHeader";

export function NoActiveTenant({ title, chooseMessage }: { title: string; chooseMessage: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={title} />
      {canChooseTenant(me) ? (
        <Alert color="blue" icon={<IconBuildingStore size={18} />} title={t("team.noTenantTitle")}>
          {chooseMessage}
        </Alert>
      ) : (
        <Alert color="gray" icon={<IconBuildingStore size={18} />} title={t("team.noMembershipTitle")}>
          {t("team.noMembership")}
        </Alert>
      )}
    </>
  );
}
