/**
 * /consent/requests: data-subject requests, open ones first by due date, overdue ones marked in
 * colour and in words; filters by status, kind and overdue; pages on with the server's cursor
 * ("Load more"); "File a request" for those who may.
 */

import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text } from "@mantine/core";
import { SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATUSES, type SubjectRequestKind, type SubjectRequestStatus } from "@pc/shared";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMoreFooter } from "../../components/LoadMoreFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { FileSubjectRequestModal } from "./FileSubjectRequestModal";

const PAGE_SIZE = 50;

export function StatusBadge({ status }: { status: SubjectRequestStatus }) {
  const { t } = useTranslation();
  const color = status === "completed" ? "green" : status === "rejected" ? "gray" : "blue";
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`subjectRequests.statuses.${status}`)}
    </Badge>
  );
}

export function DueDate({ dueAt, overdue }: { dueAt: Date; overdue: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!overdue) return <Text size="sm">{format.date(dueAt)}</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden />
      <Text size="sm" c="red.7" fw={600}>
        {`${format.date(dueAt)} · ${t("subjectRequests.overdue")}`}
      </Text>
    </Group>
  );
}

export function SubjectRequestsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("consent.read");
  const canHandle = useCan("consent.requests");
  const [status, setStatus] = useState<SubjectRequestStatus | null>(null);
  const [kind, setKind] = useState<SubjectRequestKind | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [filing, setFiling] = useState(false);
  const format = useFormat();
  const list = useInfiniteQuery({
    ...trpc.subjectRequests.list.infiniteQueryOptions(
      { status: status ?? undefined, kind: kind ?? undefined, overdue: overdue || undefined, limit: PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
    enabled: canRead,
  });
  usePageTitle(t("subjectRequests.title"));
  if (!canRead) return <NoAccess />;
  const staff = isOperatorStaff(me);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t("subjectRequests.title")}
        description={t("subjectRequests.description")}
        actions={canHandle && <Button onClick={() => setFiling(true)}>{t("subjectRequests.file")}</Button>}
      />
      <Group align="end">
        <Select
          label={t("subjectRequests.filters.status")}
          placeholder={t("subjectRequests.filters.any")}
          clearable
          value={status}
          onChange={(value) => setStatus(value as SubjectRequestStatus | null)}
          data={SUBJECT_REQUEST_STATUSES.map((value) => ({ value, label: t(`subjectRequests.statuses.${value}`) }))}
        />
        <Select
          label={t("subjectRequests.filters.kind")}
          placeholder={t("subjectRequests.filters.any")}
          clearable
          value={kind}
          onChange={(value) => setKind(value as SubjectRequestKind | null)}
          data={SUBJECT_REQUEST_KINDS.map((value) => ({ value, label: t(`subjectRequests.kinds.${value}`) }))}
        />
        <Checkbox
          label={t("subjectRequests.filters.overdueOnly")}
          checked={overdue}
          onChange={(event) => setOverdue(event.currentTarget.checked)}
        />
      </Group>
      <QueryContent query={list}>
        {() =>
          items.length === 0 ? (
            <Text c="dimmed">{t("subjectRequests.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped aria-label={t("subjectRequests.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("subjectRequests.columns.received")}</Table.Th>
                    {staff && <Table.Th scope="col">{t("subjectRequests.columns.tenant")}</Table.Th>}
                    <Table.Th scope="col">{t("subjectRequests.columns.kind")}</Table.Th>
                    <Table.Th scope="col">{t("subjectRequests.columns.subject")}</Table.Th>
                    <Table.Th scope="col">{t("subjectRequests.columns.status")}</Table.Th>
                    <Table.Th scope="col">{t("subjectRequests.columns.due")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id} bg={item.overdue ? "var(--mantine-color-red-light)" : undefined}>
                      <Table.Th scope="row" fw="normal">
                        <Anchor component={Link} to={`/consent/requests/${item.id}`}>
                          {format.dateTime(item.receivedAt)}
                        </Anchor>
                      </Table.Th>
                      {staff && <Table.Td>{item.tenant?.name}</Table.Td>}
                      <Table.Td>{t(`subjectRequests.kinds.${item.kind}`)}</Table.Td>
                      <Table.Td>{item.subjectHints.join(", ")}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={item.status} />
                      </Table.Td>
                      <Table.Td>
                        <DueDate dueAt={item.dueAt} overdue={item.overdue} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryContent>
      <LoadMoreFooter
        query={list}
        count={items.length}
        loadMoreLabel={t("subjectRequests.loadMore")}
        endLabel={t("subjectRequests.end", { count: items.length })}
      />
      <FileSubjectRequestModal opened={filing} onClose={() => setFiling(false)} />
    </Stack>
  );
}
