/**
 * /invite/:token: what the invitation is for, then name (and a password for a new account).
 * Accepting signs the person in.
 */
import { Alert, Button, Loader, Stack, Text, Title } from "@mantine/core";
import { ZInvitationToken } from "@pc/shared";
import { IconAlertCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle";
import { describeError } from "../../lib/describeError";
import { errorCode } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { AcceptInvitationForm } from "./AcceptInvitationForm";
import { PublicLayout } from "./PublicLayout";

export function InvitationPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const token = useParams().token ?? "";
  const tokenIsWellFormed = ZInvitationToken.safeParse(token).success;
  const invitation = useQuery({
    ...trpc.auth.invitation.queryOptions({ token }),
    enabled: tokenIsWellFormed,
    retry: false,
    // Read once while the page is open, and forgotten when it closes: once accepted the token is
    // used up, and the same link opened again must ask the server, not show the old answer.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    meta: { errorHandling: "local" },
  });

  usePageTitle(t("invitation.title"));

  let content: React.ReactNode;
  if (!tokenIsWellFormed || invitation.isError) {
    const code = invitation.error ? errorCode(invitation.error) : "NOT_FOUND";
    const unusable = code === "NOT_FOUND" || code === "PRECONDITION_FAILED" || code === "BAD_REQUEST";
    content = (
      <Stack>
        <Title order={1} size="h3">
          {t("invitation.title")}
        </Title>
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title={unusable ? t("invitation.invalidTitle") : undefined}>
          {unusable ? t("invitation.invalid") : describeError(invitation.error)}
        </Alert>
        <Button component={Link} to="/login" variant="default">
          {t("invitation.goToLogin")}
        </Button>
      </Stack>
    );
  } else if (invitation.isPending) {
    content = (
      <Stack align="center" py="lg">
        <Loader aria-label={t("common.loading")} />
      </Stack>
    );
  } else {
    const { email, role, tenantName, invitedByName, accountExists, expiresAt } = invitation.data;
    const roleLabel = t(`roles.${role}`);
    content = (
      <Stack>
        <Title order={1} size="h3">
          {t("invitation.title")}
        </Title>
        <Text size="sm">
          {tenantName ? t("invitation.toTenant", { tenant: tenantName, role: roleLabel }) : t("invitation.toOperator", { role: roleLabel })}
          {invitedByName && ` ${t("invitation.invitedBy", { name: invitedByName })}`}
        </Text>
        <AcceptInvitationForm token={token} email={email} accountExists={accountExists} expiresAt={expiresAt} />
      </Stack>
    );
  }

  return <PublicLayout>{content}</PublicLayout>;
}
