import { Button, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Shown in place of a page the session's roles do not open (the server would refuse it too). */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" maw={560} py="md">
      <Group gap="sm">
        <ThemeIcon variant="light" color="gray" size="lg" aria-hidden>
          <IconLock size={20} />
        </ThemeIcon>
        <Title order={1} size="h2">
          {t("errors.noAccessTitle")}
        </Title>
      </Group>
      <Text>{t("errors.noAccess")}</Text>
      <Button component={Link} to="/" variant="default">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
}
