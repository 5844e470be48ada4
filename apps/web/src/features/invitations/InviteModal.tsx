/**
 * The dialog every invitation is sent from: an email address, the role fields of the page that
 * invites, and the server's answer. An address that cannot be invited again is named at the email
 * field, anything else above the form; a sent invitation goes to `onInvited` (which shows its link
 * once) and the dialog closes. The page gives the form, its role fields and the procedure.
 */
import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors } from "../../lib/forms";
import type { MutationOptionsOf } from "../../lib/mutationOptions";
import { useTRPC } from "../../lib/trpc";
import type { CreatedInvitation } from "./InvitationLinkModal";

/** What a page hands its invite dialog (see useInvitationDialogs). */
export interface InviteDialogProps {
  opened: boolean;
  onClose: () => void;
  onInvited: (invitation: CreatedInvitation) => void;
}

interface InviteModalProps<Values extends { email: string }, Input, Output extends CreatedInvitation, ProcedureError>
  extends InviteDialogProps {
  title: string;
  form: UseFormReturnType<Values>;
  /** The form's fields, to which the server's field errors are put back. */
  fields: readonly string[];
  /** The invite procedure's `mutationOptions`. */
  invite: MutationOptionsOf<Input, Output, ProcedureError>;
  /** The procedure's input from the form's values; nothing is sent while it is undefined. */
  toInput: (values: Values) => Input | undefined;
  /** The fields after the email address: what the invitation makes them. */
  children: ReactNode;
}

export function InviteModal<Values extends { email: string }, Input, Output extends CreatedInvitation, ProcedureError>(
  props: InviteModalProps<Values, Input, Output, ProcedureError>,
) {
  const { title, opened, onClose, onInvited, form, fields, toInput, children } = props;
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invite = useMutation(
    props.invite({
      meta: { errorHandling: "local" },
      onSuccess: async (invitation) => {
        await queryClient.invalidateQueries(trpc.invitations.pathFilter());
        close();
        onInvited(invitation);
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") form.setFieldError("email", describeError(error));
        else form.setErrors(serverFieldErrors(error, fields));
      },
    }),
  );

  function close() {
    form.reset();
    invite.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const input = toInput(values);
          if (input !== undefined) invite.mutate(input);
        })}
      >
        <Stack>
          {errorCode(invite.error) !== "CONFLICT" && <FormError error={invite.error} fields={fields} />}
          <TextInput
            label={t("invitations.email")}
            type="email"
            autoComplete="off"
            withAsterisk
            data-autofocus
            {...form.getInputProps("email")}
          />
          {children}
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
