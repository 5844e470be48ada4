/**
 * The route table. Pages load lazily, one chunk per feature; the shell and the session guard
 * load with the entry. Filters and pagination live in each page's search params.
 */
import { createBrowserRouter, RouterProvider } from "react-router";
import { NotFoundPage } from "../features/errors/NotFoundPage";
import { RouteErrorPage } from "../features/errors/RouteErrorPage";
import { FullPageLoader } from "./FullPageLoader";
import { RequireSession } from "./RequireSession";
import { ConsoleShell } from "./shell/ConsoleShell";

const router = createBrowserRouter([
  {
    HydrateFallback: FullPageLoader,
    ErrorBoundary: RouteErrorPage,
    children: [
      {
        path: "/login",
        lazy: async () => ({ Component: (await import("../features/auth/LoginPage")).LoginPage }),
      },
      {
        path: "/invite/:token",
        lazy: async () => ({ Component: (await import("../features/auth/InvitationPage")).InvitationPage }),
      },
      {
        element: (
          <RequireSession>
            <ConsoleShell />
          </RequireSession>
        ),
        children: [
          {
            ErrorBoundary: RouteErrorPage,
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import("../features/overview/OverviewPage")).OverviewPage }),
              },
              {
                path: "tenants",
                lazy: async () => ({ Component: (await import("../features/tenants/TenantsPage")).TenantsPage }),
              },
              {
                path: "tenants/:tenantId",
                lazy: async () => ({
                  Component: (await import("../features/tenants/TenantDetailPage")).TenantDetailPage,
                }),
              },
              {
                path: "users",
                lazy: async () => ({ Component: (await import("../features/users/UsersPage")).UsersPage }),
              },
              {
                path: "team",
                lazy: async () => ({ Component: (await import("../features/team/TeamPage")).TeamPage }),
              },
              {
                path: "prices",
                lazy: async () => ({ Component: (await import("../features/prices/PricesPage")).PricesPage }),
              },
              {
                path: "branding",
                lazy: async () => ({ Component: (await import("../features/branding/BrandingPage")).BrandingPage }),
              },
              {
                path: "domains",
                lazy: async () => ({ Component: (await import("../features/domains/DomainsPage")).DomainsPage }),
              },
              {
                path: "policies",
                lazy: async () => ({ Component: (await import("../features/policies/PoliciesPage")).PoliciesPage }),
              },
              {
                path: "policies/:kind",
                lazy: async () => ({ Component: (await import("../features/policies/PoliciesPage")).PolicyDocumentPage }),
              },
              {
                path: "policies/:kind/compare",
                lazy: async () => ({ Component: (await import("../features/policies/PolicyComparePage")).PolicyComparePage }),
              },
              {
                path: "policies/:kind/:version",
                lazy: async () => ({ Component: (await import("../features/policies/PolicyVersionPage")).PolicyVersionPage }),
              },
              {
                path: "consent",
                lazy: async () => ({ Component: (await import("../features/ledger/ConsentPage")).ConsentPage }),
              },
              {
                path: "consent/records",
                lazy: async () => ({ Component: (await import("../features/consent-audit/ConsentRecordsPage")).ConsentRecordsPage }),
              },
              {
                path: "consent/records/:recordId",
                lazy: async () => ({ Component: (await import("../features/consent-audit/ConsentRecordPage")).ConsentRecordPage }),
              },
              {
                path: "consent/stats",
                lazy: async () => ({ Component: (await import("../features/consent-stats/ConsentStatsPage")).ConsentStatsPage }),
              },
              {
                path: "consent/subjects",
                lazy: async () => ({ Component: (await import("../features/consent-audit/SubjectTimelinePage")).SubjectTimelinePage }),
              },
              {
                path: "consent/retention",
                lazy: async () => ({ Component: (await import("../features/retention/RetentionPage")).RetentionPage }),
              },
              {
                path: "consent/requests",
                lazy: async () => ({ Component: (await import("../features/subject-requests/SubjectRequestsPage")).SubjectRequestsPage }),
              },
              {
                path: "consent/requests/:requestId",
                lazy: async () => ({ Component: (await import("../features/subject-requests/SubjectRequestPage")).SubjectRequestPage }),
              },
              {
                path: "earnings",
                lazy: async () => ({ Component: (await import("../features/earnings/EarningsPage")).EarningsPage }),
              },
              {
                path: "payouts",
                lazy: async () => ({ Component: (await import("../features/payouts/PayoutsPage")).PayoutsPage }),
              },
              {
                path: "payouts/:payoutId",
                lazy: async () => ({ Component: (await import("../features/payouts/PayoutDetailPage")).PayoutDetailPage }),
              },
              {
                path: "email-outbox",
                lazy: async () => ({ Component: (await import("../features/email-outbox/EmailOutboxPage")).EmailOutboxPage }),
              },
              {
                path: "account",
                lazy: async () => ({ Component: (await import("../features/account/AccountPage")).AccountPage }),
              },
              {
                path: "audit",
                lazy: async () => ({ Component: (await import("../features/audit/AuditPage")).AuditPage }),
              },
              { path: "*", Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
]);

export function ConsoleRouter() {
  return <RouterProvider router={router} />;
}
