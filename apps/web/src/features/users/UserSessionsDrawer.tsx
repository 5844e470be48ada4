/** Someone else's active sessions (sessions.manage_any): revoke one, or all of them. */
import { Button, Center, Drawer, Group, Loader, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { SessionsTable } from "../sessions/SessionsTable";
import type { UserRow } from "./UsersTable";

export function UserSessionsDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const [confirmAll, setConfirmAll] = useState(false);
  const userId = user?.id ?? "";
  const sessions = useQuery({ ...trpc.users.sessions.queryOptions({ userId }), enabled: user !== null });
  const invalidate = () =>
    Promise.all([queryClient.invalidateQueries(trpc.users.pathFilter()), queryClient.invalidateQueries(trpc.sessions.pathFilter())]);

  const revoke = useMutation(
    trpc.users.revokeSession.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("sessions.revoked") });
        await invalidate();
      },
    }),
  );
  const revokeAll = useMutation(
    trpc.users.revokeAllSessions.mutationOptions({
      onSuccess: async ({ revoked }) => {
        setConfirmAll(false);
        notifications.show({ color: "teal", message: t("sessions.revokedAll", { count: revoked }) });
        await invalidate();
      },
    }),
  );
  const count = sessions.data?.length ?? 0;

  return (
    <Drawer opened={user !== null} onClose={onClose} position="right" size="xl" title={t("users.sessionsOf", { name: user?.name ?? "" })}>
      <Stack>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {user?.email}
          </Text>
          <Button color="red" variant="light" size="sm" disabled={count === 0} onClick={() => setConfirmAll(true)}>
            {t("sessions.revokeAll")}
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
            markCurrent={user?.id === me.user.id}
            onRevoke={(session) => revoke.mutate({ userId, sessionId: session.id })}
            revokingId={revoke.isPending ? revoke.variables?.sessionId : null}
          />
        )}
      </Stack>
      <ConfirmModal
        opened={confirmAll}
        title={t("sessions.revokeAll")}
        confirmLabel={t("sessions.revokeAll")}
        onConfirm={() => revokeAll.mutate({ userId })}
        onClose={() => setConfirmAll(false)}
        loading={revokeAll.isPending}
        danger
      >
        {t("sessions.revokeAllBody", { name: user?.name ?? "", count })}
      </ConfirmModal>
    </Drawer>
  );
}
