/**
 * Test harness: a fresh database per test file and tRPC callers acting as a given person,
 * going through the same context, session and RLS code as a real request.
 */
import { DEMO_PASSWORD, parseSigningKey, signingKeyFrom, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { receiveEvent } from "../src/payments/webhooks.service.js";
import { createCaller } from "../src/router.js";
import { createTokenDigest } from "../src/services/session.service.js";
import { createStripeSimulator, type DeliveryOptions, type StripeSimulator } from "../src/stripe/simulator/index.js";
import {
  SIMULATOR_WEBHOOK_SECRETS,
  type StripeGateway,
  simulatorInProcessGateway,
  WebhookSignatureError,
} from "../src/stripe/stripe-gateway.js";
import { type AppServices, buildContext, type CookieJar, type RequestInfo } from "../src/trpc/context.js";
import { createFakeResolver, type FakeResolver } from "./fake-dns.js";

export const PUBLIC_URL = "http://console.test";

/** The checkpoint key of every test (a fixed seed), and the verifier's trust in it. */
export const TEST_SIGNER = signingKeyFrom(parseSigningKey("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
export const TEST_TRUSTED_KEYS: ReadonlyMap<string, string> = new Map([[TEST_SIGNER.keyId, TEST_SIGNER.publicKey]]);

/** Every test's SESSION_SECRET: apps built in a test (buildApp) and the harness's callers share sessions. */
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";

export interface Client {
  caller: ReturnType<typeof createCaller>;
  /** The session cookie's token, if the client holds one. */
  token: string | undefined;
  headers: Map<string, string>;
}

export type DemoSlug = "northwave" | "fjordsound" | "beatlab";

export interface Harness {
  db: TestDatabase;
  /** The demo tenants' ids. */
  tenantIds: Record<DemoSlug, string>;
  services: AppServices;
  /** The DNS the server sees: tests set and remove TXT records here. */
  dns: FakeResolver;
  /** The console's Stripe: the SDK calling a simulator in process. */
  stripe: StripeGateway;
  /** That simulator: its webhooks go through the same verification and handler as the HTTP routes. */
  simulator: StripeSimulator;
  /** A caller with a cookie jar of its own, as one browser. */
  client(options?: { token?: string; ip?: string }): Promise<Client>;
  /** Logs in as a demo account (or any with the given password) and answers its client. */
  as(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

let requestCounter = 0;

export interface HarnessOptions {
  /** Webhook delivery of the simulator (duplicates, delays, shuffling). */
  delivery?: DeliveryOptions;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const rows = await db.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  const idOf = (slug: DemoSlug) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`no demo tenant ${slug}`);
    return row.id;
  };
  const tenantIds = { northwave: idOf("northwave"), fjordsound: idOf("fjordsound"), beatlab: idOf("beatlab") };
  const dns = createFakeResolver();
  const simulator = createStripeSimulator({
    delivery: options.delivery,
    webhooks: {
      platform: { url: `${PUBLIC_URL}/api/stripe/webhook`, secret: SIMULATOR_WEBHOOK_SECRETS.platform },
      connect: { url: `${PUBLIC_URL}/api/stripe/connect-webhook`, secret: SIMULATOR_WEBHOOK_SECRETS.connect },
    },
    // As the HTTP route does it: verify the signature, then store and apply the event.
    deliver: async (target, body, headers) => {
      try {
        const event = stripe.verifyWebhook(body, headers["stripe-signature"], target);
        await receiveEvent(db.db, stripe, target, event, { publicUrl: PUBLIC_URL });
        return 200;
      } catch (error) {
        if (error instanceof WebhookSignatureError) return 400;
        throw error;
      }
    },
  });
  const stripe = simulatorInProcessGateway(simulator);
  const services: AppServices = {
    rootDb: db.db,
    dbKind: db.kind,
    publicUrl: PUBLIC_URL,
    dns,
    ingestDirectory: { invalidate: () => {} },
    ledgerTrustedKeys: TEST_TRUSTED_KEYS,
    production: false,
    stripe,
    tokens: createTokenDigest(TEST_SESSION_SECRET),
  };

  async function client(options: { token?: string; ip?: string } = {}): Promise<Client> {
    const state: Client = { caller: undefined as never, token: options.token, headers: new Map() };
    const jar: CookieJar = {
      get: () => state.token,
      set: (token) => {
        state.token = token;
      },
      clear: () => {
        state.token = undefined;
      },
    };
    // Each call builds its context anew, like each HTTP request does.
    state.caller = createCaller(async () => {
      const request: RequestInfo = {
        requestId: `test-${++requestCounter}`,
        ip: options.ip ?? "198.51.100.7",
        userAgent: "vitest",
        secure: false,
      };
      return buildContext(services, request, jar, (name, value) => state.headers.set(name, value));
    });
    return state;
  }

  async function as(email: string, password = DEMO_PASSWORD): Promise<Client> {
    const c = await client();
    await c.caller.auth.login({ email, password });
    return c;
  }

  return {
    db,
    tenantIds,
    services,
    dns,
    stripe,
    simulator,
    client,
    as,
    close: async () => {
      await simulator.close();
      await db.close();
    },
  };
}
