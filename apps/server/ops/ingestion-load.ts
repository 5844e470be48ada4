/**
 * Consent ingestion load for the ops tests: workers POST single events and batches with a
 * storefront's publishable key (no Origin header: a server-to-server sender), and every request's
 * outcome is kept: the HTTP status and the acknowledgements of a 201, or the connection error,
 * with when it was sent and settled. The acknowledgements are what must be found stored.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface Ack {
  recordId: string;
  seq: number;
  hash: string;
}

export interface Outcome {
  /** The server's URL. */
  server: string;
  events: number;
  /** The events' consent ids: the batch's records are found by them whether answered or not. */
  consentIds: string[];
  /** performance.now() when the request was sent and when its answer (or error) came. */
  sentAt: number;
  settledAt: number;
  /** The HTTP status, or null when the connection failed (`error` says how). */
  status: number | null;
  acks: Ack[];
  error: string | null;
}

/** Unique consent events of privacy policy 2.0 (the demo tenants' current version). */
export class ConsentEvents {
  private next = 0;

  constructor(private readonly tag: string) {}

  event(): { consentId: string } & Record<string, unknown> {
    const n = this.next++;
    return {
      subjectId: `ops_${this.tag}_${n}`,
      consentId: `c_${this.tag}_${n}`,
      policy: { kind: "privacy", version: "2.0" },
      bannerVersion: "3",
      action: "save_custom",
      occurredAt: new Date().toISOString(),
      purposes: {
        preferences: "acknowledged",
        stripe_checkout: "acknowledged",
        audio_mastering_data: "acknowledged",
        tidio: n % 3 === 0 ? "denied" : "granted",
        product_analytics: n % 2 === 0 ? "granted" : "denied",
      },
      language: "nb",
      path: "/checkout",
      gpc: false,
      country: "NO",
    };
  }
}

/** The root cause of a failed fetch: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, … */
function describe(error: unknown): string {
  let current = error as { code?: unknown; message?: string; cause?: unknown };
  for (let depth = 0; depth < 4 && current?.cause; depth++) current = current.cause as typeof current;
  return typeof current?.code === "string" ? current.code : (current?.message ?? String(error));
}

/** One request: `size` 0 is a single event (POST /api/public/consent), more a batch of that many. */
export async function postConsent(server: string, key: string, events: ConsentEvents, size: number): Promise<Outcome> {
  const batch = size > 0;
  const list = Array.from({ length: batch ? size : 1 }, () => events.event());
  const body = batch ? { events: list } : list[0];
  const consentIds = list.map((event) => event.consentId);
  const sentAt = performance.now();
  const outcome: Outcome = {
    server,
    events: consentIds.length,
    consentIds,
    sentAt,
    settledAt: sentAt,
    status: null,
    acks: [],
    error: null,
  };
  try {
    const response = await fetch(`${server}/api/public/consent${batch ? "/batch" : ""}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "user-agent": "pc-ops-test" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    outcome.status = response.status;
    if (response.status === 201) {
      const answer = JSON.parse(text) as Ack | { records: Ack[] };
      outcome.acks = "records" in answer ? answer.records : [answer];
    } else {
      outcome.error = text.slice(0, 300);
    }
  } catch (error) {
    outcome.error = describe(error);
  }
  outcome.settledAt = performance.now();
  return outcome;
}

export interface Load {
  outcomes: Outcome[];
  /** Lets each worker finish its request in flight and send no more. */
  stop(): void;
  /** Settles when every worker ended (stopped, or `next` answered null). */
  finished: Promise<void>;
}

/** `concurrency` workers sending one after another the sizes `next` answers (null: that worker ends). */
export function startLoad(options: {
  server: string;
  key: string;
  events: ConsentEvents;
  concurrency: number;
  next: () => number | null;
}): Load {
  const outcomes: Outcome[] = [];
  let stopped = false;
  async function worker() {
    while (!stopped) {
      const size = options.next();
      if (size === null) return;
      const outcome = await postConsent(options.server, options.key, options.events, size);
      outcomes.push(outcome);
      if (outcome.status === null) await sleep(20); // the server is gone or going: do not spin
    }
  }
  const finished = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => {});
  return {
    outcomes,
    stop: () => {
      stopped = true;
    },
    finished,
  };
}

/** Every acknowledgement of the 201 answers. */
export function acksOf(outcomes: readonly Outcome[]): Ack[] {
  return outcomes.flatMap((outcome) => outcome.acks);
}

/** How many outcomes had each status (or error), e.g. { "201": 812, "503": 4, ECONNREFUSED: 31 }. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.status === null ? (outcome.error ?? "error") : String(outcome.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
