/**
 * One mail: who it went (or goes) to, how delivery went, its plain text and its HTML in a preview.
 * The HTML is shown in an iframe with sandbox="" (no scripts, no forms, no same-origin access, no
 * navigation of this page) from srcdoc, so even a mail's markup cannot act in the console. Operator
 * admins may send a failed mail again.
 */
import { Button, Code, Drawer, Group, ScrollArea, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { EmailStatus } from "@pc/shared";
import { IconSend } from "@tabler/icons-react";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Fact } from "../../components/Fact";
import { QueryContent } from "../../components/QueryContent";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { EmailStatusBadge } from "./EmailStatusBadge";

type EmailDetail = RouterOutputs["emailOutbox"]["detail"];

export function EmailDetailDrawer({ emailId, onClose }: { emailId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const detail = useQuery(trpc.emailOutbox.detail.queryOptions(emailId ? { emailId } : skipToken));
  return (
    <Drawer opened={emailId !== null} onClose={onClose} position="right" size="xl" title={t("emailOutbox.detail.title")}>
      {emailId && (
        <QueryContent query={detail} loaderPadding="md">
          {(email) => <EmailDetailView email={email} />}
        </QueryContent>
      )}
    </Drawer>
  );
}

function EmailDetailView({ email }: { email: EmailDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canRetry = useCan("email.retry");
  const none = t("emailOutbox.detail.none");
  const retry = useMutation(
    trpc.emailOutbox.retry.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("emailOutbox.detail.retried") });
        await queryClient.invalidateQueries(trpc.emailOutbox.pathFilter());
      },
    }),
  );
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {email.subject}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Fact label={t("emailOutbox.columns.status")}>
          <EmailStatusBadge status={email.status as EmailStatus} />
        </Fact>
        <Fact label={t("emailOutbox.detail.to")}>{email.toEmail}</Fact>
        <Fact label={t("emailOutbox.detail.from")}>{email.fromName ?? none}</Fact>
        <Fact label={t("emailOutbox.detail.replyTo")}>{email.replyTo ?? none}</Fact>
        <Fact label={t("emailOutbox.columns.kind")}>
          {t(`emailOutbox.kinds.${email.kind as "invitation"}`, { defaultValue: email.kind })}
        </Fact>
        <Fact label={t("emailOutbox.detail.audience")}>
          {email.tenantName
            ? `${t(`emailOutbox.audiences.${email.audience}`)} · ${email.tenantName}`
            : t(`emailOutbox.audiences.${email.audience}`)}
        </Fact>
        <Fact label={t("emailOutbox.detail.created")}>{format.preciseDateTime(email.createdAt)}</Fact>
        <Fact label={t("emailOutbox.detail.sent")}>{email.sentAt ? format.preciseDateTime(email.sentAt) : none}</Fact>
        <Fact label={t("emailOutbox.detail.attempts")}>{email.attempts}</Fact>
        <Fact label={t("emailOutbox.detail.nextAttempt")}>
          {email.status === "pending" ? format.preciseDateTime(email.nextAttemptAt) : none}
        </Fact>
        <Fact label={t("emailOutbox.detail.lastError")}>{email.lastError ?? none}</Fact>
        <Fact label={t("emailOutbox.detail.messageId")}>
          <Text span ff="monospace" size="sm" style={{ wordBreak: "break-all" }}>
            {email.messageId ?? none}
          </Text>
        </Fact>
      </SimpleGrid>
      {canRetry && email.status === "failed" && (
        <Group>
          <Button leftSection={<IconSend size={16} />} onClick={() => retry.mutate({ emailId: email.id })} loading={retry.isPending}>
            {t("emailOutbox.detail.retry")}
          </Button>
        </Group>
      )}
      <div>
        <Text size="sm" fw={600} mb={4} id="email-html">
          {t("emailOutbox.detail.html")}
        </Text>
        {email.bodyHtml ? (
          <iframe
            sandbox=""
            srcDoc={email.bodyHtml}
            title={t("emailOutbox.detail.htmlFrame")}
            aria-labelledby="email-html"
            referrerPolicy="no-referrer"
            style={{ width: "100%", height: 520, border: "1px solid var(--mantine-color-default-border)", borderRadius: 4 }}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("emailOutbox.detail.noHtml")}
          </Text>
        )}
      </div>
      <div>
        <Text size="sm" fw={600} mb={4} id="email-text">
          {t("emailOutbox.detail.text")}
        </Text>
        <ScrollArea.Autosize mah={360} type="auto">
          <Code block aria-labelledby="email-text" tabIndex={0} style={{ whiteSpace: "pre-wrap" }}>
            {email.bodyText}
          </Code>
        </ScrollArea.Autosize>
      </div>
    </Stack>
  );
}
