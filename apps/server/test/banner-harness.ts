/**
 * What the embed tests share: the console's server as app.ts puts it together for the embed (helmet,
 * the public routes, the embed plugin), Northwave's privacy policy exactly as storefronts receive it,
 * and a storefront page in jsdom that runs the banner script as GET /embed/consent.js serves it,
 * with a fake fetch standing in for the console.
 */
import fastifyHelmet from "@fastify/helmet";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { checkEventAgainstPolicy, consentEventSchema, type PolicyPurpose } from "@pc/shared";
import Fastify from "fastify";
import { JSDOM, requestInterceptor, VirtualConsole } from "jsdom";
import { afterEach, beforeAll, expect } from "vitest";
import { assembleConsentScript } from "../src/embed/consent-script.js";
import { embedRoutes } from "../src/embed/embed.routes.js";
import { publicRoutes } from "../src/http/public/public.routes.js";
import { contentSecurityPolicy } from "../src/http/security.js";

export const CONSOLE = "https://console.example.com";
export const STORE_KEY = "mc-consent:northwave";
export const NECESSARY = { preferences: "acknowledged", stripe_checkout: "acknowledged", audio_mastering_data: "acknowledged" };

export interface PublicPolicy {
  version: string;
  title: string;
  html: string;
  purposes: PolicyPurpose[];
  reconsentSince: string | null;
  reconsent: { since: string; summary: string } | null;
}

/** Like app.ts: helmet first, then the public routes and the embed plugin. */
export async function embedServer(db: TestDatabase["db"], isProduction: boolean) {
  const instance = Fastify({ logger: false });
  await instance.register(fastifyHelmet, { contentSecurityPolicy, frameguard: { action: "deny" }, crossOriginEmbedderPolicy: false });
  await instance.register(publicRoutes, { prefix: "/api/public", db, publicUrl: CONSOLE });
  await instance.register(embedRoutes, { production: isProduction, db });
  return instance;
}

