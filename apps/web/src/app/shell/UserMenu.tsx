/** The signed-in person: who they are, their roles, account settings and logging out. */
import { Avatar, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { RoleBadge } from "../../components/RoleBadge";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return `${first}${last}`.toUpperCase();
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        // Whatever the answer, this browser is done with the session: drop everything cached.
        await navigate("/login", { replace: true });
        queryClient.clear();
      },
      meta: { errorHandling: "local" },
    }),
  );

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.userMenu")} style={{ borderRadius: "var(--mantine-radius-md)" }} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32}>
              {initialsOf(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
              {me.user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div style={{ padding: "var(--mantine-spacing-xs) var(--mantine-spacing-sm)" }}>
          <Text size="sm" fw={600} truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
          <Group gap={4} mt={6}>
            {me.roles.map((role) => (
              <RoleBadge key={role} role={role} />
            ))}
          </Group>
        </div>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          {t("shell.accountAndSessions")}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t("shell.logOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
