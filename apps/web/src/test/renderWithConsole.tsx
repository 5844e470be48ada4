/**
 * Renders a page as the signed-in shell would: Mantine (test environment: no transitions, no
 * portals), a QueryClient, the typed tRPC client and a session of the given role. The tRPC client
 * is answered in memory by `api`, one function per procedure path ("ledger.overview"); a call
 * without one fails the test. Each call is kept in `calls`, so a test can assert what was sent.
 */
import { MantineProvider } from "@mantine/core";
import type { AppRouter } from "@pc/server";
import { ROLE_PERMISSIONS, type Role } from "@pc/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { createConsoleTheme } from "../app/theme";
import { MeContext } from "../lib/session";
import { type Me, type RouterInputs, type RouterOutputs, TRPCProvider } from "../lib/trpc";

type Routers = keyof RouterOutputs & keyof RouterInputs;
/** Every procedure by its path, with its input and output. */
type Procedures = {
  [R in Routers]: {
    [P in keyof RouterOutputs[R] & keyof RouterInputs[R] & string]: {
      path: `${R}.${P}`;
      input: RouterInputs[R][P];
      output: RouterOutputs[R][P];
    };
  }[keyof RouterOutputs[R] & keyof RouterInputs[R] & string];
}[Routers];

export type ApiMocks = { [E in Procedures as E["path"]]?: (input: E["input"]) => E["output"] | Promise<E["output"]> };

export interface ApiCall {
  path: string;
  input: unknown;
}

function inMemoryLink(api: ApiMocks, calls: ApiCall[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = (api as Record<string, ((input: unknown) => unknown) | undefined>)[op.path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`The test gave no answer for ${op.path}`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: "data", data } });
              observer.complete();
            },
            (error: unknown) => observer.error(TRPCClientError.from(error instanceof Error ? error : new Error(String(error)))),
          );
      });
}

const TENANT = { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", slug: "northwave", name: "Northwave", status: "active" };

/** A session of one role: partners in Northwave, staff across tenants (with Northwave active unless `tenant: null`). */
export function sessionOf(role: Role, { tenant = TENANT }: { tenant?: typeof TENANT | null } = {}): Me {
  const partner = role === "partner_admin" || role === "partner_viewer";
  return {
    user: { id: "a71ea09b-3543-48f4-936f-12af0f715ba4", email: `${role}@example.test`, name: "Test Person" },
    operatorRole: partner ? null : role,
    memberships: partner
      ? [{ tenantId: TENANT.id, tenantSlug: TENANT.slug, tenantName: TENANT.name, tenantStatus: TENANT.status, role }]
      : [],
    activeTenant: tenant,
    roles: [role],
    permissions: [...ROLE_PERMISSIONS[role]],
    sessionId: "2acad632-1d7c-4842-a579-fb00f78335e4",
  } as Me;
}

export function renderWithConsole(ui: ReactNode, { me, api, path = "/" }: { me: Me; api: ApiMocks; path?: string }) {
  const calls: ApiCall[] = [];
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [inMemoryLink(api, calls)] });
  const view = render(
    <MantineProvider theme={createConsoleTheme("Close")} env="test">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <MemoryRouter initialEntries={[path]}>
            <MeContext value={me}>{ui}</MeContext>
          </MemoryRouter>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, calls, queryClient };
}
