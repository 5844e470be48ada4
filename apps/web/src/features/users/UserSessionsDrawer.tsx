/** Someone else's active sessions (sessions.manage_any): revoke one, or all of them. */
import { Drawer, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { SessionsList } from "../sessions/SessionsList";
import type { UserRow } from "./UsersTable";

export function UserSessionsDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const userId = user?.id ?? "";
  const sessions = useQuery({ ...trpc.users.sessions.queryOptions({ userId }), enabled: user !== null });
  const count = sessions.data?.length ?? 0;

  return (
    <Drawer opened={user !== null} onClose={onClose} position="right" size="xl" title={t("users.sessionsOf", { name: user?.name ?? "" })}>
      <Stack>
        <SessionsList
          heading={
            <Text size="sm" c="dimmed">
              {user?.email}
            </Text>
          }
          sessions={sessions}
          markCurrent={user?.id === me.user.id}
          revoke={trpc.users.revokeSession.mutationOptions}
          revokeInput={(session) => ({ userId, sessionId: session.id })}
          bulk={{
            options: trpc.users.revokeAllSessions.mutationOptions,
            input: { userId },
            count,
            label: t("sessions.revokeAll"),
            confirmBody: t("sessions.revokeAllBody", { name: user?.name ?? "", count }),
            doneMessage: (revoked) => t("sessions.revokedAll", { count: revoked }),
          }}
          invalidate={() =>
            Promise.all([queryClient.invalidateQueries(trpc.users.pathFilter()), queryClient.invalidateQueries(trpc.sessions.pathFilter())])
          }
        />
      </Stack>
    </Drawer>
  );
}
