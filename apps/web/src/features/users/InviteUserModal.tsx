/** Invite anyone: operator staff (no tenant) or a partner role on a chosen tenant. */
import { Select } from "@mantine/core";
import { useForm } from "@mantine/form";
import { isPartnerRole, ROLES, type Role, ZInviteUserInput } from "@pc/shared";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { zodValidate } from "../../lib/forms";
import { isRole } from "../../lib/roles";
import { useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { type InviteDialogProps, InviteModal } from "../invitations/InviteModal";

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

export function InviteUserModal(dialog: InviteDialogProps) {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const tenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: dialog.opened });
  const form = useForm<InviteFormValues>({
    initialValues: { email: "", role: null, tenantId: me.activeTenant?.id ?? null },
    validate: (values) => validateInvite(toInput(values)),
  });
  const partnerRole = form.values.role !== null && isPartnerRole(form.values.role);

  return (
    <InviteModal
      {...dialog}
      title={t("users.inviteUser")}
      form={form}
      fields={FIELDS}
      invite={trpc.users.invite.mutationOptions}
      toInput={(values) => {
        const input = toInput(values);
        return isRole(input.role) ? { ...input, role: input.role } : undefined;
      }}
    >
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
    </InviteModal>
  );
}
