/**
 * Changes the session's active tenant. Everything cached was read in the old tenant's context,
 * so the new `Me` goes into the cache and every query is invalidated.
 */
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "./trpc";

export function useSwitchTenant() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.switchTenant.mutationOptions({
      onSuccess: async (me) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), me);
        await queryClient.invalidateQueries();
        notifications.show({
          color: "teal",
          message: me.activeTenant ? t("shell.switchedTenant", { name: me.activeTenant.name }) : t("shell.switchedToNoTenant"),
        });
      },
    }),
  );
}
