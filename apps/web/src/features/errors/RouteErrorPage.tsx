/** A page that failed to load or render (a new deployment replaced its chunk, or a bug). */
import { Alert, Button, Group, Stack } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { NotFoundPage } from "./NotFoundPage";

export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Stack maw={560} p="md">
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t("errors.pageFailedTitle")} role="alert">
        {t("errors.pageFailed")}
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>{t("errors.reload")}</Button>
        <Button variant="default" component={Link} to="/">
          {t("notFound.home")}
        </Button>
      </Group>
    </Stack>
  );
}
