import { Badge, Group, Menu, Text } from "@mantine/core";
import { IconDevices, IconShieldCog } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { RoleBadge } from "../../components/RoleBadge";
import { RowActionsMenu } from "../../components/RowActionsMenu";
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

  function userActions(user: UserRow) {
    return (
      <RowActionsMenu label={t("users.actionsFor", { name: user.name })}>
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
      </RowActionsMenu>
    );
  }

  return (
    <QueryContent query={query}>
      {() => (
        <DataTable
          minWidth={760}
          rows={rows}
          rowKey={(user) => user.id}
          empty={filtered ? t("users.noMatches") : t("users.empty")}
          columns={[
            {
              key: "name",
              header: t("users.name"),
              cell: (user) => (
                <>
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
                </>
              ),
            },
            {
              key: "operatorRole",
              header: t("users.operatorRole"),
              cell: (user) =>
                user.operatorRole ? (
                  <RoleBadge role={user.operatorRole} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("users.noOperatorRole")}
                  </Text>
                ),
            },
            {
              key: "memberships",
              header: t("users.memberships"),
              cell: (user) => (
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
              ),
            },
            { key: "activeSessions", header: t("users.activeSessions"), numeric: true, cell: (user) => format.number(user.activeSessions) },
            { key: "created", header: t("common.created"), cell: (user) => format.date(user.createdAt) },
          ]}
          actions={hasActions ? userActions : undefined}
        />
      )}
    </QueryContent>
  );
}
