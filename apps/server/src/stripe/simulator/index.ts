// A stateful in-memory Stripe for running the console without keys or network: the REST API the
// console uses (destination charges through Checkout, refunds, transfers, payouts, balance),
// hosted onboarding and checkout pages, signed webhooks, and control calls that move time and
// make things go wrong. See README.md beside this file.
import type { Server } from "node:http";
import { handleApi } from "./api.js";
import { toUnix } from "./clock.js";
import type { SimContext } from "./context.js";
import { handleControl } from "./control.js";
import { invalidRequest } from "./errors.js";
import { buildEvent } from "./events.js";
import { handleHosted } from "./hosted-pages.js";
import { loadState, StateSaver } from "./persistence.js";
import { present } from "./render.js";
import { completeOnboarding, type RequirementsUpdate, setRequirements } from "./resources/accounts.js";
import { recordTransaction } from "./resources/balance.js";
import { type CheckoutResult, payCheckoutSession } from "./resources/checkout.js";
import { closeDispute, createDispute } from "./resources/disputes.js";
import { setPayoutFailures } from "./resources/payouts.js";
import { startServer, stopServer } from "./server.js";
import { emptyState, Store } from "./store.js";
import { advanceClock, runPayoutsNow } from "./time.js";
import type { Dispute, SimEvent, WebhookTarget } from "./types.js";
import { type DeliveryOptions, type Endpoints, fetchDeliver, WebhookQueue } from "./webhooks.js";

export { SimulatorError } from "./errors.js";
export { SIMULATED_API_VERSION } from "./events.js";
export type { RequirementsUpdate } from "./resources/accounts.js";
export type { CheckoutResult } from "./resources/checkout.js";
export { PAYOUT_FAILURE_MESSAGES } from "./resources/payouts.js";
export type { Dispute, SimEvent, WebhookEndpoint, WebhookTarget } from "./types.js";
export type { DeliveryOptions } from "./webhooks.js";

export const SIMULATOR_SECRET_KEY = "sk_test_simulator";

/** The webhook signing secrets of simulator mode (never used with real Stripe). */
export const DEFAULT_WEBHOOK_SECRETS = { platform: "whsec_simulator_platform", connect: "whsec_simulator_connect" } as const;

export interface SimulatorOptions {
  /** JSON state file: loaded at creation when present, saved ~200 ms after changes and on close(). */
  statePath?: string;
  /** Base URL of the hosted pages; defaults to the server's own URL once listening, else http://127.0.0.1. */
  publicUrl?: string;
  webhooks?: Endpoints;
  /** Sends one webhook; returns the HTTP status. Defaults to a fetch POST to the endpoint's url. */
  deliver?: (target: WebhookTarget, body: string, headers: Record<string, string>) => Promise<number>;
  delivery?: DeliveryOptions;
  /** The wall clock in ms; simulator time is this plus an offset moved by setClock/advanceTo. */
  now?: () => number;
  /** Days before a charge's funds become available; the default of new accounts' delay_days. */
  payoutDelayDays?: number;
}

export interface StripeSimulator {
  handle(request: Request): Promise<Response>;
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops the server, drops webhooks not yet started (waits for those in flight), saves state. */
  close(): Promise<void>;
  setWebhookEndpoints(endpoints: Endpoints): void;
  setDeliveryOptions(options: DeliveryOptions): void;
  flushWebhooks(): Promise<void>;
  /** Every event generated, oldest first. */
  events(): SimEvent[];
  readonly secretKey: string;
  clock(): number;
  setClock(ms: number): void;
  advanceTo(ms: number): Promise<void>;
  completeCheckoutSession(sessionId: string, opts?: { card?: string }): Promise<CheckoutResult>;
  completeOnboarding(accountId: string): void;
  setRequirements(accountId: string, requirements: RequirementsUpdate): void;
  failNextPayouts(accountId: string, failureCode: string | null): void;
  createDispute(chargeId: string, opts?: { amount?: number; reason?: string }): Dispute;
  closeDispute(disputeId: string, outcome: "won" | "lost"): void;
  addAdjustment(accountId: string, amount: number, currency: string, description: string): void;
  runPayouts(): Promise<void>;
}

// While serving, time also passes by itself: catch up on payouts and availability each minute.
const TICK_MS = 60_000;

