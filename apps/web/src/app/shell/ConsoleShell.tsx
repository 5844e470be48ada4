/** The signed-in layout: header (tenant, preferences, user), the main navigation and the page. */
import { AppShell, Burger, Group, Progress, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useNavigation } from "react-router";
import { ColorSchemeMenu } from "./ColorSchemeMenu";
import { LanguageMenu } from "./LanguageMenu";
import { MainNav } from "./MainNav";
import { TenantSwitcher } from "./TenantSwitcher";
import { UserMenu } from "./UserMenu";

export function ConsoleShell() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const navigation = useNavigation();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        {navigation.state === "loading" && (
          <Progress value={100} animated size="xs" radius={0} pos="absolute" top={0} left={0} right={0} aria-label={t("common.loading")} />
        )}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t("shell.closeNavigation") : t("shell.openNavigation")}
              aria-expanded={navOpened}
            />
            <UnstyledButton component={Link} to="/" visibleFrom="xs" aria-label={t("shell.home")}>
              <Text fw={700} size="lg" style={{ whiteSpace: "nowrap" }}>
                {t("app.name")}
              </Text>
            </UnstyledButton>
            <TenantSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageMenu />
            <ColorSchemeMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("shell.mainNavigation")}>
        {/* On small screens the navbar is an overlay: following a link closes it. */}
        <MainNav onNavigate={closeNav} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
