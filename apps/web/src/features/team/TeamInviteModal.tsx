/** Invite someone to the active tenant as partner admin or partner viewer. */
import { Button, Group, Modal, Radio, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { PARTNER_ROLES, type PartnerRole, ZTeamInviteInput } from "@pc/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";
import type { CreatedInvitation } from "../invitations/InvitationLinkModal";

const FIELDS = ["email", "role"] as const;

interface TeamInviteModalProps {
  tenantName: string;
  opened: boolean;
  onClose: () => void;
  onInvited: (invitation: CreatedInvitation) => void;
}

export function TeamInviteModal({ tenantName, opened, onClose, onInvited }: TeamInviteModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<{ email: string; role: PartnerRole }>({
    initialValues: { email: "", role: "partner_viewer" },
    validate: zodValidate(ZTeamInviteInput),
  });
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
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

  return (
    <Modal opened={opened} onClose={close} title={t("team.inviteTo", { tenant: tenantName })}>
      <form noValidate onSubmit={form.onSubmit((values) => invite.mutate(values))}>
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