export function createStripeSimulator(options: SimulatorOptions = {}): StripeSimulator {
  const wallNow = options.now ?? Date.now;
  const state = (options.statePath ? loadState(options.statePath) : undefined) ?? emptyState(wallNow());
  const store = new Store(state);
  let endpoints: Endpoints = { ...options.webhooks };
  let serverUrl: string | undefined;
  let server: Server | undefined;
  let ticker: NodeJS.Timeout | undefined;
  // advanceTo calls take turns: each one runs whole days against the shared clock.
  let timeLine: Promise<void> = Promise.resolve();

  const saver = options.statePath ? new StateSaver(options.statePath, () => state) : undefined;
  const changed = () => saver?.schedule();
  const queue = new WebhookQueue(() => endpoints, options.deliver ?? fetchDeliver(() => endpoints), wallNow, options.delivery);

  const ctx: SimContext = {
    store,
    now: () => wallNow() + state.clockOffsetMs,
    unix: () => toUnix(wallNow() + state.clockOffsetMs),
    emit(type, object, emitOptions = {}) {
      const event = buildEvent({ type, object: present(object, ctx.unix()), created: ctx.unix(), ...emitOptions });
      store.put(event, emitOptions.account ?? null);
      state.eventIds.push(event.id);
      queue.enqueue(event);
      return event;
    },
    publicUrl: () => options.publicUrl ?? serverUrl ?? "http://127.0.0.1",
    payoutDelayDays: options.payoutDelayDays ?? 7,
  };

  /** Runs a control call and schedules a save, whether it succeeded or not. */
  function mutate<T>(action: () => T): T {
    try {
      return action();
    } finally {
      changed();
    }
  }

  const setNow = (ms: number) => {
    state.clockOffsetMs = ms - wallNow();
  };

  function advanceTo(ms: number): Promise<void> {
    const run = timeLine.then(() => advanceClock(ctx, setNow, ms)).finally(changed);
    timeLine = run.catch(() => undefined);
    return run;
  }

  const sim: StripeSimulator = {
    secretKey: SIMULATOR_SECRET_KEY,

    async handle(request) {
      const url = new URL(request.url);
      const segments = url.pathname.split("/").filter(Boolean);
      if (segments[0] === "v1") {
        const { response, mutated } = await handleApi(ctx, request, url, wallNow);
        if (mutated) changed();
        return response;
      }
      if (segments[0] === "hosted") {
        const actions = {
          completeOnboarding: (accountId: string) => completeOnboarding(ctx, accountId),
          payCheckoutSession: (sessionId: string, card: string) => void payCheckoutSession(ctx, sessionId, card),
        };
        return handleHosted(ctx, actions, request, segments.slice(1)).finally(changed);
      }
      if (segments[0] === "_simulator") return handleControl(sim, request, segments.slice(1).join("/"));
      const message = `Unrecognized request URL (${request.method}: ${url.pathname}).`;
      return Response.json({ error: { type: "invalid_request_error", message } }, { status: 404 });
    },

    async listen(port = 0, host = "127.0.0.1") {
      if (server) throw new Error("The Stripe simulator is already listening");
      const started = await startServer(sim.handle, port, host);
      server = started.server;
      serverUrl = `http://${host.includes(":") ? `[${host}]` : host}:${started.port}`;
      ticker = setInterval(() => void advanceTo(Math.max(ctx.now(), state.processedThroughMs)).catch(() => undefined), TICK_MS);
      ticker.unref();
      return { url: serverUrl, port: started.port };
    },

    async close() {
      if (ticker) clearInterval(ticker);
      if (server) await stopServer(server);
      server = undefined;
      await timeLine;
      await queue.close();
      await saver?.save();
    },

    setWebhookEndpoints(next) {
      endpoints = { ...next };
    },
    setDeliveryOptions(next) {
      queue.setOptions(next);
    },
    flushWebhooks: () => queue.flush(),
    events: () => state.eventIds.flatMap((id) => store.get(id, "event") ?? []).map((event) => structuredClone(event)),

    clock: () => ctx.now(),
    setClock(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`setClock needs a time in ms, got ${ms}`);
      mutate(() => {
        setNow(ms);
        // A jump: nothing of the skipped time is replayed.
        state.processedThroughMs = ms;
      });
    },
    advanceTo,

    async completeCheckoutSession(sessionId, opts = {}) {
      return present(
        mutate(() => payCheckoutSession(ctx, sessionId, opts.card)),
        ctx.unix(),
      );
    },
    completeOnboarding(accountId) {
      mutate(() => completeOnboarding(ctx, accountId));
    },
    setRequirements(accountId, requirements) {
      mutate(() => setRequirements(ctx, accountId, requirements));
    },
    failNextPayouts(accountId, failureCode) {
      mutate(() => setPayoutFailures(ctx, accountId, failureCode));
    },
    createDispute(chargeId, opts = {}) {
      return present(
        mutate(() => createDispute(ctx, chargeId, opts)),
        ctx.unix(),
      );
    },
    closeDispute(disputeId, outcome) {
      mutate(() => closeDispute(ctx, disputeId, outcome));
    },
    addAdjustment(accountId, amount, currency, description) {
      mutate(() => {
        store.scoped(accountId, "account", null, "account");
        if (!Number.isSafeInteger(amount) || amount === 0) throw invalidRequest("amount must be a non-zero integer", { param: "amount" });
        if (!/^[a-zA-Z]{3}$/.test(currency)) throw invalidRequest(`Invalid currency: ${currency}.`, { param: "currency" });
        recordTransaction(ctx, accountId, { amount, currency: currency.toLowerCase(), type: "adjustment", source: null, description });
      });
    },
    async runPayouts() {
      await timeLine;
      mutate(() => runPayoutsNow(ctx));
    },
  };
  return sim;
}
