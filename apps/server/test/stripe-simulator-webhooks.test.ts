// The Stripe simulator's webhooks (signatures, asynchronous delivery, duplicates, reordering,
// retries), its state file, and its HTTP server with the hosted pages and control calls.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { describe, expect, it, onTestFinished } from "vitest";
import { DEFAULT_WEBHOOK_SECRETS, type SimulatorOptions, type StripeSimulator } from "../src/stripe/simulator/index.js";
import { onboardedAccount, paidSale, useSimulators } from "./simulator-fixtures.js";

const ENDPOINTS = {
  platform: { url: "http://console.test/stripe/webhook", secret: DEFAULT_WEBHOOK_SECRETS.platform },
  connect: { url: "http://console.test/stripe/connect-webhook", secret: DEFAULT_WEBHOOK_SECRETS.connect },
};

interface Delivery {
  target: "platform" | "connect";
  body: string;
  headers: Record<string, string>;
}

const simulator = useSimulators();

/** A simulator whose webhooks are recorded in `deliveries`, answered with `respond`'s status. */
function setup(options: SimulatorOptions = {}, respond: (delivery: Delivery) => number = () => 200) {
  const deliveries: Delivery[] = [];
  const { sim, stripe } = simulator({
    webhooks: ENDPOINTS,
    deliver: async (target, body, headers) => {
      const delivery = { target, body, headers };
      deliveries.push(delivery);
      return respond(delivery);
    },
    ...options,
  });
  return { sim, stripe, deliveries };
}

/** A new onboarded account and one paid sale to it. */
async function saleToNewAccount(sim: StripeSimulator, stripe: Stripe) {
  const accountId = await onboardedAccount(sim, stripe);
  const { session } = await paidSale(sim, stripe, accountId);
  return { accountId, session };
}

const eventId = (delivery: Delivery) => (JSON.parse(delivery.body) as { id: string }).id;
const eventType = (delivery: Delivery) => (JSON.parse(delivery.body) as { type: string }).type;

describe("Stripe simulator: webhooks", () => {
  it("signs each delivery so the SDK verifies it with the endpoint's secret, and rejects another secret", async () => {
    const { sim, stripe, deliveries } = setup();
    const { accountId } = await saleToNewAccount(sim, stripe);
    await sim.flushWebhooks();
    expect(deliveries.map(eventId)).toEqual(sim.events().map((event) => event.id));
    for (const delivery of deliveries) {
      const secret = ENDPOINTS[delivery.target].secret;
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.headers["stripe-signature"] as string, secret);
      expect(event.api_version).toBe(Stripe.API_VERSION);
      expect(delivery.target).toBe(event.account ? "connect" : "platform");
      const other = delivery.target === "platform" ? ENDPOINTS.connect.secret : ENDPOINTS.platform.secret;
      expect(() => stripe.webhooks.constructEvent(delivery.body, delivery.headers["stripe-signature"] as string, other)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    }
    const connect = deliveries.filter((delivery) => delivery.target === "connect");
    expect(connect.map(eventType)).toEqual(["account.updated"]);
    expect((JSON.parse(connect[0]?.body ?? "{}") as { account: string }).account).toBe(accountId);
  });

  it("delivers after the API call has answered, never inside it", async () => {
    const { stripe, deliveries } = setup();
    const account = await stripe.accounts.create({ type: "express" });
    await stripe.accounts.update(account.id, { metadata: { a: "1" } });
    expect(deliveries).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deliveries.map(eventType)).toEqual(["account.updated"]);
  });

  it("duplicateRate 1 sends every event twice with the same id", async () => {
    const { sim, stripe, deliveries } = setup({ delivery: { duplicateRate: 1, seed: 7 } });
    await saleToNewAccount(sim, stripe);
    await sim.flushWebhooks();
    const counts = new Map<string, number>();
    for (const id of deliveries.map(eventId)) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 2)).toBe(true);
    expect(counts.size).toBe(sim.events().length);
  });

  it("shuffle reorders a batch, reproducibly for a seed", async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const { sim, stripe, deliveries } = setup({ delivery: { shuffle: true, seed: 42 } });
      await saleToNewAccount(sim, stripe);
      await sim.flushWebhooks();
      const emitted = sim.events().filter((event) => event.type !== "account.updated");
      runs.push(deliveries.map(eventType).filter((type) => type !== "account.updated"));
      expect(runs.at(-1)).not.toEqual(emitted.map((event) => event.type));
      expect([...(runs.at(-1) ?? [])].sort()).toEqual(emitted.map((event) => event.type).sort());
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  it("maxDelayMs holds deliveries back, and flushWebhooks waits for the last one", async () => {
    const { sim, stripe, deliveries } = setup({ delivery: { maxDelayMs: 300, seed: 3 } });
    await saleToNewAccount(sim, stripe);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const early = deliveries.length;
    await sim.flushWebhooks();
    expect(early).toBeLessThan(sim.events().length);
    expect(deliveries).toHaveLength(sim.events().length);
  });

  it("retries a failing endpoint with backoff, up to `retries` more times", async () => {
    let failures = 2;
    const { stripe, deliveries, sim } = setup({ delivery: { retries: 3, retryDelayMs: 5 } }, () => (failures-- > 0 ? 500 : 200));
    await stripe.accounts.update((await stripe.accounts.create({ type: "express" })).id, { email: "a@example.com" });
    await sim.flushWebhooks();
    expect(deliveries.map(eventType)).toEqual(["account.updated", "account.updated", "account.updated"]);

    const {
      stripe: stripe2,
      deliveries: deliveries2,
      sim: sim2,
    } = setup({ delivery: { retries: 1, retryDelayMs: 5 } }, () => {
      throw new Error("connection refused");
    });
    await stripe2.accounts.update((await stripe2.accounts.create({ type: "express" })).id, { email: "a@example.com" });
    await sim2.flushWebhooks();
    expect(deliveries2).toHaveLength(2);
  });
});

