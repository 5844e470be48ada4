/** The active tenant's members; with team.manage, change a role or remove someone. */
import { Button, Center, Loader, Menu, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { PARTNER_ROLES, type PartnerRole } from "@pc/shared";
import { IconDots, IconUserMinus, IconUserShield } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { RoleBadge } from "../../components/RoleBadge";
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

  if (members.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (members.isError) return <QueryError error={members.error} onRetry={() => void members.refetch()} />;

  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("team.name")}</Table.Th>
              <Table.Th>{t("team.email")}</Table.Th>
              <Table.Th>{t("team.role")}</Table.Th>
              <Table.Th>{t("team.joined")}</Table.Th>
              {canManage && (
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={canManage ? 5 : 4}>
                  <Text c="dimmed" ta="center" py="md">
                    {t("team.empty")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {members.data.map((member) => {
              const otherRole: PartnerRole | undefined = PARTNER_ROLES.find((role) => role !== member.role);
              const isMe = member.userId === me.user.id;
              return (
                <Table.Tr key={member.userId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {member.name}
                      {isMe && (
                        <Text span c="dimmed" size="sm">
                          {" "}
                          ({t("team.you")})
                        </Text>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>{isRole(member.role) ? <RoleBadge role={member.role} /> : member.role}</Table.Td>
                  <Table.Td>{format.date(member.joinedAt)}</Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button
                            size="xs"
                            variant="default"
                            rightSection={<IconDots size={14} />}
                            aria-label={t("team.actionsFor", { name: member.name })}
                            loading={changeRole.isPending && changeRole.variables?.userId === member.userId}
                          >
                            {t("common.actions")}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
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
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
  );
}
