/** /account: your profile, your password and the sessions signed in as you. */
import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { RoleBadge } from "../../components/RoleBadge";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../../lib/session";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { OwnSessions } from "./OwnSessions";

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t("nav.account"));

  return (
    <Stack gap="lg">
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="profile-heading">
          <Title order={2} size="h4" id="profile-heading" mb="md">
            {t("account.profile")}
          </Title>
          <Stack gap="sm">
            <div>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t("account.name")}
              </Text>
              <Text>{me.user.name}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t("account.email")}
              </Text>
              <Text>{me.user.email}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t("account.roles")}
              </Text>
              <Group gap={6} mt={4}>
                {me.roles.length === 0 ? (
                  <Text size="sm">{t("overview.noRoles")}</Text>
                ) : (
                  me.roles.map((role) => <RoleBadge key={role} role={role} />)
                )}
              </Group>
            </div>
          </Stack>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="password-heading">
          <Title order={2} size="h4" id="password-heading" mb="md">
            {t("account.changePassword")}
          </Title>
          <ChangePasswordForm />
        </Card>
      </SimpleGrid>
      <OwnSessions />
    </Stack>
  );
}
