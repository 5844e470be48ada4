/**
 * Test harness: a fresh database per test file and tRPC callers acting as a given person,
 * going through the same context, session and RLS code as a real request.
 */
import { DEMO_PASSWORD, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { createCaller } from "../src/router.js";
import { type AppServices, buildContext, type CookieJar, type RequestInfo } from "../src/trpc/context.js";
import { createFakeResolver, type FakeResolver } from "./fake-dns.js";

export const PUBLIC_URL = "http://console.test";

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
  /** A caller with a cookie jar of its own, as one browser. */
  client(options?: { token?: string; ip?: string }): Promise<Client>;
  /** Logs in as a demo account (or any with the given password) and answers its client. */
  as(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

let requestCounter = 0;

export async function createHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const rows = await db.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants);
  const idOf = (slug: DemoSlug) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`no demo tenant ${slug}`);
    return row.id;
  };
  const tenantIds = { northwave: idOf("northwave"), fjordsound: idOf("fjordsound"), beatlab: idOf("beatlab") };
  const dns = createFakeResolver();
  const services: AppServices = { rootDb: db.db, dbKind: db.kind, publicUrl: PUBLIC_URL, dns };

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

  return { db, tenantIds, services, dns, client, as, close: () => db.close() };
}
