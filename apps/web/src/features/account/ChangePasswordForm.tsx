/** Change your password; the server signs out your other sessions when it succeeds. */
import { Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { PASSWORD_MIN_LENGTH, ZChangePasswordInput } from "@pc/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError } from "../../components/FormError";
import { PasswordField } from "../../components/PasswordField";
import { errorCode } from "../../lib/errors";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";

const ZChangePasswordForm = ZChangePasswordInput.extend({ confirmPassword: z.string() }).refine(
  (values) => values.newPassword === values.confirmPassword,
  { path: ["confirmPassword"], message: "Passwords do not match" },
);

const FIELDS = ["currentPassword", "newPassword"] as const;

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    validate: zodValidate(ZChangePasswordForm),
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        form.reset();
        notifications.show({ color: "teal", message: t("account.passwordChanged") });
        await queryClient.invalidateQueries(trpc.sessions.pathFilter());
      },
      onError: (error) => {
        // A wrong current password may come back as a field error or as UNAUTHORIZED/FORBIDDEN.
        const code = errorCode(error);
        if (code === "UNAUTHORIZED" || code === "FORBIDDEN") {
          form.setFieldError("currentPassword", t("account.wrongCurrentPassword"));
        } else {
          form.setErrors(serverFieldErrors(error, FIELDS));
        }
      },
    }),
  );
  const code = change.error ? errorCode(change.error) : undefined;

  return (
    <form noValidate onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))}>
      <Stack gap="sm">
        {code !== "UNAUTHORIZED" && code !== "FORBIDDEN" && <FormError error={change.error} fields={FIELDS} />}
        <PasswordField
          label={t("account.currentPassword")}
          autoComplete="current-password"
          key={form.key("currentPassword")}
          {...form.getInputProps("currentPassword")}
        />
        <PasswordField
          label={t("account.newPassword")}
          description={t("account.passwordHint", { count: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          key={form.key("newPassword")}
          {...form.getInputProps("newPassword")}
        />
        <PasswordField
          label={t("account.confirmPassword")}
          autoComplete="new-password"
          key={form.key("confirmPassword")}
          {...form.getInputProps("confirmPassword")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending}>
            {t("account.changePasswordSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
