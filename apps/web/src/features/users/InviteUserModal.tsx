/** Invite anyone: operator staff (no tenant) or a partner role on a chosen tenant. */
import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { isPartnerRole, ROLES, type Role, ZInviteUserInput } from "@pc/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { isRole } from "../../lib/roles";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { CreatedInvitation } from "../invitations/InvitationLinkModal";

const FIELDS = ["email", "role", "tenantId"] as const;

interface InviteFormValues {
  email: string;
  role: Role | null;
  tenantId: string | null;
}

function toInput(values: InviteFormValues) {
  const partner = values.role !== null && isPartnerRole(values.role);
  return { email: values.email, role: values.role ?? "", tenantId: partner ? (values.tenantId ?? undefined) : undefined };
}

const validateInvite = zodValidate(ZInviteUserInput);

interface InviteUserModalProps {
  opened: boolean;
  onClose: () => void;
  onInvited: (invitation: CreatedInvitation) => void;
}

export function InviteUserModal({ opened, onClose, onInvited }: InviteUserModalProps) {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: opened });
  const form = useForm<InviteFormValues>({
    initialValues: { email: "", role: null, tenantId: me.activeTenant?.id ?? null },
    validate: (values) => validateInvite(toInput(values)),
  });
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (invitation) => {
        await queryClient.invalidateQueries(trpc.invitations.pathFilter());
        close();
        onInvited(invitation);
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") form.setFieldError("email", describeError(error));
        else form.setErrors(serverFieldErrors(error, FIELDS));
      },
    }),
  );

  function close() {
    form.reset();
    invite.reset();
    onClose();
  }

  const partnerRole = form.values.role !== null && isPartnerRole(form.values.role);

  return (
    <Modal opened={opened} onClose={close} title={t("users.inviteUser")}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const input = toInput(values);
          if (isRole(input.role)) invite.mutate({ ...input, role: input.role });
        })}
      >
        <Stack>
          {errorCode(invite.error) !== "CONFLICT" && <FormError error={invite.error} fields={FIELDS} />}
          <TextInput
            label={t("invitations.email")}
            type="email"
            autoComplete="off"
            withAsterisk
            data-autofocus
            {...form.getInputProps("email")}
          />
          <Select
            label={t("invitations.role")}
            placeholder={t("users.chooseRole")}
            withAsterisk
            allowDeselect={false}
            data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            {...form.getInputProps("role")}
          />
          {partnerRole && (
            <Select
              label={t("invitations.tenant")}
              placeholder={t("users.chooseTenant")}
              withAsterisk
              searchable
              allowDeselect={false}
              nothingFoundMessage={t("shell.noTenantsFound")}
              data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
              disabled={tenants.isPending}
              {...form.getInputProps("tenantId")}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t("invitations.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