/** Northwave's privacy policy exactly as GET /api/public/tenants/northwave/policies/privacy serves it. */
export async function loadNorthwavePolicy(): Promise<PublicPolicy> {
  const t = await createTestDatabase();
  const app = await embedServer(t.db, false);
  try {
    const res = await app.inject({ method: "GET", url: "/api/public/tenants/northwave/policies/privacy" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  } finally {
    await app.close();
    await t.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T, what: string, ms = 3000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

type Answer = number | "network";

interface BannerSetup {
  policy?: PublicPolicy | null;
  config?: unknown;
  /** What the ledger answers each post, in order; 201 once these run out. */
  answers?: Answer[];
  gpc?: boolean;
  stored?: unknown;
  htmlLang?: string;
  scriptAttributes?: string;
}

interface Post {
  url: string;
  headers: Record<string, string>;
  keepalive: boolean | undefined;
  body: Record<string, unknown> & { purposes: Record<string, string>; consentId: string; action: string };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/**
 * Storefront pages for the tests of one file, serving `policy()` unless a test says otherwise. Reads
 * the banner script before all tests; after each, closes its pages and fails on any script error.
 */
export function bannerPages(policy: () => PublicPolicy) {
  let source = "";
  beforeAll(async () => {
    source = (await assembleConsentScript()).toString("utf8");
  });

  const open: Array<{ dom: JSDOM; errors: string[] }> = [];
  afterEach(() => {
    const errors = open.flatMap((page) => page.errors);
    for (const page of open.splice(0)) page.dom.window.close();
    // No test may leave a script error behind.
    expect(errors).toEqual([]);
  });

  /** A storefront page at /checkout?… including the banner, with a fake fetch serving the console. */
  async function storefront(setup: BannerSetup = {}) {
    const posts: Post[] = [];
    const events: Array<{ type: string; detail: Record<string, unknown> }> = [];
    const warnings: string[] = [];
    const errors: string[] = [];
    const answers = [...(setup.answers ?? [])];
    let seq = 0;
    const served = setup.policy === undefined ? policy() : setup.policy;

    const fakeFetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
      const url = String(input);
      if (init.method === "POST") {
        posts.push({
          url,
          headers: init.headers as Record<string, string>,
          keepalive: init.keepalive,
          body: JSON.parse(String(init.body)),
        });
        const answer = answers.shift() ?? 201;
        if (answer === "network") throw new TypeError("Failed to fetch");
        if (answer === 201) {
          seq++;
          return json({ recordId: `rec_${seq}`, seq, hash: "ab".repeat(32), receivedAt: new Date().toISOString() }, 201);
        }
        return json({ error: { code: "REFUSED", message: `answered ${answer}` } }, answer);
      }
      if (url === `${CONSOLE}/api/public/tenants/northwave/policies/privacy`) {
        return served ? json(served) : json({ error: { code: "NOT_FOUND", message: "No storefront named northwave" } }, 404);
      }
      if (url === `${CONSOLE}/api/public/tenants/northwave/config`) {
        return setup.config === undefined ? json({ error: { code: "NOT_FOUND", message: "no" } }, 404) : json(setup.config);
      }
      throw new TypeError(`unexpected fetch ${url}`);
    };

    const virtualConsole = new VirtualConsole();
    virtualConsole.on("warn", (message: string) => warnings.push(String(message)));
    virtualConsole.on("error", (message: string) => errors.push(String(message)));
    virtualConsole.on("jsdomError", (error: Error) => errors.push(error.stack ?? error.message));

    const dom = new JSDOM(
      `<!doctype html><html lang="${setup.htmlLang ?? "en"}"><head>
<script src="${CONSOLE}/embed/consent.js" data-tenant="northwave" data-key="pk_demo_northwave" ${setup.scriptAttributes ?? ""} async></script>
</head><body><main><h1>Shop</h1><button id="elsewhere">Elsewhere</button></main>
<footer><a href="#privacy" data-mc-consent-settings>Privacy settings</a></footer></body></html>`,
      {
        url: "https://shop.northwave.example/checkout?email=someone%40example.com#pay",
        runScripts: "dangerously",
        pretendToBeVisual: true,
        virtualConsole,
        resources: {
          interceptors: [
            requestInterceptor((request) =>
              request.url === `${CONSOLE}/embed/consent.js`
                ? new Response(source, { headers: { "content-type": "text/javascript" } })
                : new Response("", { status: 404 }),
            ),
          ],
        },
        beforeParse(window) {
          Object.assign(window, { fetch: fakeFetch });
          if (setup.gpc) Object.defineProperty(window.navigator, "globalPrivacyControl", { value: true });
          if (setup.stored !== undefined) window.localStorage.setItem(STORE_KEY, JSON.stringify(setup.stored));
          for (const type of ["mc:consent", "mc:consent-recorded", "mc:consent-error"]) {
            window.document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
          }
        },
      },
    );
    open.push({ dom, errors });
    const { window } = dom;
    const { document } = window;
    await waitFor(() => "MasterchannelConsent" in window, "the banner script to run");

    const byText = (scope: ParentNode, selector: string, text: string) =>
      Array.from(scope.querySelectorAll<HTMLElement>(selector)).find((element) => element.textContent?.trim() === text);
    const page = {
      window,
      document,
      posts,
      events,
      warnings,
      errors,
      api: (window as unknown as { MasterchannelConsent: { open(): void; get(): unknown; withdraw(): void } }).MasterchannelConsent,
      banner: () => document.querySelector<HTMLElement>(".mc-banner"),
      settings: () => document.getElementById("mc-settings"),
      stored: () => JSON.parse(window.localStorage.getItem(STORE_KEY) ?? "null"),
      /** The button labelled `text`, inside `scope` (the whole page by default); fails when there is none. */
      button(text: string, scope: ParentNode = document) {
        const found = byText(scope, "button", text);
        if (!found) throw new Error(`no button "${text}"`);
        return found;
      },
      hasButton: (text: string, scope: ParentNode = document) => byText(scope, "button", text) !== undefined,
      switchFor: (key: string) => document.getElementById(`mc-purpose-${key}`) as HTMLInputElement | null,
      eventsOf: (type: string) => events.filter((event) => event.type === type),
      nextEvent: (type: string, ms?: number) => waitFor(() => events.find((event) => event.type === type), type, ms),
      async settled() {
        await waitFor(() => document.querySelector(".mc-root"), "the banner to mount");
      },
    };
    return page;
  }

  /** The checks the ledger makes: the wire schema (400) and the policy's purposes (422). */
  function expectAcceptedByLedger(body: unknown) {
    const parsed = consentEventSchema().safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    if (!parsed.success) return;
    expect(checkEventAgainstPolicy(parsed.data, policy().purposes)).toEqual([]);
  }

  return { storefront, expectAcceptedByLedger };
}
