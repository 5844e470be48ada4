/**
 * POST /api/public/consent (one event) and POST /api/public/consent/batch (up to 500, all or
 * nothing): storefronts' consent events, authorised by the tenant's publishable key, answered 201
 * with each record's place in the chain once it is committed. Every refusal is a JSON 4xx naming
 * the problem; a database that cannot be reached is a 503. CORS: the tenant's verified domains and
 * the operator's development origins only (a preflight carries no key, so it is answered for
 * origins some tenant may use, and the POST then checks the key's tenant).
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Authorized, IngestRefusal, IngestService } from "../../ledger/ingest.service.js";
import { LedgerClosedError } from "../../ledger/ledger-writer.js";
import { allowOrigin, preflightFor, sendError, storefrontHeaders } from "./storefront-post.js";

/** One event's body (the largest valid event is a few KB). */
export const CONSENT_BODY_LIMIT = 64 * 1024;
/** A batch of 500 typical events is about 205 KB (measured); 1 MB leaves room for long paths and many purposes. */
export const CONSENT_BATCH_BODY_LIMIT = 1024 * 1024;

export interface ConsentRoutesOptions {
  ingest: IngestService;
}

function sendRefusal(reply: FastifyReply, refusal: IngestRefusal) {
  if (refusal.retryAfterSeconds !== undefined) reply.header("retry-after", String(refusal.retryAfterSeconds));
  return sendError(reply, refusal.status, refusal.code, refusal.message, refusal.problems ? { problems: refusal.problems } : {});
}

export const consentRoutes: FastifyPluginAsync<ConsentRoutesOptions> = async (app, { ingest }) => {
  app.addHook("onRequest", storefrontHeaders);

  // Before the body is read: an unknown key or a foreign origin costs no parsing. The handler
  // takes the caller as authorised here.
  const authorized = new WeakMap<FastifyRequest, Authorized>();
  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "POST") return;
    const auth = await ingest.authorize({ authorization: req.headers.authorization, origin: req.headers.origin });
    if ("status" in auth) {
      if (auth.status !== 403) allowOrigin(req, reply);
      return sendRefusal(reply, auth);
    }
    authorized.set(req, auth);
    allowOrigin(req, reply);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    allowOrigin(req, reply);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const limit = req.url.endsWith("/batch") ? "1 MB" : "64 KB";
      return sendError(
        reply,
        413,
        "PAYLOAD_TOO_LARGE",
        `The body is over ${limit}: send at most one event (64 KB) per request, or batches of up to 500 events (1 MB)`,
      );
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return sendError(reply, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
    }
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
      return sendError(reply, 400, "BAD_REQUEST", `The body is not valid JSON: ${error.message}`);
    }
    if ((error.statusCode ?? 500) < 500) return sendError(reply, error.statusCode as number, "BAD_REQUEST", error.message);
    if (error instanceof LedgerClosedError) {
      reply.header("retry-after", "1");
      return sendError(reply, 503, "UNAVAILABLE", "The server is restarting: send the event again in a moment");
    }
    req.log.error({ err: error }, "consent ingestion failed");
    reply.header("retry-after", "5");
    return sendError(
      reply,
      503,
      "UNAVAILABLE",
      "The consent ledger could not store the event: nothing was stored, send it again in a moment",
    );
  });

  const preflight = preflightFor(ingest.directory, (origin) => `Origin ${origin} may not post consent events`);

  const handle = (batch: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = authorized.get(req);
    if (!auth) throw new Error("consent request reached its handler without authorisation");
    const result = await ingest.ingest(auth, { ip: req.ip, userAgent: req.headers["user-agent"] }, req.body, batch);
    if ("refusal" in result) return sendRefusal(reply, result.refusal);
    reply.code(201).header("cache-control", "no-store");
    return batch ? { records: result.acks } : result.acks[0];
  };

  app.options("/", { helmet: false }, preflight);
  app.options("/batch", { helmet: false }, preflight);
  app.post("/", { bodyLimit: CONSENT_BODY_LIMIT, helmet: false }, handle(false));
  app.post("/batch", { bodyLimit: CONSENT_BATCH_BODY_LIMIT, helmet: false }, handle(true));
};
