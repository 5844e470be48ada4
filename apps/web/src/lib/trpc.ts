/**
 * The typed tRPC client and its TanStack Query bindings. The server's router is known by type
 * only; nothing from apps/server ends up in the bundle.
 */
import type { AppRouter } from "@pc/server";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Me = NonNullable<RouterOutputs["auth"]["me"]>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        transformer: superjson,
        // The server rejects POSTs without this header (a simple CSRF guard: cross-site forms
        // cannot set custom headers).
        headers: { "x-pc-csrf": "1" },
        fetch: (url, opts) => fetch(url, { ...opts, credentials: "same-origin" }),
      }),
    ],
  });
}
