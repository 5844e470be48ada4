/**
 * /email-outbox: the mail the console queued, newest first, with its delivery status; filters by
 * status and kind; pages on with the server's cursor ("Load more"); a mail opens in a drawer with
 * its text and an HTML preview. Operator admins see every mail, partner admins their tenant's.
 * Says whether SMTP delivery is configured (never how).
 */

import { Alert, Anchor, Group, Select, Stack, Table, Text } from "@mantine/core";
import { EMAIL_KINDS, EMAIL_STATUSES, type EmailKind, type EmailStatus } from "@pc/shared";
import { IconMailCheck, IconMailOff } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadMoreFooter } from "../../components/LoadMoreFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryContent } from "../../components/QueryContent";
import { usePageTitle } from "../../components/usePageTitle";
import { useFormat } from "../../lib/format";
import { isOperatorStaff, useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { NoAccess } from "../errors/NoAccess";
import { EmailDetailDrawer } from "./EmailDetailDrawer";
import { EmailStatusBadge } from "./EmailStatusBadge";

const PAGE_SIZE = 50;

function DeliveryNotice() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const delivery = useQuery(trpc.emailOutbox.delivery.queryOptions());
  if (!delivery.data) return null;
  return delivery.data.smtpConfigured ? (
    <Alert color="teal" icon={<IconMailCheck size={18} />}>
      {t("emailOutbox.delivery.on")}
    </Alert>
  ) : (
    <Alert color="yellow" icon={<IconMailOff size={18} />}>
      {t("emailOutbox.delivery.off")}
    </Alert>
  );
}

export function EmailOutboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("email.read");
  const format = useFormat();
  const [status, setStatus] = useState<EmailStatus | null>(null);
  const [kind, setKind] = useState<EmailKind | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInfiniteQuery({
    ...trpc.emailOutbox.list.infiniteQueryOptions(
      { status: status ?? undefined, kind: kind ?? undefined, limit: PAGE_SIZE },
      { getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined },
    ),
    enabled: canRead,
  });
  usePageTitle(t("emailOutbox.title"));
  if (!canRead) return <NoAccess />;
  const staff = isOperatorStaff(me);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <PageHeader title={t("emailOutbox.title")} description={t(staff ? "emailOutbox.description" : "emailOutbox.descriptionPartner")} />
      <DeliveryNotice />
      <Group align="end">
        <Select
          label={t("emailOutbox.filters.status")}
          placeholder={t("emailOutbox.filters.any")}
          clearable
          value={status}
          onChange={(value) => setStatus(value as EmailStatus | null)}
          data={EMAIL_STATUSES.map((value) => ({ value, label: t(`emailOutbox.statuses.${value}`) }))}
        />
        <Select
          label={t("emailOutbox.filters.kind")}
          placeholder={t("emailOutbox.filters.any")}
          clearable
          value={kind}
          onChange={(value) => setKind(value as EmailKind | null)}
          data={EMAIL_KINDS.map((value) => ({ value, label: t(`emailOutbox.kinds.${value}`) }))}
        />
      </Group>
      <QueryContent query={list}>
        {() =>
          items.length === 0 ? (
            <Text c="dimmed">{t("emailOutbox.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped aria-label={t("emailOutbox.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("emailOutbox.columns.created")}</Table.Th>
                    <Table.Th scope="col">{t("emailOutbox.columns.subject")}</Table.Th>
                    <Table.Th scope="col">{t("emailOutbox.columns.to")}</Table.Th>
                    <Table.Th scope="col">{t("emailOutbox.columns.kind")}</Table.Th>
                    {staff && <Table.Th scope="col">{t("emailOutbox.columns.tenant")}</Table.Th>}
                    <Table.Th scope="col">{t("emailOutbox.columns.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{format.dateTime(item.createdAt)}</Table.Td>
                      <Table.Th scope="row" fw="normal">
                        <Anchor component="button" type="button" ta="left" onClick={() => setOpenId(item.id)}>
                          {item.subject}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{item.toEmail}</Table.Td>
                      <Table.Td>{t(`emailOutbox.kinds.${item.kind as EmailKind}`, { defaultValue: item.kind })}</Table.Td>
                      {staff && (
                        <Table.Td>
                          {item.tenantName ?? "–"}
                          {item.audience === "operator" && (
                            <Text span size="xs" c="dimmed">{` · ${t("emailOutbox.audiences.operator")}`}</Text>
                          )}
                        </Table.Td>
                      )}
                      <Table.Td miw={120}>
                        <Stack gap={2} align="flex-start">
                          <EmailStatusBadge status={item.status as EmailStatus} />
                          {item.attempts > 0 && item.status !== "sent" && (
                            <Text size="xs" c="dimmed">
                              {t("emailOutbox.attempts", { count: item.attempts })}
                              {item.status === "pending" &&
                                `, ${t("emailOutbox.nextAttempt", { when: format.dateTime(item.nextAttemptAt) })}`}
                            </Text>
                          )}
                          {item.lastError && item.status !== "sent" && (
                            <Text size="xs" c="red.8" style={{ wordBreak: "break-word" }}>
                              {item.lastError}
                            </Text>
                          )}
                        </Stack>
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
        loadMoreLabel={t("emailOutbox.loadMore")}
        endLabel={t("emailOutbox.end", { count: items.length })}
      />
      <EmailDetailDrawer emailId={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
