/**
 * POST /api/stripe/webhook (platform events) and POST /api/stripe/connect-webhook (connected
 * accounts' events). The signature is checked over the raw body before anything is parsed or
 * stored (400 otherwise); a valid event is stored with its effect in one transaction and answered
 * 200, a duplicate too. A failure while applying it answers 500 with nothing stored, so Stripe
 * delivers it again later.
 */
import type { Database } from "@pc/db";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { receiveEvent, SaleNotYetRecordedError } from "../../payments/webhooks.service.js";
import { type StripeGateway, type WebhookEndpoint, WebhookSignatureError } from "../../stripe/stripe-gateway.js";

/** Stripe's events are at most a few hundred KB. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookRoutesOptions {
  db: Database;
  gateway: StripeGateway;
  /** After an event was stored and applied on its first delivery (metrics: webhook lag). */
  onApplied?: (endpoint: WebhookEndpoint, event: { created: number }) => void;
  /** The console's address, for links in the mails an event causes (a failed payout's). */
  publicUrl: string;
}

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header("cache-control", "no-store").send(body);
}

export const stripeWebhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { db, gateway, onApplied, publicUrl }) => {
  // The signature covers the exact bytes: keep the body raw (any content type Stripe sends).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  const handle = (endpoint: WebhookEndpoint) => async (req: import("fastify").FastifyRequest, reply: FastifyReply) => {
    const raw = req.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0) {
      return send(reply, 400, { error: { code: "BAD_REQUEST", message: "The request has no body" } });
    }
    let event: ReturnType<StripeGateway["verifyWebhook"]>;
    try {
      event = gateway.verifyWebhook(raw, req.headers["stripe-signature"] as string | undefined, endpoint);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      return send(reply, 400, { error: { code: "BAD_SIGNATURE", message: `Signature check failed: ${error.message}` } });
    }
    try {
      const result = await receiveEvent(db, gateway, endpoint, event, { publicUrl });
      if (!result.duplicate) onApplied?.(endpoint, event);
      return send(reply, 200, { received: true, duplicate: result.duplicate, outcome: result.outcome });
    } catch (error) {
      // Nothing was stored: Stripe delivers the event again later.
      req.log.warn({ err: error, event: event.id, type: event.type }, "webhook not applied; Stripe will retry");
      return send(reply, error instanceof SaleNotYetRecordedError ? 409 : 500, {
        error: { code: "NOT_APPLIED", message: `The event was not applied and nothing was stored: ${(error as Error).message}` },
      });
    }
  };

  app.post("/webhook", { helmet: false }, handle("platform"));
  app.post("/connect-webhook", { helmet: false }, handle("connect"));
};
