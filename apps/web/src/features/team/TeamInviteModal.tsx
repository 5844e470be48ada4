/** Invite someone to the active tenant as partner admin or partner viewer. */
import { Radio, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { PARTNER_ROLES, type PartnerRole, ZTeamInviteInput } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import { type InviteDialogProps, InviteModal } from "../invitations/InviteModal";

const FIELDS = ["email", "role"] as const;

interface TeamInviteModalProps extends InviteDialogProps {
  tenantName: string;
}

export function TeamInviteModal({ tenantName, ...dialog }: TeamInviteModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm<{ email: string; role: PartnerRole }>({
    initialValues: { email: "", role: "partner_viewer" },
    validate: zodValidate(ZTeamInviteInput),
  });

  return (
    <InviteModal
      {...dialog}
      title={t("team.inviteTo", { tenant: tenantName })}
      form={form}
      fields={FIELDS}
      invite={trpc.team.invite.mutationOptions}
      toInput={(values) => values}
    >
      <Radio.Group label={t("invitations.role")} withAsterisk {...form.getInputProps("role")}>
        <Stack gap="sm" mt="xs">
          {PARTNER_ROLES.map((role) => (
            <Radio
              key={role}
              value={role}
              label={t(`roles.${role}`)}
              description={role === "partner_admin" ? t("team.adminHint") : t("team.viewerHint")}
            />
          ))}
        </Stack>
      </Radio.Group>
    </InviteModal>
  );
}
