/** Invitations sent and not yet accepted, with revoke. All of them (users page) or one tenant's. */
import { Button, Card, Center, Loader, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryError } from "../../components/QueryError";
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

  const rows = (invitations.data ?? []).filter((invitation) => !tenantId || invitation.tenantId === tenantId);
  const showTenant = tenantId === undefined;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pending-invitations-heading">
      <Title order={2} size="h4" id="pending-invitations-heading" mb="sm">
        {t("invitations.pending")}
      </Title>
      {invitations.isPending ? (
        <Center py="md">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : invitations.isError ? (
        <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("invitations.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("invitations.email")}</Table.Th>
                <Table.Th>{t("invitations.role")}</Table.Th>
                {showTenant && <Table.Th>{t("invitations.tenant")}</Table.Th>}
                <Table.Th>{t("invitations.invitedBy")}</Table.Th>
                <Table.Th>{t("invitations.sent")}</Table.Th>
                <Table.Th>{t("invitations.expires")}</Table.Th>
                {canRevoke && (
                  <Table.Th>
                    <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{isRole(invitation.role) ? <RoleBadge role={invitation.role} /> : invitation.role}</Table.Td>
                  {showTenant && <Table.Td>{invitation.tenantName ?? t("invitations.operatorTeam")}</Table.Td>}
                  <Table.Td>{invitation.invitedBy ?? "–"}</Table.Td>
                  <Table.Td>{format.dateTime(invitation.createdAt)}</Table.Td>
                  <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
                  {canRevoke && (
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(invitation)}
                        aria-label={t("invitations.revokeNamed", { email: invitation.email })}
                      >
                        {t("invitations.revoke")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
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
