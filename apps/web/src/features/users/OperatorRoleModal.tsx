/** Give an account an operator role, change it, or take it away. */
import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { OPERATOR_ROLES, type OperatorRole } from "@pc/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { useTRPC } from "../../lib/trpc";
import type { UserRow } from "./UsersTable";

const NONE = "none";

export function OperatorRoleModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<string>(NONE);
  useEffect(() => setRole(user?.operatorRole ?? NONE), [user]);
  const setOperatorRole = useMutation(
    trpc.users.setOperatorRole.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("users.operatorRoleChanged", { name: user?.name ?? "" }) });
        await Promise.all([
          queryClient.invalidateQueries(trpc.users.pathFilter()),
          queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
        ]);
        close();
      },
    }),
  );

  function close() {
    setOperatorRole.reset();
    onClose();
  }

  const selected = OPERATOR_ROLES.find((candidate) => candidate === role) ?? null;
  const unchanged = (user?.operatorRole ?? null) === selected;

  return (
    <Modal opened={user !== null} onClose={close} title={t("users.changeOperatorRoleFor", { name: user?.name ?? "" })}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t("users.operatorRoleHint")}
        </Text>
        <FormError error={setOperatorRole.error} fields={[]} />
        <Select
          label={t("users.operatorRole")}
          allowDeselect={false}
          value={role}
          onChange={(value) => setRole(value ?? NONE)}
          data={[
            { value: NONE, label: t("users.noOperatorRole") },
            ...OPERATOR_ROLES.map((operatorRole: OperatorRole) => ({ value: operatorRole, label: t(`roles.${operatorRole}`) })),
          ]}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button
            onClick={() => user && setOperatorRole.mutate({ userId: user.id, role: selected })}
            loading={setOperatorRole.isPending}
            disabled={unchanged}
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
