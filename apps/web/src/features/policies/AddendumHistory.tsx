/** A tenant's published addendum versions, newest first: where each stands, who approved it, and its text. */
import { Accordion, Badge, Group, Stack, Text, Title } from "@mantine/core";
import type { PolicyVariableValues } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { translateMessage } from "../../i18n/messages";
import { PolicyHtml, previewHtml } from "./PolicyHtml";
import type { AddendumState } from "./policies.types";
import { usePolicyDates } from "./usePolicyDates";

export function AddendumHistory({ state, values }: { state: AddendumState; values: PolicyVariableValues }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  if (state.history.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="addendum-history">
      <Title order={2} size="h4" id="addendum-history">
        {t("policies.addendum.historyTitle")}
      </Title>
      <Accordion variant="separated" multiple>
        {state.history.map((entry) => (
          <Accordion.Item key={entry.id} value={entry.id}>
            <Accordion.Control>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{t("policies.addendum.versionN", { version: entry.version })}</Text>
                {entry.state && (
                  <Badge
                    size="sm"
                    variant="light"
                    color={entry.state === "in_force" ? "teal" : entry.state === "scheduled" ? "blue" : "gray"}
                    tt="none"
                  >
                    {t(`policies.status.${entry.state}`)}
                  </Badge>
                )}
                {entry.effectiveFrom && (
                  <Text size="sm" c="dimmed">
                    {t("policies.addendum.effective", { date: dates.effective(entry.effectiveFrom) })}
                  </Text>
                )}
                {entry.approvedBy && (
                  <Text size="sm" c="dimmed">
                    · {t("policies.addendum.approvedBy", { name: entry.approvedBy.name })}
                  </Text>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {entry.changeSummary && (
                  <Text size="sm" fs="italic">
                    “{translateMessage(entry.changeSummary)}”
                  </Text>
                )}
                {entry.markdown.trim() ? (
                  <PolicyHtml html={previewHtml(entry.markdown, values, "values")} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("policies.addendum.emptyVersion")}
                  </Text>
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
