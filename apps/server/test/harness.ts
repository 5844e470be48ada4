/**
 * Test harness: a fresh database per test file and tRPC callers acting as a given person,
 * going through the same context, session and RLS code as a real request.
 */
import { DEMO_PASSWORD } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { createCaller } from "../src/router.js";
import { type AppServices, buildContext, type CookieJar, type RequestInfo } from "../src/trpc/context.js";

export const PUBLIC_URL = "http://console.test";

export interface Client {
  caller: ReturnType<typeof createCaller>;
  /** The session cookie's token, if the client holds one. */
  token: string | undefined;
  headers: Map<string, string>;
}

export interface Harness {
  db: TestDatabase;
  services: AppServices;
  /** A caller with a cookie jar of its own, as one browser. */
  client(options?: { token?: string; ip?: string }): Promise<Client>;
  /** Logs in as a demo account (or any with the given password) and answers its client. */
  as(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

let requestCounter = 0;

export async function createHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const services: AppServices = { rootDb: db.db, dbKind: db.kind, publicUrl: PUBLIC_URL };

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

  return { db, services, client, as, close: () => db.close() };
}

/** The tenant id of a demo slug. */
export async function tenantIdOf(harness: Harness, slug: string): Promise<string> {
  const admin = await harness.as("admin@masterchannel.test");
  const tenant = (await admin.caller.tenants.list()).find((t) => t.slug === slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  return tenant.id;
}
