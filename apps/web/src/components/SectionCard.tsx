/**
 * A titled section of a page as a card (an h2 under the page's h1, unless told otherwise), with a
 * description under the title and its own actions on the right; named by its title for assistive
 * technology. The consent, payouts and earnings pages are made of these.
 */
import { Card, Group, Stack, Text, Title, type TitleOrder } from "@mantine/core";
import type { ReactNode } from "react";

interface SectionCardProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** 2 by default; 3 for a section inside another. */
  order?: TitleOrder;
  children: ReactNode;
}

export function SectionCard({ title, description, actions, order = 2, children }: SectionCardProps) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ flex: 1, minWidth: 240 }}>
            <Title order={order} size="h4">
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
