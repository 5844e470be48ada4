/** The audit trail's rows: when, where, who (staff marked), what and on what; a row opens to its diff. */
import { ActionIcon, Anchor, Badge, Code, Group, SimpleGrid, Stack, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import type { RouterOutputs } from "../../lib/trpc";
import { AuditDiff } from "./AuditDiff";

type AuditItem = RouterOutputs["audit"]["list"]["items"][number];

function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return "–";
  return JSON.stringify(value, null, 2);
}

function shortId(id: string | null): string {
  if (!id) return "";
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function ActorCell({ item, onFilterActor }: { item: AuditItem; onFilterActor: (actor: string) => void }) {
  const { t } = useTranslation();
  if (!item.actorLabel) {
    return (
      <Text c="dimmed" size="sm">
        {t("audit.system")}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => onFilterActor(item.actorUserId ?? item.actorLabel ?? "")}
        aria-label={t("audit.trail.filterByActor", { actor: item.actorLabel })}
      >
        {item.actorLabel}
      </Anchor>
      {item.actorKind === "staff" && (
        <Tooltip label={t("audit.trail.staffHint")} withinPortal>
          <Badge size="sm" variant="light" color="grape">
            {t("audit.trail.staff")}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

export function AuditTable({
  items,
  filtered,
  onFilterActor,
}: {
  items: AuditItem[];
  filtered: boolean;
  onFilterActor: (actor: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [expanded, setExpanded] = useState<Set<AuditItem["id"]>>(new Set());

  function toggle(id: AuditItem["id"]) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <VisuallyHidden>{t("audit.details")}</VisuallyHidden>
            </Table.Th>
            <Table.Th>{t("audit.time")}</Table.Th>
            <Table.Th>{t("audit.tenant")}</Table.Th>
            <Table.Th>{t("audit.actor")}</Table.Th>
            <Table.Th>{t("audit.action")}</Table.Th>
            <Table.Th>{t("audit.target")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="md">
                  {filtered ? t("audit.trail.noMatches") : t("audit.empty")}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((item) => {
            const open = expanded.has(item.id);
            const detailsId = `audit-details-${item.id}`;
            return (
              <Fragment key={item.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => toggle(item.id)}
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={open ? t("audit.hideDetails") : t("audit.showDetails")}
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{format.preciseDateTime(item.createdAt)}</Table.Td>
                  <Table.Td>
                    {item.tenantName ?? (
                      <Text c="dimmed" size="sm">
                        {t("audit.noTenant")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ActorCell item={item} onFilterActor={onFilterActor} />
                  </Table.Td>
                  <Table.Td>
                    <Code>{item.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {item.targetType ? (
                      <Tooltip label={item.targetId ?? ""} disabled={!item.targetId} withinPortal>
                        <Text size="sm" span>
                          {item.targetType}{" "}
                          <Text span c="dimmed" size="sm" ff="monospace">
                            {shortId(item.targetId)}
                          </Text>
                        </Text>
                      </Tooltip>
                    ) : (
                      "–"
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={6} p={0}>
                      <Stack gap="sm" p="md">
                        <Group gap="lg">
                          <Text size="xs" c="dimmed">
                            {t("audit.requestId")}: <Code>{item.requestId ?? "–"}</Code>
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t("audit.ip")}: <Code>{item.ip ?? "–"}</Code>
                          </Text>
                          {item.targetId && (
                            <Text size="xs" c="dimmed">
                              {t("audit.targetId")}: <Code>{item.targetId}</Code>
                            </Text>
                          )}
                        </Group>
                        <AuditDiff changes={item.changes} />
                        {(item.before !== null || item.after !== null) && (
                          <details>
                            <summary>
                              <Text span size="sm">
                                {t("audit.trail.raw")}
                              </Text>
                            </summary>
                            <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
                              <div>
                                <Text size="sm" fw={600} mb={4}>
                                  {t("audit.before")}
                                </Text>
                                <Code block>{prettyJson(item.before)}</Code>
                              </div>
                              <div>
                                <Text size="sm" fw={600} mb={4}>
                                  {t("audit.after")}
                                </Text>
                                <Code block>{prettyJson(item.after)}</Code>
                              </div>
                            </SimpleGrid>
                          </details>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
