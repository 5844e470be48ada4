/**
 * GET /readyz (200 ready, 503 with the reason) and GET /metrics (Prometheus text). Metrics are not
 * public: without a configured token the route does not exist (404), and a request without the
 * token, or with another, is 401. /healthz (alive) stays in app.ts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync, LogLevel } from "fastify";
import type { AppMetrics } from "./metrics.js";
import { checkReadiness, type ReadinessOptions } from "./readiness.js";

export interface OpsRoutesOptions {
  readiness: ReadinessOptions;
  /** With both, GET /metrics answers the registry to `Authorization: Bearer <token>`. */
  metrics?: AppMetrics;
  metricsToken?: string;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares digests, so neither the token's length nor its first differing byte shows in the timing. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { readiness, metrics, metricsToken }) => {
  // Probes and scrapes come every few seconds: their request lines would drown the rest. Warnings
  // still show, and a quieter app level (tests' "silent") stays as it is.
  const ranks: Record<LogLevel, number> = {
    trace: 10,
    debug: 20,
    info: 30,
    warn: 40,
    error: 50,
    fatal: 60,
    silent: Number.POSITIVE_INFINITY,
  };
  const appLevel = app.log.level as LogLevel;
  const QUIET = { logLevel: (ranks[appLevel] ?? 0) > ranks.warn ? appLevel : ("warn" as const) };
  app.get("/readyz", QUIET, async (req, reply) => {
    const result = await checkReadiness(readiness);
    reply.header("cache-control", "no-store");
    if (result.ready) return { status: "ready", checks: result.checks };
    req.log.warn({ checks: result.checks }, "not ready");
    return reply.code(503).send({ status: "not_ready", reason: result.reason, checks: result.checks });
  });

  if (!metrics || !metricsToken) return;
  const expected = digest(metricsToken);
  app.get("/metrics", QUIET, async (req, reply) => {
    reply.header("cache-control", "no-store");
    if (!bearerMatches(req.headers.authorization, expected)) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({ error: { code: "UNAUTHORIZED", message: "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>" } });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
