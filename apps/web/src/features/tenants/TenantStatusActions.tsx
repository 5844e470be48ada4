/** Suspend or reactivate one tenant (tenants.manage), with the modals that ask first. */
import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useTRPC } from "../../lib/trpc";
import { SuspendTenantModal } from "./SuspendTenantModal";
import { useInvalidateTenants } from "./useTenantMutations";

interface TenantStatusActionsProps {
  tenant: { id: string; name: string; status: string };
  size?: "xs" | "sm";
}

export function TenantStatusActions({ tenant, size = "xs" }: TenantStatusActionsProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateTenants = useInvalidateTenants();
  const [suspending, setSuspending] = useState(false);
  const [reactivating, setReactivating] = useState(false);
  const reactivate = useMutation(
    trpc.tenants.reactivate.mutationOptions({
      onSuccess: async (result) => {
        notifications.show({ color: "teal", message: t("tenants.reactivated", { name: result.name }) });
        await invalidateTenants();
        setReactivating(false);
      },
    }),
  );

  const suspended = tenant.status === "suspended";
  return (
    <>
      {suspended ? (
        <Button
          size={size}
          variant="light"
          color="teal"
          onClick={() => setReactivating(true)}
          aria-label={t("tenants.reactivateNamed", { name: tenant.name })}
        >
          {t("tenants.reactivate")}
        </Button>
      ) : (
        <Button
          size={size}
          variant="light"
          color="red"
          onClick={() => setSuspending(true)}
          aria-label={t("tenants.suspendNamed", { name: tenant.name })}
        >
          {t("tenants.suspend")}
        </Button>
      )}
      <SuspendTenantModal tenant={suspending ? tenant : null} onClose={() => setSuspending(false)} />
      <ConfirmModal
        opened={reactivating}
        title={t("tenants.reactivateTitle", { name: tenant.name })}
        confirmLabel={t("tenants.reactivate")}
        onConfirm={() => reactivate.mutate({ id: tenant.id })}
        onClose={() => setReactivating(false)}
        loading={reactivate.isPending}
      >
        {t("tenants.reactivateBody")}
      </ConfirmModal>
    </>
  );
}
