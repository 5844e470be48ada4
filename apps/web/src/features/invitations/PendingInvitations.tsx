/** Invitations sent and not yet accepted, with revoke. All of them (users page) or one tenant's. */
import { Button, Card, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { RoleBadge } from "../../components/RoleBadge";
import { useFormat } from "../../lib/format";
import { isRole } from "../../lib/roles";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";

type PendingInvitation = RouterOutputs["invitations"]["list"][number];

interface PendingInvitationsProps {
  /** Only this tenant's invitations; undefined for all. */
  tenantId?: string;
  canRevoke: boolean;
}

export function PendingInvitations({ tenantId, canRevoke }: PendingInvitationsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("invitations.revoked", { email: revoking?.email ?? "" }) });
        setRevoking(null);
        await queryClient.invalidateQueries(trpc.invitations.pathFilter());
      },
    }),
  );

  const showTenant = tenantId === undefined;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pending-invitations-heading">
      <Title order={2} size="h4" id="pending-invitations-heading" mb="sm">
        {t("invitations.pending")}
      </Title>
      <QueryContent query={invitations} loaderPadding="md">
        {(all) => {
          const rows = all.filter((invitation) => !tenantId || invitation.tenantId === tenantId);
          if (rows.length === 0) {
            return (
              <Text c="dimmed" size="sm">
                {t("invitations.none")}
              </Text>
            );
          }
          return (
            <DataTable
              minWidth={640}
              rows={rows}
              rowKey={(invitation) => invitation.id}
              columns={[
                { key: "email", header: t("invitations.email"), cell: (invitation) => invitation.email },
                {
                  key: "role",
                  header: t("invitations.role"),
                  cell: (invitation) => (isRole(invitation.role) ? <RoleBadge role={invitation.role} /> : invitation.role),
                },
                showTenant && {
                  key: "tenant",
                  header: t("invitations.tenant"),
                  cell: (invitation) => invitation.tenantName ?? t("invitations.operatorTeam"),
                },
                { key: "invitedBy", header: t("invitations.invitedBy"), cell: (invitation) => invitation.invitedByName ?? "–" },
                { key: "sent", header: t("invitations.sent"), cell: (invitation) => format.dateTime(invitation.createdAt) },
                { key: "expires", header: t("invitations.expires"), cell: (invitation) => format.dateTime(invitation.expiresAt) },
              ]}
              actions={
                canRevoke
                  ? (invitation) => (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(invitation)}
                        aria-label={t("invitations.revokeNamed", { email: invitation.email })}
                      >
                        {t("invitations.revoke")}
                      </Button>
                    )
                  : undefined
              }
            />
          );
        }}
      </QueryContent>
      <ConfirmModal
        opened={revoking !== null}
        title={t("invitations.revokeTitle")}
        confirmLabel={t("invitations.revoke")}
        onConfirm={() => revoking && revoke.mutate({ invitationId: revoking.id })}
        onClose={() => setRevoking(null)}
        loading={revoke.isPending}
        danger
      >
        {t("invitations.revokeBody", { email: revoking?.email ?? "" })}
      </ConfirmModal>
    </Card>
  );
}
