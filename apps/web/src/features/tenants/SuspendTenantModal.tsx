/** Suspending a tenant needs a reason; its members lose access until it is reactivated. */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZSuspendTenantInput } from "@pc/shared";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import { useInvalidateTenants } from "./useTenantMutations";

const FIELDS = ["reason"] as const;
const ZReasonOnly = ZSuspendTenantInput.pick({ reason: true });

interface SuspendTenantModalProps {
  tenant: { id: string; name: string } | null;
  onClose: () => void;
}

export function SuspendTenantModal({ tenant, onClose }: SuspendTenantModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateTenants = useInvalidateTenants();
  const form = useForm({ initialValues: { reason: "" }, validate: zodValidate(ZReasonOnly) });
  const suspend = useMutation(
    trpc.tenants.suspend.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (result) => {
        notifications.show({ color: "orange", message: t("tenants.suspended", { name: result.name }) });
        await invalidateTenants();
        close();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  function close() {
    form.reset();
    suspend.reset();
    onClose();
  }

  return (
    <Modal opened={tenant !== null} onClose={close} title={t("tenants.suspendTitle", { name: tenant?.name ?? "" })}>
      <form
        noValidate
        onSubmit={form.onSubmit(({ reason }) => {
          if (tenant) suspend.mutate({ id: tenant.id, reason });
        })}
      >
        <Stack>
          <Alert color="orange" variant="light">
            <Text size="sm">{t("tenants.suspendWarning")}</Text>
          </Alert>
          <FormError error={suspend.error} fields={FIELDS} />
          <Textarea
            label={t("tenants.suspendReason")}
            description={t("tenants.suspendReasonHint")}
            withAsterisk
            autosize
            minRows={3}
            maxLength={500}
            data-autofocus
            {...form.getInputProps("reason")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={suspend.isPending}>
              {t("tenants.suspend")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
