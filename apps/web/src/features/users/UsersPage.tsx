/** /users (operator staff): every account, invitations, sessions and operator roles. */
import { Button, Stack, TextInput } from "@mantine/core";
import { IconSearch, IconUserPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { usePageTitle } from "../../components/usePageTitle";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { InvitationLinkModal } from "../invitations/InvitationLinkModal";
import { PendingInvitations } from "../invitations/PendingInvitations";
import { useInvitationDialogs } from "../invitations/useInvitationDialogs";
import { InviteUserModal } from "./InviteUserModal";
import { OperatorRoleModal } from "./OperatorRoleModal";
import { UserSessionsDrawer } from "./UserSessionsDrawer";
import { type UserRow, UsersTable } from "./UsersTable";

export function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const canRead = useCan("users.read");
  const canManage = useCan("users.manage");
  const canManageSessions = useCan("sessions.manage_any");
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: canRead });
  const [searchParams, setSearchParams] = useSearchParams();
  const invitation = useInvitationDialogs();
  const [sessionsOf, setSessionsOf] = useState<UserRow | null>(null);
  const [roleOf, setRoleOf] = useState<UserRow | null>(null);
  usePageTitle(t("nav.users"));

  if (!canRead) return <NoAccess />;

  const q = searchParams.get("q") ?? "";
  const needle = q.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (user) =>
      !needle ||
      user.name.toLowerCase().includes(needle) ||
      user.email.toLowerCase().includes(needle) ||
      user.memberships.some((membership) => membership.tenantName.toLowerCase().includes(needle)),
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t("nav.users")}
        description={t("users.description")}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invitation.start}>
              {t("users.inviteUser")}
            </Button>
          )
        }
      />
      <TextInput
        label={t("users.search")}
        placeholder={t("users.searchPlaceholder")}
        leftSection={<IconSearch size={16} />}
        type="search"
        value={q}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setSearchParams(value ? { q: value } : {}, { replace: true });
        }}
        w={{ base: "100%", xs: 360 }}
      />
      <UsersTable
        query={users}
        rows={rows}
        filtered={Boolean(needle)}
        canManage={canManage}
        canManageSessions={canManageSessions}
        onShowSessions={setSessionsOf}
        onChangeRole={setRoleOf}
      />
      <PendingInvitations canRevoke={canManage} />

      {canManage && <InviteUserModal {...invitation.inviteModal} />}
      <InvitationLinkModal {...invitation.linkModal} />
      {canManageSessions && <UserSessionsDrawer user={sessionsOf} onClose={() => setSessionsOf(null)} />}
      {canManage && <OperatorRoleModal user={roleOf} onClose={() => setRoleOf(null)} />}
    </Stack>
  );
}
