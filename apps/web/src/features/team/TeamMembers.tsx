/** The active tenant's members; with team.manage, change a role or remove someone. */
import { Menu, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { PARTNER_ROLES, type PartnerRole } from "@pc/shared";
import { IconUserMinus, IconUserShield } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { RoleBadge } from "../../components/RoleBadge";
import { RowActionsMenu } from "../../components/RowActionsMenu";
import { useFormat } from "../../lib/format";
import { isRole } from "../../lib/roles";
import { useMe } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";

type Member = RouterOutputs["team"]["list"][number];

export function TeamMembers({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.team.list.queryOptions());
  const [removing, setRemoving] = useState<Member | null>(null);
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.team.pathFilter()),
      queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
      queryClient.invalidateQueries(trpc.tenants.pathFilter()),
    ]);

  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: async (_result, { role }) => {
        notifications.show({ color: "teal", message: t("team.roleChanged", { role: t(`roles.${role}`) }) });
        await invalidate();
      },
    }),
  );
  const remove = useMutation(
    trpc.team.remove.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("team.removed", { name: removing?.name ?? "" }) });
        setRemoving(null);
        await invalidate();
      },
    }),
  );

  function memberActions(member: Member) {
    const otherRole: PartnerRole | undefined = PARTNER_ROLES.find((role) => role !== member.role);
    return (
      <RowActionsMenu
        label={t("team.actionsFor", { name: member.name })}
        loading={changeRole.isPending && changeRole.variables?.userId === member.userId}
      >
        {otherRole && (
          <Menu.Item
            leftSection={<IconUserShield size={16} />}
            onClick={() => changeRole.mutate({ userId: member.userId, role: otherRole })}
          >
            {t("team.makeRole", { role: t(`roles.${otherRole}`) })}
          </Menu.Item>
        )}
        <Menu.Item color="red" leftSection={<IconUserMinus size={16} />} onClick={() => setRemoving(member)}>
          {t("team.remove")}
        </Menu.Item>
      </RowActionsMenu>
    );
  }

  return (
    <QueryContent query={members}>
      {(rows) => (
        <>
          <DataTable
            minWidth={600}
            rows={rows}
            rowKey={(member) => member.userId}
            empty={t("team.empty")}
            columns={[
              {
                key: "name",
                header: t("team.name"),
                cell: (member) => (
                  <Text size="sm" fw={500}>
                    {member.name}
                    {member.userId === me.user.id && (
                      <Text span c="dimmed" size="sm">
                        {" "}
                        ({t("team.you")})
                      </Text>
                    )}
                  </Text>
                ),
              },
              { key: "email", header: t("team.email"), cell: (member) => member.email },
              {
                key: "role",
                header: t("team.role"),
                cell: (member) => (isRole(member.role) ? <RoleBadge role={member.role} /> : member.role),
              },
              { key: "joined", header: t("team.joined"), cell: (member) => format.date(member.joinedAt) },
            ]}
            actions={canManage ? memberActions : undefined}
          />
          <ConfirmModal
            opened={removing !== null}
            title={t("team.removeTitle", { name: removing?.name ?? "" })}
            confirmLabel={t("team.remove")}
            onConfirm={() => removing && remove.mutate({ userId: removing.userId })}
            onClose={() => setRemoving(null)}
            loading={remove.isPending}
            danger
          >
            {removing?.userId === me.user.id ? t("team.removeSelfBody") : t("team.removeBody", { name: removing?.name ?? "" })}
          </ConfirmModal>
        </>
      )}
    </QueryContent>
  );
}
