/** Builds the Fastify server: tRPC at /trpc, health, security headers, and the SPA. */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import type { Database, DbKind, PoolStats } from "@pc/db";
import Fastify, { type FastifyInstance } from "fastify";
import { embedRoutes } from "./embed/embed.routes.js";
import { consentExportRoutes } from "./http/exports/consent-exports.routes.js";
import { exportRoutes } from "./http/exports/exports.routes.js";
import { checkoutRoutes } from "./http/public/checkout.routes.js";
import { consentRoutes } from "./http/public/consent.routes.js";
import { publicRoutes } from "./http/public/public.routes.js";
import { contentSecurityPolicy, csrfGuard, jsonBodiesOnly } from "./http/security.js";
import { stripeWebhookRoutes } from "./http/stripe/webhook.routes.js";
import type { JobRunner } from "./jobs/runner.js";
import { createLedger, type Ledger } from "./ledger/ledger.js";
import type { TrustedKeys } from "./ledger/ledger-verify.js";
import { type LogDestination, loggerOptions } from "./observability/logging.js";
import { type AppMetrics, createMetrics } from "./observability/metrics.js";
import { opsRoutes } from "./observability/ops.routes.js";
import { appRouter } from "./router.js";
import { createNodeResolver, type DnsResolver } from "./routers/domains/dns.js";
import { createTokenDigest } from "./services/session.service.js";
import { createStripeSimulator } from "./stripe/simulator/index.js";
import { type StripeGateway, simulatorInProcessGateway } from "./stripe/stripe-gateway.js";
import { createContext } from "./trpc/context.js";
import { registerTrpc } from "./trpc/fastify-trpc.js";

export interface AppOptions {
  db: Database;
  dbKind: DbKind;
  publicUrl: string;
  webDistDir?: string;
  trustProxy?: boolean;
  logLevel?: string;
  /** Custom-domain TXT look-ups; the system's resolver when left out. */
  dns?: DnsResolver;
  /** Production refuses demo keys and drops the console's own origin from the consent CORS list. */
  production?: boolean;
  /** Checkpoint keys the ledger verifier trusts (none: every checkpoint fails verification). */
  ledgerTrustedKeys?: TrustedKeys;
  /** Consent ingestion's caches (milliseconds): tests shorten them. */
  ingestCacheTtlMs?: number;
  /** Stripe (real or the simulator); an in-process simulator when left out. */
  stripe?: StripeGateway;
  /** Where log lines go (stdout when left out): tests read the log through it. */
  logDestination?: LogDestination;
  /** The process's job runner, for /readyz; without one that check is "not configured" and passes. */
  jobRunner?: Pick<JobRunner, "liveness">;
  /** Enables metrics and GET /metrics (answered only with this bearer token). */
  metricsToken?: string;
  /** The PostgreSQL pool's use, reported as metrics. */
  poolStats?: () => PoolStats;
  /** SESSION_SECRET: session and invitation tokens are stored as their HMAC under it (at least 32 characters). */
  sessionSecret: string;
  /** Whether SMTP_URL is set: the outbox page tells whether mail is delivered. */
  smtpConfigured?: boolean;
}

/**
 * A path naming a file of the built app (or one a browser asks for): missing, it is a 404, not the
 * app. Other paths, dots and all ("/policies/privacy/2.0"), are the app's own pages.
 */
const ASSET_PATH = /\.(?:js|mjs|css|map|json|txt|xml|html|ico|svg|png|jpe?g|gif|webp|avif|woff2?|ttf|otf|webmanifest)$/i;

