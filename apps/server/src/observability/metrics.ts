/**
 * The server's Prometheus metrics, in a registry of this app instance (never prom-client's global
 * one: tests build several apps in one process). Requests are labelled by route pattern, never by
 * the raw URL, so the series stay few: an unmatched path is "unmatched", a tRPC call is its
 * procedure when the name is one of ours and "/trpc/:path" otherwise (batches, unknown names).
 */
import type { PoolStats } from "@pc/db";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { JobRunReport } from "../jobs/runner.js";
import type { WebhookEndpoint } from "../stripe/stripe-gateway.js";

export interface MetricsOptions {
  /** Entries waiting for the ledger writer. */
  ledgerQueued: () => number;
  /** The PostgreSQL pool's use; left out on PGlite (one embedded connection, nothing to pool). */
  poolStats?: () => PoolStats;
  /** The tRPC procedures' names ("auth.login"): the only tRPC paths used as labels. */
  trpcProcedures: readonly string[];
}

export interface AppMetrics {
  registry: Registry;
  /** Adds the request counter and timer to every route of the app. */
  instrument(app: FastifyInstance): void;
  ledgerCommitted(commit: { entries: number; ms: number }): void;
  /** A Stripe event stored and applied: how long after Stripe created it. */
  webhookApplied(endpoint: WebhookEndpoint, event: { created: number }): void;
  jobRan(run: JobRunReport): void;
}

const TRPC_ROUTE = "/trpc/:path";

export function createMetrics({ ledgerQueued, poolStats, trpcProcedures }: MetricsOptions): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requestLabels = ["method", "route", "status_class"] as const;
  const requests = new Counter({ name: "pc_http_requests_total", help: "HTTP requests answered", labelNames: requestLabels, registers });
  const requestSeconds = new Histogram({
    name: "pc_http_request_duration_seconds",
    help: "Time from a request's arrival to its response",
    labelNames: requestLabels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  new Gauge({
    name: "pc_ledger_queue_entries",
    help: "Consent ledger entries waiting for a commit",
    registers,
    collect() {
      this.set(ledgerQueued());
    },
  });
  const commitEntries = new Histogram({
    name: "pc_ledger_commit_entries",
    help: "Consent ledger entries per committed batch",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers,
  });
  const commitSeconds = new Histogram({
    name: "pc_ledger_commit_seconds",
    help: "Time to write and commit one consent ledger batch",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });

  const webhookLag = new Histogram({
    name: "pc_stripe_webhook_lag_seconds",
    help: "From a Stripe event's creation to the console applying it (first deliveries)",
    labelNames: ["endpoint"],
    buckets: [0.5, 1, 2, 5, 15, 60, 300, 900, 3600, 21_600, 86_400],
    registers,
  });

  const jobRuns = new Counter({ name: "pc_job_runs_total", help: "Scheduled job runs in this process", labelNames: ["job"], registers });
  const jobFailures = new Counter({
    name: "pc_job_failures_total",
    help: "Scheduled job runs in this process that failed",
    labelNames: ["job"],
    registers,
  });

  if (poolStats) {
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(poolStats()));
        },
      });
    poolGauge("pc_db_pool_total_connections", "Database connections open (busy or idle)", (stats) => stats.total);
    poolGauge("pc_db_pool_idle_connections", "Database connections open and idle", (stats) => stats.idle);
    poolGauge("pc_db_pool_waiting_queries", "Queries waiting for a database connection", (stats) => stats.waiting);
    poolGauge("pc_db_pool_max_connections", "The pool's connection limit", (stats) => stats.max);
  }

  const procedures = new Set(trpcProcedures);
  function routeOf(req: FastifyRequest): string {
    const pattern = req.routeOptions.url;
    if (pattern === undefined) return "unmatched";
    if (pattern !== TRPC_ROUTE) return pattern;
    const path = (req.params as { path?: string }).path ?? "";
    return procedures.has(path) ? `/trpc/${path}` : TRPC_ROUTE;
  }

  function observe(req: FastifyRequest, reply: FastifyReply) {
    const labels = { method: req.method, route: routeOf(req), status_class: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    requestSeconds.observe(labels, reply.elapsedTime / 1000);
  }

  return {
    registry,
    instrument(app) {
      app.addHook("onResponse", async (req, reply) => observe(req, reply));
    },
    ledgerCommitted({ entries, ms }) {
      commitEntries.observe(entries);
      commitSeconds.observe(ms / 1000);
    },
    webhookApplied(endpoint, { created }) {
      webhookLag.observe({ endpoint }, Math.max(0, Date.now() / 1000 - created));
    },
    jobRan({ job, ok }) {
      jobRuns.inc({ job });
      if (!ok) jobFailures.inc({ job });
    },
  };
}
