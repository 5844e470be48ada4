/** The start page: who you are, where you are working, and where to go from here. */
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from "@mantine/core";
import type { Permission } from "@pc/shared";
import { IconBuildingStore, IconListSearch, IconUserCircle, IconUsers, IconUsersGroup } from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RoleBadge } from "../../components/RoleBadge";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../../lib/session";
import { ActiveTenantCard } from "./ActiveTenantCard";

type QuickLinkKey = "tenants" | "users" | "team" | "audit" | "account";

interface QuickLink {
  key: QuickLinkKey;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  permission?: Permission;
  needsTenant?: boolean;
}

const QUICK_LINKS: QuickLink[] = [
  { key: "tenants", to: "/tenants", icon: IconBuildingStore, permission: "tenants.read" },
  { key: "users", to: "/users", icon: IconUsers, permission: "users.read" },
  { key: "team", to: "/team", icon: IconUsersGroup, permission: "team.read", needsTenant: true },
  { key: "audit", to: "/audit", icon: IconListSearch, permission: "audit.read" },
  { key: "account", to: "/account", icon: IconUserCircle },
];

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t("nav.overview"));
  const links = QUICK_LINKS.filter(
    (link) => (!link.permission || me.permissions.includes(link.permission)) && (!link.needsTenant || me.activeTenant),
  );
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {t("overview.greeting", { name: firstName })}
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t("overview.yourRoles")}
          </Text>
          {me.roles.length === 0 ? (
            <Text size="sm">{t("overview.noRoles")}</Text>
          ) : (
            me.roles.map((role) => <RoleBadge key={role} role={role} />)
          )}
        </Group>
      </Stack>

      <ActiveTenantCard />

      <section aria-labelledby="quick-links-heading">
        <Title order={2} size="h4" mb="sm" id="quick-links-heading">
          {t("overview.quickLinks")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {links.map((link) => (
            <UnstyledButton key={link.key} component={Link} to={link.to} style={{ display: "block" }}>
              <Card withBorder padding="md" h="100%">
                <Group wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size="lg" aria-hidden>
                    <link.icon size={20} stroke={1.6} />
                  </ThemeIcon>
                  <div>
                    <Text fw={600}>{t(`overview.links.${link.key}.title`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`overview.links.${link.key}.description`)}
                    </Text>
                  </div>
                </Group>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
