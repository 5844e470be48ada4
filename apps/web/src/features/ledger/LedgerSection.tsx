/** A titled card of the consent page (an h2 under the page's h1), with its own actions on the right. */
import { Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface LedgerSectionProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function LedgerSection({ title, description, actions, children }: LedgerSectionProps) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ flex: 1, minWidth: 240 }}>
            <Title order={2} size="h4">
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed" mt={2} maw={760}>
                {description}
              </Text>
            )}
          </div>
          {actions && <Group gap="sm">{actions}</Group>}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