describe("Stripe simulator: state file", () => {
  it("saves after changes and on close, atomically, and a new simulator on the same file sees the same objects", async () => {
    const directory = mkdtempSync(join(tmpdir(), "stripe-sim-"));
    // onTestFinished runs after the afterEach that closes the simulators, which save into this directory.
    onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
    const statePath = join(directory, "state", "stripe-simulator.json");
    const first = setup({ statePath });
    const { accountId, session } = await saleToNewAccount(first.sim, first.stripe);
    first.sim.setClock(Date.UTC(2026, 5, 1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(readdirSync(join(directory, "state"))).toEqual(["stripe-simulator.json"]);
    const eventIds = first.sim.events().map((event) => event.id);
    await first.sim.close();

    const second = setup({ statePath });
    expect((await second.stripe.accounts.retrieve(accountId)).charges_enabled).toBe(true);
    expect((await second.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
    expect(second.sim.events().map((event) => event.id)).toEqual(eventIds);
    expect(Math.abs(second.sim.clock() - Date.UTC(2026, 5, 1))).toBeLessThan(5_000);

    const fresh = setup({ statePath: join(directory, "other.json") });
    await expect(fresh.stripe.accounts.retrieve(accountId)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("Stripe simulator: HTTP server", () => {
  it("serves the SDK on port 0, the hosted checkout page redirects to success_url, and webhooks reach a real endpoint", async () => {
    const received: { body: string; signature: string; path: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["stripe-signature"]), path: req.url ?? "" });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => {
      receiver.close();
    });
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    const { sim } = simulator({ webhooks: { platform: { url: `${receiverUrl}/platform`, secret: "whsec_test" } } });
    const { url, port } = await sim.listen(0);
    expect(port).toBeGreaterThan(0);
    const stripe = new Stripe(sim.secretKey, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
    const account = await stripe.accounts.create({ type: "express", country: "NO" });
    const onboard = await fetch(`${url}/_simulator/accounts/${account.id}/complete_onboarding`, { method: "POST" });
    expect(onboard.status).toBe(200);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price_data: { currency: "nok", unit_amount: 10_000, product_data: { name: "Plan" } }, quantity: 1 }],
      payment_intent_data: { application_fee_amount: 2_000, transfer_data: { destination: account.id } },
      success_url: "https://shop.example/ok?session={CHECKOUT_SESSION_ID}",
    });
    expect(session.url).toBe(`${url}/hosted/checkout/${session.id}`);
    const page = await fetch(session.url as string);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("4242 4242 4242 4242");
    const paid = await fetch(session.url as string, {
      method: "POST",
      body: new URLSearchParams({ action: "pay", card: "4242424242424242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`https://shop.example/ok?session=${session.id}`);

    const advanced = await fetch(`${url}/_simulator/advance`, { method: "POST", body: JSON.stringify({ days: 8 }) });
    expect(advanced.status).toBe(200);
    const bad = await fetch(`${url}/_simulator/disputes/du_missing/close`, { method: "POST", body: JSON.stringify({ outcome: "maybe" }) });
    expect(bad.status).toBe(400);

    await sim.flushWebhooks();
    const types = received.map((delivery) => {
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, "whsec_test");
      expect(delivery.path).toBe("/platform");
      return event.type;
    });
    expect(types).toEqual(expect.arrayContaining(["charge.succeeded", "checkout.session.completed", "balance.available"]));
    const events = (await (await fetch(`${url}/_simulator/events`)).json()) as { type: string }[];
    expect(events.length).toBeGreaterThan(types.length);
  });
});
