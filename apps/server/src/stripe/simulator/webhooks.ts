// Webhook delivery, with the misbehaviour of the real thing on request: deliveries run after the
// API call has answered, failed ones are retried with backoff, and options add duplicates, delays
// and reordering, drawn from a seeded generator so a test can reproduce a run.
import { createHmac, randomInt } from "node:crypto";
import { mulberry32 } from "@pc/shared";
import type { SimEvent, WebhookEndpoint, WebhookTarget } from "./types.js";

export interface DeliveryOptions {
  /** Chance (0–1) that an event is delivered twice. */
  duplicateRate?: number;
  /** Each delivery waits a random 0..maxDelayMs first. */
  maxDelayMs?: number;
  /** Deliver the events raised together (one API call, one day of advanceTo) in random order. */
  shuffle?: boolean;
  seed?: number;
  /** Attempts after the first when the endpoint fails (non-2xx or network error). */
  retries?: number;
  /** Wait before the first retry, doubled for each next one. */
  retryDelayMs?: number;
}

export type Deliver = (target: WebhookTarget, body: string, headers: Record<string, string>) => Promise<number>;
export type Endpoints = { platform?: WebhookEndpoint; connect?: WebhookEndpoint };

/** Stripe's signature scheme: HMAC-SHA256 of "<t>.<body>" with the endpoint secret. */
function signatureHeader(secret: string, body: string, timestampS: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestampS}.${body}`).digest("hex");
  return `t=${timestampS},v1=${v1}`;
}

interface Job {
  event: SimEvent;
  target: WebhookTarget;
  delayMs: number;
}

export class WebhookQueue {
  private options: Required<DeliveryOptions>;
  private random: () => number;
  private batch: SimEvent[] | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;
  private inOrder: Promise<void> = Promise.resolve();

  constructor(
    private readonly endpoints: () => Endpoints,
    private readonly deliver: Deliver,
    private readonly wallNow: () => number,
    options: DeliveryOptions = {},
  ) {
    this.options = WebhookQueue.withDefaults(options);
    this.random = mulberry32(this.options.seed);
  }

  private static withDefaults(options: DeliveryOptions): Required<DeliveryOptions> {
    return {
      duplicateRate: options.duplicateRate ?? 0,
      maxDelayMs: options.maxDelayMs ?? 0,
      shuffle: options.shuffle ?? false,
      seed: options.seed ?? randomInt(2 ** 31),
      retries: options.retries ?? 3,
      retryDelayMs: options.retryDelayMs ?? 1000,
    };
  }

  setOptions(options: DeliveryOptions): void {
    this.options = WebhookQueue.withDefaults({ ...this.options, ...options });
    if (options.seed !== undefined) this.random = mulberry32(options.seed);
  }

  enqueue(event: SimEvent): void {
    if (this.closed) return;
    if (!this.batch) {
      const batch: SimEvent[] = [];
      this.batch = batch;
      // Delivered from a timer, never inside the API call that raised the events.
      this.track(
        this.sleep(0).then((awake) => {
          this.batch = null;
          return awake ? this.dispatch(batch) : undefined;
        }),
      );
    }
    this.batch.push(event);
  }

  /** Resolves once every queued delivery, including delayed copies and retries, has finished. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Drops what has not started yet and waits for deliveries in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    await this.flush();
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves true after `ms`, or false at once when the queue closes. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve(!this.closed);
      }, ms);
      this.sleepers.add(wake);
    });
  }

  private async dispatch(events: SimEvent[]): Promise<void> {
    const ordered = [...events];
    if (this.options.shuffle) {
      for (let i = ordered.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [ordered[i], ordered[j]] = [ordered[j] as SimEvent, ordered[i] as SimEvent];
      }
    }
    const jobs: Job[] = [];
    for (const event of ordered) {
      const copies = this.random() < this.options.duplicateRate ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        const delayMs = this.options.maxDelayMs > 0 ? Math.floor(this.random() * this.options.maxDelayMs) : 0;
        jobs.push({ event, target: event.account ? "connect" : "platform", delayMs });
      }
    }
    if (jobs.every((job) => job.delayMs === 0)) {
      // No delays asked for: keep the order, one delivery after the other, batch after batch.
      const run = this.inOrder.then(async () => {
        for (const job of jobs) await this.attempt(job, 0);
      });
      this.inOrder = run.catch(() => undefined);
      return run;
    }
    await Promise.all(jobs.map(async (job) => (await this.sleep(job.delayMs)) && this.attempt(job, 0)));
  }

  private async attempt(job: Job, retry: number): Promise<void> {
    const endpoint = this.endpoints()[job.target];
    if (this.closed || !endpoint) return;
    const body = JSON.stringify(job.event, null, 2);
    const headers = {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      // Signed with the wall clock: receivers check the timestamp against their own clock.
      "stripe-signature": signatureHeader(endpoint.secret, body, Math.floor(this.wallNow() / 1000)),
    };
    let ok = false;
    try {
      const status = await this.deliver(job.target, body, headers);
      ok = status >= 200 && status < 300;
    } catch {
      ok = false;
    }
    if (!ok && retry < this.options.retries) {
      const wait = this.options.retryDelayMs * 2 ** retry;
      this.track(this.sleep(wait).then((awake) => (awake ? this.attempt(job, retry + 1) : undefined)));
    }
  }
}

export function fetchDeliver(endpoints: () => Endpoints): Deliver {
  return async (target, body, headers) => {
    const endpoint = endpoints()[target];
    if (!endpoint) return 0;
    const response = await fetch(endpoint.url, { method: "POST", body, headers, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    return response.status;
  };
}
