/** The frame of the pages one sees without a session: login and accepting an invitation. */
import { Box, Center, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ColorSchemeMenu } from "../../app/shell/ColorSchemeMenu";
import { LanguageMenu } from "../../app/shell/LanguageMenu";

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="flex-end" p="md" gap="xs">
        <LanguageMenu />
        <ColorSchemeMenu />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Text ta="center" fw={700} size="xl">
            {t("app.name")}
          </Text>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <main>{children}</main>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
