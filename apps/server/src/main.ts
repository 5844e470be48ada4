/**
 * Starts the console: checks the settings, opens the database, applies migrations and loads demo
 * data (outside production), listens. In production nothing is migrated or seeded: the settings and
 * then the database (login role, migrations, no demo data) are checked, and each problem stops the
 * start with one line.
 */
import type { ServerResponse } from "node:http";
import { type DbHandle, DEMO_PASSWORD, DEMO_STAFF, DEMO_TENANTS, hasDemoAccounts, openDatabase, seedDemoData } from "@pc/db";
import { buildApp } from "./app.js";
import { EMAIL_DELIVERY_INTERVAL_MS, emailDeliveryJob } from "./email/delivery.job.js";
import { createMailer } from "./email/mailer.js";
import { subjectRequestDeadlinesJob } from "./email/subject-request-deadlines.job.js";
import { type Env, loadEnv } from "./env.js";
import { consentRetentionJobs } from "./jobs/consent-retention.job.js";
import { domainRecheckJob } from "./jobs/domain-recheck.job.js";
import { ledgerCheckpointJob } from "./jobs/ledger-checkpoint.job.js";
import { createJobRunner } from "./jobs/runner.js";
import { ledgerKeysFrom } from "./ledger/trusted-keys.js";
import { seedDemoPayments } from "./payments/demo-payments.seed.js";
import { productionDatabaseProblems } from "./production-database.js";
import { createNodeResolver } from "./routers/domains/dns.js";
import { writeServerPid } from "./server-pid.js";
import { loadSessionSecret } from "./session-secret.js";
import { type StripeGateway, startSimulatorGateway, stripeGateway } from "./stripe/stripe-gateway.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let env: Env;
try {
  env = loadEnv();
} catch (error) {
  fail((error as Error).message);
}

/** The innermost message of a (wrapped) error: what a person can act on. */
function rootMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause instanceof Error) current = current.cause as typeof current;
  return current?.message ?? String(error);
}

const production = env.NODE_ENV === "production";

// In production both come from the settings (env.ts requires them); otherwise each is made once into DATA_DIR.
let ledgerKeys: ReturnType<typeof ledgerKeysFrom>;
let sessionSecret: string;
try {
  ledgerKeys = ledgerKeysFrom(env);
  sessionSecret = loadSessionSecret({ fromEnv: env.SESSION_SECRET, file: `${env.dataDir}/session-secret` });
} catch (error) {
  fail(rootMessage(error));
}

