/** /team: the people of the active tenant; partner admins (team.manage) invite, change and remove. */
import { Button, Stack } from "@mantine/core";
import { IconUserPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NoActiveTenant } from "../../components/NoActiveTenant";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan, useMe } from "../../lib/session";
import { NoAccess } from "../errors/NoAccess";
import { InvitationLinkModal } from "../invitations/InvitationLinkModal";
import { PendingInvitations } from "../invitations/PendingInvitations";
import { useInvitationDialogs } from "../invitations/useInvitationDialogs";
import { TeamInviteModal } from "./TeamInviteModal";
import { TeamMembers } from "./TeamMembers";

export function TeamPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = useCan("team.read");
  const canManage = useCan("team.manage");
  const invitation = useInvitationDialogs();
  usePageTitle(t("nav.team"));

  const tenant = me.activeTenant;
  if (!tenant) return <NoActiveTenant title={t("nav.team")} chooseMessage={t("team.noTenantChoose")} />;
  if (!canRead) return <NoAccess />;

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("team.title", { tenant: tenant.name })}
        description={canManage ? t("team.descriptionManage") : t("team.descriptionRead")}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invitation.start}>
              {t("team.invite")}
            </Button>
          )
        }
      />
      <TeamMembers canManage={canManage} />
      {canManage && <PendingInvitations tenantId={tenant.id} canRevoke />}
      {canManage && <TeamInviteModal tenantName={tenant.name} {...invitation.inviteModal} />}
      <InvitationLinkModal {...invitation.linkModal} />
    </Stack>
  );
}
