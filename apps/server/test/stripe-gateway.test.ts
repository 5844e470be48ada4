/**
 * The Stripe gateway's choice and checks: real Stripe needs a key and both webhook secrets (one line
 * naming what is missing otherwise); signatures are verified with the endpoint's own secret.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../src/env.js";
import { stripeGateway, WebhookSignatureError } from "../src/stripe/stripe-gateway.js";

const sign = (body: string, secret: string, at = Math.floor(Date.now() / 1000)) =>
  `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`;

describe("Stripe settings", () => {
  it("runs the simulator without a key", () => {
    expect(loadEnv({}).STRIPE_SECRET_KEY).toBeUndefined();
    expect(loadEnv({}).STRIPE_SIMULATOR_PORT).toBe(12111);
  });

  it("refuses a key without both webhook secrets, naming them", () => {
    expect(() => loadEnv({ STRIPE_SECRET_KEY: "sk_test_abc123" })).toThrow(/STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET/);
    expect(() => loadEnv({ STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_a" })).toThrow(
      /STRIPE_CONNECT_WEBHOOK_SECRET/,
    );
    expect(() => loadEnv({ STRIPE_SECRET_KEY: "pk_test_abc" })).toThrow(/STRIPE_SECRET_KEY must be a Stripe secret/);
    const env = loadEnv({
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_WEBHOOK_SECRET: "whsec_a",
      STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_b",
    });
    expect(env.STRIPE_CONNECT_WEBHOOK_SECRET).toBe("whsec_b");
  });
});

describe("the real gateway's webhook check", () => {
  const gateway = stripeGateway({ secretKey: "sk_test_abc123", webhookSecret: "whsec_platform", connectWebhookSecret: "whsec_connect" });
  const body = JSON.stringify({ id: "evt_1", object: "event", type: "payout.paid", data: { object: {} } });

  it("verifies each endpoint with its own secret", () => {
    expect(gateway.mode).toBe("stripe");
    expect(gateway.simulator).toBeNull();
    expect(gateway.verifyWebhook(body, sign(body, "whsec_platform"), "platform").id).toBe("evt_1");
    expect(gateway.verifyWebhook(body, sign(body, "whsec_connect"), "connect").id).toBe("evt_1");
    expect(() => gateway.verifyWebhook(body, sign(body, "whsec_connect"), "platform")).toThrow(WebhookSignatureError);
    expect(() => gateway.verifyWebhook(body, undefined, "platform")).toThrow(WebhookSignatureError);
  });
});
