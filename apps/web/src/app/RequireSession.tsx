/**
 * Loads the session; without one, sends the person to /login and remembers where they were. When
 * the session's access changes, the cache read under the old one goes (useForgetOldAccess).
 */
import { Alert, Button, Center, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { describeError } from "../lib/describeError";
import { loginPathFor, MeContext } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { FullPageLoader } from "./FullPageLoader";
import { useForgetOldAccess } from "./useForgetOldAccess";

export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const location = useLocation();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), meta: { errorHandling: "local" } });
  useForgetOldAccess(me.data);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError && me.data === undefined) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={420}>
          <Alert color="red" title={t("errors.title")}>
            {describeError(me.error)}
          </Alert>
          <Button onClick={() => void me.refetch()} loading={me.isFetching}>
            {t("common.retry")}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data) return <Navigate to={loginPathFor(location)} replace />;
  return <MeContext value={me.data}>{children}</MeContext>;
}
