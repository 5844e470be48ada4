/** "Your sessions": where you are signed in, with revoke and "Sign out other sessions". */
import { Card, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../../lib/trpc";
import { SessionsList } from "../sessions/SessionsList";

export function OwnSessions() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const others = (sessions.data ?? []).filter((session) => !session.current).length;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-heading">
      <SessionsList
        heading={
          <Title order={2} size="h4" id="sessions-heading">
            {t("sessions.yourSessions")}
          </Title>
        }
        headingSpacing="sm"
        sessions={sessions}
        markCurrent
        revoke={trpc.sessions.revoke.mutationOptions}
        revokeInput={(session) => ({ sessionId: session.id })}
        bulk={{
          options: trpc.sessions.revokeOthers.mutationOptions,
          input: undefined,
          count: others,
          label: t("sessions.signOutOthers"),
          confirmBody: t("sessions.signOutOthersBody", { count: others }),
          doneMessage: (revoked) => t("sessions.revokedOthers", { count: revoked }),
        }}
        invalidate={() => queryClient.invalidateQueries(trpc.sessions.pathFilter())}
      />
    </Card>
  );
}