declare module "fastify" {
  interface FastifyInstance {
    /** Consent ingestion: its writer (drained on close), directory and service. */
    ledger: Ledger;
    /** The Stripe SDK the console uses (real, or pointed at the simulator). */
    stripe: StripeGateway;
    /** This app's metrics; null when no metrics token is set (nothing is collected then). */
    metrics: AppMetrics | null;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const tokens = createTokenDigest(options.sessionSecret);
  const app = Fastify({
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // JSON lines; request lines carry no IP, cookie or query string (see observability/logging.ts).
    logger: loggerOptions(options.logLevel ?? "info", options.logDestination),
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    frameguard: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  app.addHook("onRequest", csrfGuard([new URL(options.publicUrl).origin]));
  app.addHook("onRequest", jsonBodiesOnly());

  app.get("/healthz", async () => ({ status: "ok", db: options.dbKind }));

  const metrics = options.metricsToken
    ? createMetrics({
        ledgerQueued: () => ledger.writer.queued(),
        poolStats: options.poolStats,
        trpcProcedures: Object.keys(appRouter._def.procedures),
      })
    : undefined;
  metrics?.instrument(app);
  app.decorate("metrics", metrics ?? null);
  await app.register(opsRoutes, {
    readiness: { db: options.db, jobRunner: options.jobRunner },
    metrics,
    metricsToken: options.metricsToken,
  });

  const production = options.production ?? false;
  const ledger = createLedger({
    db: options.db,
    dbKind: options.dbKind,
    production,
    devOrigins: production ? [] : [new URL(options.publicUrl).origin],
    cacheTtlMs: options.ingestCacheTtlMs,
    onCommit: metrics?.ledgerCommitted,
  });
  app.decorate("ledger", ledger);
  // After the server stopped taking requests and answered those in flight: commit what is queued.
  app.addHook("onClose", async () => ledger.writer.drain());
  await app.register(consentRoutes, { prefix: "/api/public/consent", ingest: ledger.ingest });
  // The banner storefronts embed, and (outside production) a demo storefront using it.
  await app.register(embedRoutes, { production, db: options.db });
  const stripe = options.stripe ?? simulatorInProcessGateway(createStripeSimulator());
  app.decorate("stripe", stripe);
  await app.register(checkoutRoutes, { prefix: "/api/public/checkout", db: options.db, gateway: stripe, ingest: ledger.ingest });
  await app.register(stripeWebhookRoutes, {
    prefix: "/api/stripe",
    db: options.db,
    gateway: stripe,
    onApplied: metrics?.webhookApplied,
    publicUrl: options.publicUrl,
  });
  await app.register(exportRoutes, { prefix: "/api/exports", db: options.db, tokens });
  await app.register(consentExportRoutes, { prefix: "/api/exports", db: options.db, tokens });
  // Storefronts' reads: no session, CORS open (inside the plugin only), ETag-cached.
  await app.register(publicRoutes, { prefix: "/api/public", db: options.db, publicUrl: options.publicUrl });

  const services = {
    rootDb: options.db,
    dbKind: options.dbKind,
    publicUrl: options.publicUrl,
    dns: options.dns ?? createNodeResolver(),
    ingestDirectory: ledger.directory,
    ledgerTrustedKeys: options.ledgerTrustedKeys ?? new Map<string, string>(),
    production,
    stripe,
    tokens,
    smtpConfigured: options.smtpConfigured ?? false,
  };
  await registerTrpc(app, {
    prefix: "/trpc",
    router: appRouter,
    createContext: ({ req, res }) => createContext(services, req, res),
    // The request's logger: the line carries its request id.
    onError: ({ error, path, req }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") req.log.error({ err: error.cause ?? error, path }, "procedure failed");
    },
  });

  const webDist = options.webDistDir;
  const hasSpa = webDist !== undefined && existsSync(join(webDist, "index.html"));
  if (hasSpa) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage =
      req.method === "GET" && !ASSET_PATH.test(req.url.split("?")[0] ?? "") && !req.url.startsWith("/trpc") && !req.url.startsWith("/api");
    if (hasSpa && isPage) return reply.type("text/html").sendFile("index.html");
    return reply.code(404).send({ error: { message: `No route for ${req.method} ${req.url.split("?")[0]}`, code: "NOT_FOUND" } });
  });

  return app;
}
