/** Name, and for a new account a password typed twice; then accept and go to the overview. */
import { Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { PASSWORD_MIN_LENGTH, ZDisplayName, ZNewPassword } from "@pc/shared";
import { partialMatchKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { z } from "zod";
import { FormError } from "../../components/FormError";
import { PasswordField } from "../../components/PasswordField";
import { type DateLike, useFormat } from "../../lib/format";
import { serverFieldErrors, zodValidate } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";

const ZNewAccount = z
  .object({ name: ZDisplayName, password: ZNewPassword, confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match",
  });
const ZExistingAccount = z.object({ name: ZDisplayName });

const FIELDS = ["name", "password"] as const;

interface AcceptInvitationFormProps {
  token: string;
  email: string;
  accountExists: boolean;
  expiresAt: DateLike;
}

export function AcceptInvitationForm({ token, email, accountExists, expiresAt }: AcceptInvitationFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "", password: "", confirmPassword: "" },
    validate: zodValidate(accountExists ? ZExistingAccount : ZNewAccount),
  });
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        // Nothing read under another session may survive into this one. The invitation itself
        // stays while this page shows it: its token is used up now, so fetching it again would
        // only answer "not found" (the page forgets it once it closes; see InvitationPage).
        const invitation = trpc.auth.invitation.queryKey({ token });
        queryClient.removeQueries({ predicate: (query) => !partialMatchKey(query.queryKey, invitation) });
        await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        await navigate("/", { replace: true });
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(({ name, password }) => accept.mutate(accountExists ? { token, name } : { token, name, password }))}
    >
      <Stack>
        {/* The account's name for password managers, saved with the new password below. */}
        <TextInput label={t("invitation.email")} value={email} readOnly variant="filled" type="email" autoComplete="username" />
        <Text size="xs" c="dimmed">
          {accountExists ? t("invitation.accountExists") : t("invitation.newAccount")}{" "}
          {t("invitation.expires", { date: format.dateTime(expiresAt) })}
        </Text>
        <FormError error={accept.error} fields={FIELDS} />
        <TextInput label={t("invitation.name")} autoComplete="name" withAsterisk key={form.key("name")} {...form.getInputProps("name")} />
        {!accountExists && (
          <>
            <PasswordField
              label={t("invitation.password")}
              description={t("account.passwordHint", { count: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              withAsterisk
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
            <PasswordField
              label={t("invitation.confirmPassword")}
              autoComplete="new-password"
              withAsterisk
              key={form.key("confirmPassword")}
              {...form.getInputProps("confirmPassword")}
            />
          </>
        )}
        <Button type="submit" loading={accept.isPending}>
          {t("invitation.accept")}
        </Button>
      </Stack>
    </form>
  );
}
