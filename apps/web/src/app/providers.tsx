/** Everything the app needs around it: theme, notifications, query cache and the tRPC client. */
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { AppRouter } from "@pc/server";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { createApiClient, TRPCProvider } from "../lib/trpc";
import { createQueryClient } from "./queryClient";
import { createConsoleTheme } from "./theme";

const colorSchemeManager = localStorageColorSchemeManager({ key: "pc.color-scheme" });

function createClients() {
  const trpcClient = createApiClient();
  const queryClient = createQueryClient(() => {
    // The session is gone: forget the signed-in user; the shell then redirects to /login.
    queryClient.setQueryData(api.auth.me.queryKey(), null);
  });
  const api = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
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
