/**
 * The one QueryClient. Failed queries and mutations raise a notification here, unless the
 * caller shows the error itself (`meta: { errorHandling: "local" }`). A query answered with
 * UNAUTHORIZED means the session is gone: `onSessionLost` clears the cached user so the shell
 * sends the person to /login. An answer that may mean the session's access changed under it
 * (removed from the tenant, the tenant suspended, a role taken away) has `reloadAccess` read the
 * session again, so the shell and the page show where the person really stands.
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

/**
 * Codes the server also answers when the session's tenant or role changed since the shell read it:
 * no active tenant any more (PRECONDITION_FAILED), a role without the permission (FORBIDDEN), a
 * tenant out of reach (NOT_FOUND).
 */
const ACCESS_CODES = new Set(["PRECONDITION_FAILED", "FORBIDDEN", "NOT_FOUND"]);

export interface SessionEvents {
  /** The server no longer knows the session. */
  onSessionLost: () => void;
  /**
   * Reads the session again; resolves to whether its access (tenant, memberships, permissions)
   * changed. Never rejects.
   */
  reloadAccess: () => Promise<boolean>;
  /**
   * Whether a query or mutation key belongs to signing in (the session itself, an invitation, a
   * login), whose failures say nothing about a tenant or a role.
   */
  isSignInCall: (key: readonly unknown[] | undefined) => boolean;
}

function notifyError(error: unknown) {
  notifications.show({
    id: `error-${errorCode(error) ?? "unknown"}-${describeError(error)}`,
    color: "red",
    title: describeErrorTitle(error),
    message: describeError(error),
  });
}

function mayMeanAccessChanged(error: unknown): boolean {
  return ACCESS_CODES.has(errorCode(error) ?? "");
}

export function createQueryClient({ onSessionLost, reloadAccess, isSignInCall }: SessionEvents): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthorized(error)) return onSessionLost();
        const checkAccess = mayMeanAccessChanged(error) && !isSignInCall(query.queryKey);
        const notify = query.meta?.errorHandling !== "local" && query.state.data === undefined;
        // A background refetch failing while good data is on screen is not worth a toast (the
        // access check still runs: stale data of a tenant one has left must not stay on screen).
        if (!checkAccess) {
          if (notify) notifyError(error);
          return;
        }
        // If access changed, the shell now shows the session's real state and the page follows
        // it; a toast about the old state would only confuse. Otherwise the error stands.
        void reloadAccess().then((changed) => {
          if (!changed && notify) notifyError(error);
        });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthorized(error)) {
          if (mutation.meta?.errorHandling !== "local") onSessionLost();
          return;
        }
        // The action failed either way, so it is said at once; the shell catches up meanwhile.
        if (mayMeanAccessChanged(error) && !isSignInCall(mutation.options.mutationKey)) void reloadAccess();
        if (mutation.meta?.errorHandling === "local") return;
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
