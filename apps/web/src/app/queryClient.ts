/**
 * The one QueryClient. Failed queries and mutations raise a notification here, unless the
 * caller shows the error itself (`meta: { errorHandling: "local" }`). A query answered with
 * UNAUTHORIZED means the session is gone: `onSessionLost` clears the cached user so the shell
 * sends the person to /login.
 */
import { notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { describeError, describeErrorTitle } from "../lib/describeError";
import { errorCode, isUnauthorized } from "../lib/errors";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { errorHandling?: "global" | "local" };
    mutationMeta: { errorHandling?: "global" | "local" };
  }
}

/** Codes that another try will not change. */
const FINAL_CODES = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "TOO_MANY_REQUESTS",
]);

function notifyError(error: unknown) {
  notifications.show({
    id: `error-${errorCode(error) ?? "unknown"}-${describeError(error)}`,
    color: "red",
    title: describeErrorTitle(error),
    message: describeError(error),
  });
}

export function createQueryClient(onSessionLost: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthorized(error)) return onSessionLost();
        if (query.meta?.errorHandling === "local") return;
        // A background refetch failing while good data is on screen is not worth a toast.
        if (query.state.data !== undefined) return;
        notifyError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.errorHandling === "local") return;
        if (isUnauthorized(error)) return onSessionLost();
        notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) => !FINAL_CODES.has(errorCode(error) ?? "") && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
