/** Where the session is working now, or how to choose a tenant. */
import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RoleBadge } from "../../components/RoleBadge";
import { TenantStatusBadge } from "../../components/TenantStatusBadge";
import { canChooseTenant, useMe } from "../../lib/session";

export function ActiveTenantCard() {
  const { t } = useTranslation();
  const me = useMe();
  const tenant = me.activeTenant;
  const membership = tenant ? me.memberships.find((entry) => entry.tenantId === tenant.id) : undefined;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="active-tenant-heading">
      <Title order={2} size="h4" id="active-tenant-heading" mb="xs">
        {t("overview.activeTenant")}
      </Title>
      {tenant ? (
        <Stack gap="xs">
          <Group gap="sm">
            <Text size="lg" fw={600}>
              {tenant.name}
            </Text>
            <TenantStatusBadge status={tenant.status} />
            {membership && <RoleBadge role={membership.role} />}
          </Group>
          <Text size="sm" c="dimmed">
            {t("tenants.slug")}: {tenant.slug}
          </Text>
          {tenant.status === "suspended" && (
            <Text size="sm" c="red">
              {t("overview.tenantSuspended")}
            </Text>
          )}
          {me.permissions.includes("tenants.read") && (
            <Anchor component={Link} to={`/tenants/${tenant.id}`} size="sm">
              {t("overview.tenantDetails")}
            </Anchor>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {canChooseTenant(me) ? t("overview.noTenantChoose") : t("overview.noMembership")}
        </Text>
      )}
    </Card>
  );
}
