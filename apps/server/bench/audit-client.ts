/**
 * The audit benchmark's HTTP client: talks to the console as the dashboard does. It signs in
 * (POST /trpc/auth.login with the CSRF header, keeping the session cookie), calls tRPC queries as
 * GET /trpc/<procedure>?input=<superjson>, and downloads exports, counting rows as they stream in.
 * Every call is timed from before the request to the last byte read (and parsed).
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface Timed<T> {
  ms: number;
  data: T;
}

export interface Download {
  status: number;
  /** Lines after the header (CSV) or lines (NDJSON): the records exported. */
  rows: number;
  bytes: number;
  seconds: number;
  estimatedTotal: number | null;
}

/** One kept-alive connection, as a browser tab reuses its own; node:http costs the client less than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export class ConsoleClient {
  private cookie = "";

  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-pc-csrf": "1" },
      body: JSON.stringify({ json: { email, password } }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Login as ${email} failed (${response.status}): ${text.slice(0, 300)}`);
    const cookies = response.headers.getSetCookie().map((header) => header.split(";", 1)[0] as string);
    if (cookies.length === 0) throw new Error("Login answered without a session cookie");
    this.cookie = cookies.join("; ");
  }

  /** A tRPC query; throws with the server's message on an error answer. */
  async query<T>(procedure: string, input: unknown): Promise<Timed<T>> {
    const url = `${this.baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const started = performance.now();
    const response = await get(url, { cookie: this.cookie });
    const body = JSON.parse(response.body) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string; code?: number } } };
    const ms = performance.now() - started;
    if (response.status !== 200 || !body.result) {
      const error = new Error(`${procedure} answered ${response.status}: ${body.error?.json?.message ?? "no result"}`);
      (error as Error & { status?: number }).status = response.status;
      throw error;
    }
    return { ms, data: body.result.data?.json as T };
  }

  /** Streams a download and counts its lines; the body is read and dropped as it comes. */
  async download(path: string, query: Record<string, string>, { header }: { header: boolean }): Promise<Download> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie: this.cookie } });
    let lines = 0;
    let bytes = 0;
    let last = 0x0a;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
        last = chunk[chunk.byteLength - 1] ?? last;
      }
    }
    if (last !== 0x0a) lines++;
    const seconds = (performance.now() - started) / 1000;
    const estimate = response.headers.get("x-estimated-total");
    return {
      status: response.status,
      rows: Math.max(0, lines - (header ? 1 : 0)),
      bytes,
      seconds,
      estimatedTotal: estimate === null ? null : Number(estimate),
    };
  }
}
