/**
 * What the storefront POST routes (consent events, checkout) share: JSON errors that name the
 * problem, CORS answered with the caller's origin once the key's tenant allows it, and preflights
 * answered for any origin some tenant may use (a preflight carries no key).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IngestDirectory } from "../../ledger/ingest-directory.js";

/** How long a browser may cache a preflight answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE = "7200";

export function sendError(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("application/json; charset=utf-8")
    .send(JSON.stringify({ error: { code, message, ...extra } }));
}

export function allowOrigin(req: FastifyRequest, reply: FastifyReply) {
  const origin = req.headers.origin;
  reply.header("vary", "Origin");
  if (origin) {
    reply.header("access-control-allow-origin", origin);
    reply.header("access-control-expose-headers", "Retry-After");
  }
}

/** A preflight handler: 204 for an origin some tenant may post from, 403 naming what it may not do otherwise. */
export function preflightFor(directory: Pick<IngestDirectory, "anyTenantOrigin">, refusal: (origin: string) => string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (!origin || !(await directory.anyTenantOrigin(origin))) return sendError(reply, 403, "FORBIDDEN", refusal(origin ?? "(none)"));
    return reply
      .code(204)
      .header("access-control-allow-origin", origin)
      .header("access-control-allow-methods", "POST")
      .header("access-control-allow-headers", "authorization, content-type")
      .header("access-control-max-age", PREFLIGHT_MAX_AGE)
      .header("vary", "Origin")
      .send();
  };
}

/**
 * Helmet is off on these routes (rebuilding its headers took 6% of the single consent event's CPU);
 * a JSON API needs only these. Storefronts on other origins read the answers.
 */
export async function storefrontHeaders(_req: FastifyRequest, reply: FastifyReply) {
  reply.header("cross-origin-resource-policy", "cross-origin").header("x-content-type-options", "nosniff");
}
