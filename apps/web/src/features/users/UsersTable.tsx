import { Badge, Button, Center, Group, Loader, Menu, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconDevices, IconDots, IconShieldCog } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryError } from "../../components/QueryError";
import { RoleBadge } from "../../components/RoleBadge";
import { useFormat } from "../../lib/format";
import { isRole } from "../../lib/roles";
import type { RouterOutputs } from "../../lib/trpc";

export type UserRow = RouterOutputs["users"]["list"][number];

interface UsersTableProps {
  query: UseQueryResult<UserRow[], unknown>;
  rows: UserRow[];
  filtered: boolean;
  canManage: boolean;
  canManageSessions: boolean;
  onShowSessions: (user: UserRow) => void;
  onChangeRole: (user: UserRow) => void;
}

export function UsersTable(props: UsersTableProps) {
  const { query, rows, filtered, canManage, canManageSessions, onShowSessions, onChangeRole } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const hasActions = canManage || canManageSessions;

  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.name")}</Table.Th>
            <Table.Th>{t("users.operatorRole")}</Table.Th>
            <Table.Th>{t("users.memberships")}</Table.Th>
            <Table.Th ta="right">{t("users.activeSessions")}</Table.Th>
            <Table.Th>{t("common.created")}</Table.Th>
            {hasActions && (
              <Table.Th>
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={hasActions ? 6 : 5}>
                <Text c="dimmed" ta="center" py="md">
                  {filtered ? t("users.noMatches") : t("users.empty")}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {user.email}
                </Text>
                {!user.hasPassword && (
                  <Badge size="xs" color="gray" variant="outline" tt="none" mt={4}>
                    {t("users.noPassword")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {user.operatorRole ? (
                  <RoleBadge role={user.operatorRole} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("users.noOperatorRole")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.memberships.length === 0 && (
                    <Text size="sm" c="dimmed">
                      –
                    </Text>
                  )}
                  {user.memberships.map((membership) => (
                    <Badge
                      key={membership.tenantId}
                      variant="outline"
                      tt="none"
                      color={membership.role === "partner_admin" ? "blue" : "gray"}
                    >
                      {membership.tenantName} · {isRole(membership.role) ? t(`roles.${membership.role}`) : membership.role}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{format.number(user.activeSessions)}</Table.Td>
              <Table.Td>{format.date(user.createdAt)}</Table.Td>
              {hasActions && (
                <Table.Td ta="right">
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button
                        size="xs"
                        variant="default"
                        rightSection={<IconDots size={14} />}
                        aria-label={t("users.actionsFor", { name: user.name })}
                      >
                        {t("common.actions")}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {canManageSessions && (
                        <Menu.Item leftSection={<IconDevices size={16} />} onClick={() => onShowSessions(user)}>
                          {t("users.sessions")}
                        </Menu.Item>
                      )}
                      {canManage && (
                        <Menu.Item leftSection={<IconShieldCog size={16} />} onClick={() => onChangeRole(user)}>
                          {t("users.changeOperatorRole")}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
