/** Everything the app needs around it: theme, notifications, query cache and the tRPC client. */
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { AppRouter } from "@pc/server";
import { partialMatchKey, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { accessSignature } from "../lib/session";
import { createApiClient, TRPCProvider } from "../lib/trpc";
import { createQueryClient } from "./queryClient";
import { createConsoleTheme } from "./theme";

const colorSchemeManager = localStorageColorSchemeManager({ key: "pc.color-scheme" });

function createClients() {
  const trpcClient = createApiClient();
  /** The reload of the session under way, shared by every failure that asks for one meanwhile. */
  let accessReload: Promise<boolean> | null = null;
  const queryClient = createQueryClient({
    // The session is gone: forget the signed-in user; the shell then redirects to /login.
    onSessionLost: () => queryClient.setQueryData(api.auth.me.queryKey(), null),
    reloadAccess: () => {
      accessReload ??= reloadSession().finally(() => {
        accessReload = null;
      });
      return accessReload;
    },
    isSignInCall: (key) => key !== undefined && partialMatchKey(key, api.auth.pathKey()),
  });
  const api = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

  /** Reads `auth.me` again; the shell follows the cache (see useForgetOldAccess). */
  async function reloadSession(): Promise<boolean> {
    const before = queryClient.getQueryData(api.auth.me.queryKey());
    try {
      const after = await queryClient.fetchQuery({ ...api.auth.me.queryOptions(), staleTime: 0, meta: { errorHandling: "local" } });
      return accessSignature(before) !== accessSignature(after);
    } catch {
      // Unreachable server and the like: the failure that asked for this is shown as it is.
      return false;
    }
  }

  return { trpcClient, queryClient };
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [{ trpcClient, queryClient }] = useState(createClients);
  const { t } = useTranslation();
  const theme = useMemo(() => createConsoleTheme(t("common.close")), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
