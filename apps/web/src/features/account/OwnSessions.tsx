/** "Your sessions": where you are signed in, with revoke and "Sign out other sessions". */
import { Button, Card, Center, Group, Loader, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { useTRPC } from "../../lib/trpc";
import { SessionsTable } from "../sessions/SessionsTable";

export function OwnSessions() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const [confirmOthers, setConfirmOthers] = useState(false);
  const invalidate = () => queryClient.invalidateQueries(trpc.sessions.pathFilter());

  const revoke = useMutation(
    trpc.sessions.revoke.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("sessions.revoked") });
        await invalidate();
      },
    }),
  );
  const revokeOthers = useMutation(
    trpc.sessions.revokeOthers.mutationOptions({
      onSuccess: async ({ revoked }) => {
        setConfirmOthers(false);
        notifications.show({ color: "teal", message: t("sessions.revokedOthers", { count: revoked }) });
        await invalidate();
      },
    }),
  );
  const others = (sessions.data ?? []).filter((session) => !session.current).length;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="sessions-heading">
          {t("sessions.yourSessions")}
        </Title>
        <Button variant="light" color="red" size="sm" onClick={() => setConfirmOthers(true)} disabled={others === 0}>
          {t("sessions.signOutOthers")}
        </Button>
      </Group>
      {sessions.isPending ? (
        <Center py="md">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <SessionsTable
          sessions={sessions.data}
          markCurrent
          onRevoke={(session) => revoke.mutate({ sessionId: session.id })}
          revokingId={revoke.isPending ? revoke.variables?.sessionId : null}
        />
      )}
      <ConfirmModal
        opened={confirmOthers}
        title={t("sessions.signOutOthers")}
        confirmLabel={t("sessions.signOutOthers")}
        onConfirm={() => revokeOthers.mutate()}
        onClose={() => setConfirmOthers(false)}
        loading={revokeOthers.isPending}
        danger
      >
        {t("sessions.signOutOthersBody", { count: others })}
      </ConfirmModal>
    </Card>
  );
}
