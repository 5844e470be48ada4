/**
 * The load the benchmark sends with autocannon: consent events of policy privacy 2.0, each with a
 * subject and consent id never sent before, spread over the three demo tenants' keys, one per
 * request or 500 per batch. Every 201 answer's acknowledgements are kept, so the run can check
 * afterwards that each acknowledged record is stored where the answer said.
 */
import autocannon, { type RequestDefinition, type Result } from "autocannon";

/** The demo tenants' publishable keys (seedDemoData). */
export const DEMO_KEYS = ["pk_demo_northwave", "pk_demo_fjordsound", "pk_demo_beatlab"] as const;
export const SINGLE_PATH = "/api/public/consent";
export const BATCH_PATH = "/api/public/consent/batch";
export const BATCH_SIZE = 500;

/** A current desktop browser's user agent: the ledger stores it (truncated to 512 characters). */
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const ID = "\u0000";

/** What the bare baseline and the single-event endpoint receive: the same bytes per request. */
export type Endpoint = "bare" | "single" | "batch";

export interface LedgerAckLike {
  recordId: string;
  seq: number;
  hash: string;
}

/** Acknowledgements from 201 answers, column by column (a run collects a million or more). */
export class AckLog {
  readonly recordIds: string[] = [];
  readonly seqs: number[] = [];
  readonly hashes: string[] = [];

  add(ack: LedgerAckLike) {
    this.recordIds.push(ack.recordId);
    this.seqs.push(ack.seq);
    this.hashes.push(ack.hash);
  }

  get size() {
    return this.recordIds.length;
  }
}

/** Builds event bodies quickly: the JSON is made once, only the ids change. */
export class EventFactory {
  private readonly parts: string[];
  private next = 0;

  /** `tag` makes ids unique to this run; `occurredAt` is the same for all (within the accepted window). */
  constructor(
    private readonly tag: string,
    occurredAt: string,
  ) {
    const template = JSON.stringify({
      subjectId: ID,
      consentId: ID,
      policy: { kind: "privacy", version: "2.0" },
      bannerVersion: "3",
      action: "save_custom",
      occurredAt,
      purposes: {
        preferences: "acknowledged",
        stripe_checkout: "acknowledged",
        audio_mastering_data: "acknowledged",
        tidio: "granted",
        product_analytics: "denied",
      },
      language: "nb",
      path: "/checkout",
      gpc: false,
      country: "NO",
    });
    this.parts = template.split(JSON.stringify(ID).slice(1, -1));
  }

  /** Events made so far (every one is unique). */
  get made() {
    return this.next;
  }

  event(): string {
    const n = this.next++;
    const [before, between, after] = this.parts;
    return `${before}dev_${this.tag}_${n}${between}c_${this.tag}_${n}${after}`;
  }

  batch(size = BATCH_SIZE): string {
    const events = new Array<string>(size);
    for (let i = 0; i < size; i++) events[i] = this.event();
    return `{"events":[${events.join(",")}]}`;
  }
}

/** The first few answers that were not 201, by status, to say what went wrong. */
export type RefusalSamples = Map<number, string[]>;

export interface LoadOptions {
  url: string;
  endpoint: Endpoint;
  connections: number;
  /** Seconds. */
  duration: number;
  events: EventFactory;
  acks: AckLog;
  refusals: RefusalSamples;
}

export interface LoadResult {
  result: Result;
  /** Events in answers counted as 2xx. */
  eventsAcknowledged: number;
}

function requestsFor({ endpoint, events, acks, refusals }: LoadOptions): RequestDefinition[] {
  const batch = endpoint === "batch";
  return DEMO_KEYS.map((key) => ({
    method: "POST",
    path: batch ? BATCH_PATH : SINGLE_PATH,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "user-agent": USER_AGENT },
    setupRequest: (request) => ({ ...request, body: batch ? events.batch() : events.event() }),
    onResponse: (status, body) => {
      if (status === 201) {
        const answer = JSON.parse(body) as LedgerAckLike | { records: LedgerAckLike[] };
        if ("records" in answer) for (const ack of answer.records) acks.add(ack);
        else acks.add(answer);
        return;
      }
      const samples = refusals.get(status) ?? [];
      if (samples.length < 3) samples.push(body.slice(0, 300));
      refusals.set(status, samples);
    },
  }));
}

/** Runs autocannon for `duration` seconds; requests still open at the end are abandoned (not counted). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const before = options.acks.size;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    pipelining: 1,
    timeout: 30,
    requests: requestsFor(options),
  });
  return { result, eventsAcknowledged: options.acks.size - before };
}