async function openAndPrepare(): Promise<DbHandle> {
  const handle = await openDatabase(
    env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: `${env.dataDir}/pglite` },
  );
  if (production) {
    // Never migrates: `npm run db:migrate` with the owner's URL does, before the servers start.
    const problems = await productionDatabaseProblems(handle.db).catch(async (error) => {
      await handle.close();
      throw error;
    });
    if (problems.length > 0) {
      await handle.close();
      fail(problems.join("\n"));
    }
    return handle;
  }
  if (env.DATABASE_MIGRATION_URL) {
    const owner = await openDatabase({ kind: "postgres", url: env.DATABASE_MIGRATION_URL, maxConnections: 1 });
    await owner.migrate().finally(() => owner.close());
  } else {
    await handle.migrate();
  }
  const started = Date.now();
  const { consent } = await seedDemoData(handle.db, { consent: { events: env.DEMO_CONSENT_EVENTS, signer: ledgerKeys.signer } });
  if (consent) process.stdout.write(`Loaded ${consent.events} demo consent events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return handle;
}

if (!production) process.stdout.write("Preparing the database (a first start also loads the demo data)…\n");
let database: DbHandle;
try {
  database = await openAndPrepare();
} catch (error) {
  fail(`Could not prepare the database: ${rootMessage(error)}`);
}
const showDemo = !production && (await hasDemoAccounts(database.db));
const dns = createNodeResolver();

// Stripe: real with keys; otherwise our simulator, whose webhooks enter through the console's own
// routes (in process, so they work before the server listens, e.g. while the demo is seeded).
let deliverToConsole: ((path: string, body: string, headers: Record<string, string>) => Promise<number>) | null = null;
let stripe: StripeGateway;
// env.ts makes sure: "stripe" has the key and both webhook secrets; production chose one or the other.
if (env.stripeMode === "stripe" && env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET && env.STRIPE_CONNECT_WEBHOOK_SECRET) {
  stripe = stripeGateway({
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
  });
} else {
  try {
    stripe = await startSimulatorGateway({
      port: env.STRIPE_SIMULATOR_PORT,
      statePath: `${env.dataDir}/stripe-simulator.json`,
      consoleUrl: env.publicUrl,
      deliver: (target, body, headers) =>
        deliverToConsole
          ? deliverToConsole(target === "platform" ? "/api/stripe/webhook" : "/api/stripe/connect-webhook", body, headers)
          : Promise.resolve(503),
    });
  } catch (error) {
    await database.close();
    const inUse = (error as { code?: string }).code === "EADDRINUSE";
    fail(
      inUse
        ? `Port ${env.STRIPE_SIMULATOR_PORT} (the Stripe simulator) is already in use: stop what holds it, or set STRIPE_SIMULATOR_PORT to another port.`
        : `Could not start the Stripe simulator: ${rootMessage(error)}`,
    );
  }
}

// Every process runs the runner; each due time still runs in one process only (see jobs/runner.ts).
// It is made before the app (whose /readyz watches it) and started once the app listens; it logs
// and counts its runs through the app.
// Mail goes out over SMTP_URL; without it, it waits in the outbox (the dashboard shows it).
const mailer = env.SMTP_URL ? createMailer({ url: env.SMTP_URL }) : null;
const jobs = createJobRunner({
  db: database.db,
  jobs: [
    domainRecheckJob({ db: database.db, dns }),
    ledgerCheckpointJob({ db: database.db, signer: ledgerKeys.signer, intervalMs: env.LEDGER_CHECKPOINT_SECONDS * 1000 }),
    ...consentRetentionJobs({ db: database.db, signer: ledgerKeys.signer, trusted: ledgerKeys.trusted }),
    subjectRequestDeadlinesJob({ db: database.db, publicUrl: env.publicUrl }),
    ...(mailer ? [emailDeliveryJob({ db: database.db, mailer, from: env.mailFrom })] : []),
  ],
  tickMs: Math.min(mailer ? EMAIL_DELIVERY_INTERVAL_MS : 60_000, env.LEDGER_CHECKPOINT_SECONDS * 1000),
  logger: { info: (details, message) => app.log.info(details, message), error: (details, message) => app.log.error(details, message) },
  onRun: (run) => app.metrics?.jobRan(run),
});

const app = await buildApp({
  db: database.db,
  dbKind: database.kind,
  publicUrl: env.publicUrl,
  webDistDir: env.webDistDir,
  trustProxy: env.TRUST_PROXY,
  logLevel: env.LOG_LEVEL,
  dns,
  production,
  ledgerTrustedKeys: ledgerKeys.trusted,
  stripe,
  jobRunner: jobs,
  metricsToken: env.METRICS_TOKEN,
  poolStats: database.poolStats,
  sessionSecret,
  smtpConfigured: mailer !== null,
});
deliverToConsole = async (url, payload, headers) => (await app.inject({ method: "POST", url, payload, headers })).statusCode;

if (showDemo && stripe.simulator && env.DEMO_PAYMENT_DAYS > 0) {
  const started = Date.now();
  // The simulator's webhooks for the demo sales (thousands) are not requests anyone made: unlogged
  // below warnings, so the first start's output stays readable (a quieter LOG_LEVEL stays as it is).
  const level = app.log.level;
  if (["trace", "debug", "info"].includes(level)) app.log.level = "warn";
  const payments = await seedDemoPayments({
    db: database.db,
    gateway: stripe,
    consoleUrl: env.publicUrl,
    days: env.DEMO_PAYMENT_DAYS,
  }).finally(() => {
    app.log.level = level;
  });
  if (payments) {
    process.stdout.write(
      `Loaded ${payments.sales} demo sales (${payments.refunds} refunded) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
}

