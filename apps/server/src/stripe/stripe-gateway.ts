/**
 * The one module that holds the official Stripe SDK. With a secret key it talks to Stripe; without
 * one it starts our simulator and points the SDK at it, so the demo and the tests run the same code
 * as production. Webhook signatures are verified here too, with the endpoint's signing secret.
 */
import Stripe from "stripe";
import { createStripeSimulator, DEFAULT_WEBHOOK_SECRETS, type StripeSimulator } from "./simulator/index.js";

export type { Stripe };
export type StripeEvent = Stripe.Event;
export type WebhookEndpoint = "platform" | "connect";

/** The simulator's signing secrets: documented so tools can sign events; never used with real Stripe. */
export const SIMULATOR_WEBHOOK_SECRETS: Readonly<Record<WebhookEndpoint, string>> = DEFAULT_WEBHOOK_SECRETS;

/** Signatures older than this are refused (Stripe's own default tolerance). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface StripeGateway {
  readonly stripe: Stripe;
  readonly mode: "stripe" | "simulator";
  readonly webhookSecrets: Readonly<Record<WebhookEndpoint, string>>;
  /** Present in simulator mode: tests and the demo seed drive it. */
  readonly simulator: StripeSimulator | null;
  /** Where the simulator listens (its onboarding and checkout pages), when it does. */
  readonly simulatorUrl: string | null;
  /** The event if the raw body carries a valid, fresh signature for the endpoint; throws otherwise. */
  verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined, endpoint: WebhookEndpoint): StripeEvent;
  close(): Promise<void>;
}

/** A webhook whose signature is missing, wrong, or too old: answered 400, nothing stored. */
export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}

const COMMON_CONFIG = { maxNetworkRetries: 2, timeout: 20_000, telemetry: false, appInfo: { name: "partner-console" } } as const;

function gateway(
  stripe: Stripe,
  mode: StripeGateway["mode"],
  secrets: Record<WebhookEndpoint, string>,
  simulator: StripeSimulator | null,
  simulatorUrl: string | null = null,
) {
  return {
    stripe,
    mode,
    webhookSecrets: Object.freeze({ ...secrets }),
    simulator,
    simulatorUrl,
    verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined, endpoint: WebhookEndpoint) {
      if (!signatureHeader) throw new WebhookSignatureError("The request has no Stripe-Signature header");
      try {
        return stripe.webhooks.constructEvent(rawBody, signatureHeader, secrets[endpoint], SIGNATURE_TOLERANCE_SECONDS);
      } catch (error) {
        throw new WebhookSignatureError((error as Error).message);
      }
    },
    close: async () => {
      await simulator?.close();
    },
  } satisfies StripeGateway;
}

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
  connectWebhookSecret: string;
}

/** Real Stripe. */
export function stripeGateway(keys: StripeKeys): StripeGateway {
  const stripe = new Stripe(keys.secretKey, COMMON_CONFIG);
  return gateway(stripe, "stripe", { platform: keys.webhookSecret, connect: keys.connectWebhookSecret }, null);
}

/** The SDK pointed at a simulator over HTTP (the running console: browsers open its pages). */
export function simulatorHttpGateway(simulator: StripeSimulator, port: number): StripeGateway {
  const stripe = new Stripe(simulator.secretKey, { ...COMMON_CONFIG, host: "127.0.0.1", port, protocol: "http" });
  return gateway(stripe, "simulator", { ...SIMULATOR_WEBHOOK_SECRETS }, simulator, `http://127.0.0.1:${port}`);
}

/** The SDK calling a simulator in process (tests: no port, no network). */
export function simulatorInProcessGateway(simulator: StripeSimulator): StripeGateway {
  const httpClient = Stripe.createFetchHttpClient(((input: string | URL | Request, init?: RequestInit) =>
    simulator.handle(new Request(input, init))) as typeof fetch);
  const stripe = new Stripe(simulator.secretKey, { ...COMMON_CONFIG, maxNetworkRetries: 0, httpClient });
  return gateway(stripe, "simulator", { ...SIMULATOR_WEBHOOK_SECRETS }, simulator);
}

export interface SimulatorSettings {
  port: number;
  /** Where the simulator keeps its state between starts; memory only without it. */
  statePath?: string;
  /** The console's own URL: the simulator delivers webhooks to its two endpoints. */
  consoleUrl: string;
  /** Delivers a signed webhook (the console passes its own HTTP routes, in process); HTTP to consoleUrl without it. */
  deliver?: (target: WebhookEndpoint, body: string, headers: Record<string, string>) => Promise<number>;
}

/** Starts the simulator on its port with webhooks pointed at the console, and a gateway using it. */
export async function startSimulatorGateway(settings: SimulatorSettings): Promise<StripeGateway> {
  const simulator = createStripeSimulator({
    statePath: settings.statePath,
    deliver: settings.deliver,
    webhooks: {
      platform: { url: `${settings.consoleUrl}/api/stripe/webhook`, secret: SIMULATOR_WEBHOOK_SECRETS.platform },
      connect: { url: `${settings.consoleUrl}/api/stripe/connect-webhook`, secret: SIMULATOR_WEBHOOK_SECRETS.connect },
    },
  });
  const { port } = await simulator.listen(settings.port, "127.0.0.1");
  return simulatorHttpGateway(simulator, port);
}
