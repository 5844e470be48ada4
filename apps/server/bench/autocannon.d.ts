/**
 * The part of autocannon 9.0.0's programmatic API the benchmark uses, typed from its source
 * (lib/run.js, lib/requestIterator.js, lib/httpRequestBuilder.js). @types/autocannon describes
 * version 7, so these few declarations are kept here instead.
 */
declare module "autocannon" {
  export interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface RequestDefinition extends RequestParams {
    /** Called before every request of this definition; what it answers is sent (falsy: skipped). */
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | undefined;
    /** Called with every response to this definition, body included. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    /** Seconds before a request counts as a timeout (an error). */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Each connection sends these in turn, round and round. */
    requests?: RequestDefinition[];
  }

  /** hdr-histogram-percentiles-obj: latency in milliseconds, requests and bytes per second sample. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total?: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  }

  export interface Result {
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    throughput: Histogram;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    "1xx": number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    statusCodeStats: Record<string, { count: number }>;
    /** Seconds, as measured by autocannon. */
    duration: number;
  }

  export default function autocannon(options: Options): Promise<Result>;
}
