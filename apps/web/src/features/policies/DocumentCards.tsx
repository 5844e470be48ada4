/** Staff: one card per policy document: the version in force, those scheduled, and the open draft. */
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PolicyDocument } from "./policies.types";
import { documentHref } from "./policyLinks";
import { usePolicyDates } from "./usePolicyDates";
import { MaterialBadge, OpenStatusBadge, VersionStatusBadge } from "./VersionBadges";

export function DocumentCards({ documents, canEdit }: { documents: readonly PolicyDocument[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {documents.map((document) => {
        const titleId = `document-${document.kind}`;
        return (
          <Card key={document.kind} withBorder padding="lg" component="section" aria-labelledby={titleId}>
            <Stack gap="sm" h="100%">
              <Title order={2} size="h4" id={titleId}>
                {t(`policies.kinds.${document.kind}`)}
              </Title>
              {document.inForce ? (
                <Group gap="xs" wrap="wrap">
                  <VersionStatusBadge status="in_force" />
                  <Text size="sm" fw={600}>
                    {t("policies.documents.version", { version: document.inForce.version })}
                  </Text>
                  <MaterialBadge material={document.inForce.material} />
                  <Text size="sm" c="dimmed">
                    {t("policies.documents.since", { date: dates.effective(document.inForce.effectiveFrom) })}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("policies.documents.nothingInForce")}
                </Text>
              )}
              {document.scheduled.map((version) => (
                <Group key={version.id} gap="xs" wrap="wrap">
                  <VersionStatusBadge status="scheduled" />
                  <Text size="sm" fw={600}>
                    {t("policies.documents.version", { version: version.version })}
                  </Text>
                  <MaterialBadge material={version.material} />
                  <Text size="sm" c="dimmed">
                    {t("policies.documents.from", { date: dates.effective(version.effectiveFrom) })}
                  </Text>
                </Group>
              ))}
              {document.open && (
                <Group gap="xs" wrap="wrap">
                  <OpenStatusBadge status={document.open.status} />
                  <Text size="sm">{t("policies.documents.openAs", { version: document.open.nextVersion })}</Text>
                  <MaterialBadge material={document.open.material} />
                  {document.open.lastEditor && (
                    <Text size="sm" c="dimmed">
                      {t("policies.documents.lastEdited", {
                        name: document.open.lastEditor.name,
                        date: dates.date(document.open.updatedAt),
                      })}
                    </Text>
                  )}
                </Group>
              )}
              <Group gap="xs" mt="auto" pt="xs">
                <Button
                  component={Link}
                  to={documentHref(document.kind)}
                  variant="light"
                  rightSection={<IconArrowRight size={16} />}
                  aria-label={t("policies.documents.openNamed", { document: t(`policies.kinds.${document.kind}`) })}
                >
                  {t("policies.documents.versions")}
                </Button>
                {canEdit && (
                  <Button
                    component={Link}
                    to={documentHref(document.kind, "draft")}
                    variant="default"
                    leftSection={<IconPencil size={16} />}
                    aria-label={t("policies.documents.editNamed", { document: t(`policies.kinds.${document.kind}`) })}
                  >
                    {document.open ? t("policies.documents.continueDraft") : t("policies.documents.newDraft")}
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
