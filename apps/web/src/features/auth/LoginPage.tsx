/** Log in with email and password, then continue to `?next=` (or the overview). */
import { Alert, Button, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ZLoginInput } from "@pc/shared";
import { IconAlertCircle } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { FullPageLoader } from "../../app/FullPageLoader";
import { PasswordField } from "../../components/PasswordField";
import { usePageTitle } from "../../components/usePageTitle";
import { tooManyAttemptsMessage } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { formLevelError, serverFieldErrors, zodValidate } from "../../lib/forms";
import { safeNextPath } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { PublicLayout } from "./PublicLayout";

const FIELDS = ["email", "password"] as const;

function loginErrorMessage(error: unknown, wrongCredentials: string): string | undefined {
  const code = errorCode(error);
  if (code === "UNAUTHORIZED") return wrongCredentials;
  if (code === "TOO_MANY_REQUESTS") return tooManyAttemptsMessage(error);
  return formLevelError(error, FIELDS);
}

export function LoginPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const me = useQuery({ ...trpc.auth.me.queryOptions(), meta: { errorHandling: "local" } });

  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: zodValidate(ZLoginInput),
  });

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async () => {
        // Nothing read under another session may survive into this one.
        queryClient.removeQueries();
        await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        await navigate(next, { replace: true });
      },
      onError: (error) => {
        form.setErrors(serverFieldErrors(error, FIELDS));
        form.setFieldValue("password", "");
      },
    }),
  );

  usePageTitle(t("login.title"));

  if (me.isPending) return <FullPageLoader />;
  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const message = login.error ? loginErrorMessage(login.error, t("login.wrongCredentials")) : undefined;

  return (
    <PublicLayout>
      <form noValidate onSubmit={form.onSubmit((values) => login.mutate(values))}>
        <Stack>
          <Title order={1} size="h3">
            {t("login.title")}
          </Title>
          {message && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label={t("login.email")}
            type="email"
            autoComplete="username"
            autoFocus
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("login.password")}
            autoComplete="current-password"
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            {t("login.submit")}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