try {
  await app.listen({ port: env.PORT, host: env.HOST });
} catch (error) {
  await database.close();
  const inUse = (error as { code?: string }).code === "EADDRINUSE";
  fail(
    inUse
      ? `Port ${env.PORT} is already in use: stop what holds it, or set PORT to another port.`
      : `Could not listen: ${rootMessage(error)}`,
  );
}

const lines = [
  "",
  `Partner Console is running at ${env.publicUrl} (database: ${database.kind}${database.kind === "pglite" ? ` in ${env.dataDir}` : ""})`,
  stripe.mode === "simulator"
    ? `Stripe: simulator at ${stripe.simulatorUrl} (no keys set; webhook secrets whsec_simulator_platform / whsec_simulator_connect)`
    : "Stripe: live API (STRIPE_SECRET_KEY)",
  mailer
    ? `Mail: delivered over SMTP (SMTP_URL) from ${env.mailFrom.address}`
    : "Mail: not sent (no SMTP_URL); the Email outbox page shows what is queued",
];
if (showDemo) {
  lines.push(`Demo accounts (password: ${DEMO_PASSWORD}):`);
  for (const staff of DEMO_STAFF) lines.push(`  ${staff.email.padEnd(32)} ${staff.role}`);
  for (const tenant of DEMO_TENANTS) {
    lines.push(`  ${`admin@${tenant.slug}.test`.padEnd(32)} partner_admin of ${tenant.name}`);
    lines.push(`  ${`viewer@${tenant.slug}.test`.padEnd(32)} partner_viewer of ${tenant.name}`);
  }
}
process.stdout.write(`${lines.join("\n")}\n\n`);
const removePid = database.kind === "pglite" ? writeServerPid(env.dataDir) : () => {};

jobs.start();

// Stopping (SIGTERM, SIGINT): readiness turns 503 at once (the job runner stops, a running job is
// asked to end early); the server takes no new connection and answers every request it has, those
// waiting for the ledger once their events are committed; the ledger commits what is still queued;
// then the pools close and the process exits 0. A request still running after REQUEST_GRACE_MS is
// cut (its events, if queued, are still committed); if the rest hangs (a database that stopped
// answering) the process exits 1 at EXIT_DEADLINE_MS. A second signal changes nothing.
const REQUEST_GRACE_MS = 10_000;
const EXIT_DEADLINE_MS = 15_000;

// Fastify closes the connections idle when it stops and keeps the others open after their answer
// for its keep-alive timeout (72 s). Answers still being made then say "Connection: close", so
// their clients open the next connection elsewhere, and connections that go idle are closed.
const openResponses = new Set<ServerResponse>();
app.server.on("request", (_request, response) => {
  openResponses.add(response);
  response.once("close", () => openResponses.delete(response));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    app.log.warn({ signal }, "already shutting down");
    return;
  }
  stopping = true;
  app.log.info({ signal }, "shutting down");
  setTimeout(() => {
    app.log.error({ afterMs: EXIT_DEADLINE_MS }, "shutdown did not finish in time; exiting");
    process.exit(1);
  }, EXIT_DEADLINE_MS).unref();
  for (const response of openResponses) if (!response.headersSent) response.setHeader("connection", "close");
  const closeIdle = setInterval(() => app.server.closeIdleConnections(), 100).unref();
  const cutRequests = setTimeout(() => {
    app.log.warn({ requests: openResponses.size, afterMs: REQUEST_GRACE_MS }, "cutting requests still running");
    app.server.closeAllConnections();
  }, REQUEST_GRACE_MS).unref();
  try {
    const jobsStopped = jobs.stop();
    await app.close(); // then its onClose hook commits the ledger's queue
    clearInterval(closeIdle);
    clearTimeout(cutRequests);
    await jobsStopped;
    mailer?.close();
    await stripe.close();
    await database.close();
  } catch (error) {
    app.log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
  removePid();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
