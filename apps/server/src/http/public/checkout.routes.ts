/**
 * POST /api/public/checkout: a storefront asks for a Stripe Checkout of n tracks or a bundle,
 * authorised by the tenant's publishable key (as consent events are), and gets `{ url, sessionId }`
 * to send the buyer to. CORS and the success/cancel URLs: the tenant's verified domains (and the
 * operator's development origins). Every refusal is a JSON 4xx naming the problem; Stripe being
 * unreachable is a 502.
 */
import type { Database } from "@pc/db";
import { type CheckoutRequest, ZCheckoutRequest } from "@pc/shared";
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from "fastify";
import { InvalidInputError, PreconditionError } from "../../errors.js";
import type { Authorized, IngestService } from "../../ledger/ingest.service.js";
import { createRateLimiter, type RateLimiter } from "../../ledger/rate-limit.js";
import { createCheckout } from "../../payments/checkout.service.js";
import type { StripeGateway } from "../../stripe/stripe-gateway.js";
import { allowOrigin, preflightFor, sendError, storefrontHeaders } from "./storefront-post.js";

const CHECKOUT_BODY_LIMIT = 16 * 1024;
/** Checkouts a storefront key may start: a busy shop's buyers, not a script creating sessions at Stripe. */
export const CHECKOUT_RATE = { ratePerSecond: 5, burst: 60 };

export interface CheckoutRoutesOptions {
  db: Database;
  gateway: StripeGateway;
  ingest: IngestService;
  /** Per-key buckets (tests pass one with a stopped clock). */
  limiter?: RateLimiter;
}

export const checkoutRoutes: FastifyPluginAsync<CheckoutRoutesOptions> = async (
  app,
  { db, gateway, ingest, limiter = createRateLimiter() },
) => {
  app.addHook("onRequest", storefrontHeaders);
  const authorized = new WeakMap<FastifyRequest, Authorized>();
  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "POST") return;
    const auth = await ingest.authorize({ authorization: req.headers.authorization, origin: req.headers.origin });
    if ("status" in auth) {
      if (auth.status !== 403) allowOrigin(req, reply);
      const message = auth.status === 403 ? auth.message.replace("post consent", "start a checkout") : auth.message;
      return sendError(reply, auth.status, auth.code, message);
    }
    allowOrigin(req, reply);
    const decision = limiter.take(auth.token, 1, CHECKOUT_RATE);
    if (!decision.allowed) {
      reply.header("retry-after", String(decision.retryAfterSeconds));
      return sendError(
        reply,
        429,
        "TOO_MANY_REQUESTS",
        `Too many checkouts: this storefront may start ${CHECKOUT_RATE.ratePerSecond} a second (bursts of ${CHECKOUT_RATE.burst})`,
      );
    }
    authorized.set(req, auth);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    allowOrigin(req, reply);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return sendError(reply, 413, "PAYLOAD_TOO_LARGE", "The body is over 16 KB");
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return sendError(reply, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
    }
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
      return sendError(reply, 400, "BAD_REQUEST", `The body is not valid JSON: ${error.message}`);
    }
    if (error instanceof InvalidInputError) {
      return sendError(reply, 400, "BAD_REQUEST", error.message, { problems: [{ path: error.field, message: error.message }] });
    }
    if (error instanceof PreconditionError) return sendError(reply, 409, "PAYMENTS_NOT_ENABLED", error.message);
    if ((error.statusCode ?? 500) < 500) return sendError(reply, error.statusCode as number, "BAD_REQUEST", error.message);
    const stripeError = (error as { type?: string }).type;
    req.log.error({ err: error }, "checkout failed");
    if (typeof stripeError === "string" && stripeError.startsWith("Stripe")) {
      return sendError(reply, 502, "STRIPE_UNAVAILABLE", `Stripe could not create the checkout: ${error.message}`);
    }
    return sendError(reply, 503, "UNAVAILABLE", "The checkout could not be created: nothing was charged, try again in a moment");
  });

  const preflight = preflightFor(ingest.directory, (origin) => `Origin ${origin} may not start a checkout`);

  /** The buyer is sent back to the storefront only: a verified domain of the tenant, or a development origin. */
  async function checkReturnUrls(auth: Authorized, request: CheckoutRequest) {
    const dev = await ingest.directory.devOrigins();
    for (const field of ["successUrl", "cancelUrl"] as const) {
      const origin = new URL(request[field]).origin;
      if (!auth.tenant.origins.has(origin) && !dev.has(origin)) {
        throw new InvalidInputError(field, `${field} must be on one of this storefront's verified domains (${origin} is not)`);
      }
    }
  }

  app.options("/", { helmet: false }, preflight);
  app.post("/", { bodyLimit: CHECKOUT_BODY_LIMIT, helmet: false }, async (req, reply) => {
    const auth = authorized.get(req);
    if (!auth) throw new Error("checkout request reached its handler without authorisation");
    const parsed = ZCheckoutRequest.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
      const first = problems[0];
      return sendError(reply, 400, "BAD_REQUEST", first ? `${first.path}: ${first.message}` : "Invalid request", { problems });
    }
    await checkReturnUrls(auth, parsed.data);
    const answer = await createCheckout(db, gateway, { id: auth.tenant.id, slug: auth.tenant.slug }, parsed.data);
    return reply.code(201).header("cache-control", "no-store").send(answer);
  });
};
