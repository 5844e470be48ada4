/** The whole tRPC API. docs/api.md lists every procedure and who may call it. */
import { addendaRouter } from "./routers/addenda/addenda.router.js";
import { auditRouter } from "./routers/audit/audit.router.js";
import { authRouter } from "./routers/auth/auth.router.js";
import { brandingRouter } from "./routers/branding/branding.router.js";
import { consentAuditRouter } from "./routers/consent-audit/consent-audit.router.js";
import { consentStatsRouter } from "./routers/consent-stats/consent-stats.router.js";
import { domainsRouter } from "./routers/domains/domains.router.js";
import { earningsRouter } from "./routers/earnings/earnings.router.js";
import { emailOutboxRouter } from "./routers/email-outbox/email-outbox.router.js";
import { invitationsRouter } from "./routers/invitations/invitations.router.js";
import { ledgerRouter } from "./routers/ledger/ledger.router.js";
import { payoutsRouter } from "./routers/payouts/payouts.router.js";
import { policiesRouter } from "./routers/policies/policies.router.js";
import { pricesRouter } from "./routers/prices/prices.router.js";
import { retentionRouter } from "./routers/retention/retention.router.js";
import { sessionsRouter } from "./routers/sessions/sessions.router.js";
import { stripeEventsRouter } from "./routers/stripe-events/stripe-events.router.js";
import { subjectRequestsRouter } from "./routers/subject-requests/subject-requests.router.js";
import { teamRouter } from "./routers/team/team.router.js";
import { tenantsRouter } from "./routers/tenants/tenants.router.js";
import { usersRouter } from "./routers/users/users.router.js";
import { createCallerFactory, router } from "./trpc/init.js";

export const appRouter = router({
  auth: authRouter,
  tenants: tenantsRouter,
  users: usersRouter,
  team: teamRouter,
  invitations: invitationsRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
  prices: pricesRouter,
  branding: brandingRouter,
  domains: domainsRouter,
  policies: policiesRouter,
  addenda: addendaRouter,
  ledger: ledgerRouter,
  consentAudit: consentAuditRouter,
  consentStats: consentStatsRouter,
  subjectRequests: subjectRequestsRouter,
  retention: retentionRouter,
  earnings: earningsRouter,
  payouts: payoutsRouter,
  stripeEvents: stripeEventsRouter,
  emailOutbox: emailOutboxRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
