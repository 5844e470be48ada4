/**
 * The storefront consent banner: GET /embed/consent.js over HTTP (headers, size, ETag), the demo
 * storefront outside production (its own CSP over helmet's, the tenant's key) and its 404s, then
 * the banner itself in jsdom against the real public policy JSON: every event it posts must pass
 * the ledger's wire schema and its check against the policy's purposes, so the banner cannot drift
 * from the contract storefronts code against.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fastifyHelmet from "@fastify/helmet";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { checkEventAgainstPolicy, consentEventSchema, type PolicyPurpose } from "@pc/shared";
import Fastify, { type FastifyInstance } from "fastify";
import { JSDOM, requestInterceptor, VirtualConsole } from "jsdom";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { embedRoutes } from "../src/embed/embed.routes.js";
import { publicRoutes } from "../src/http/public/public.routes.js";
import { contentSecurityPolicy } from "../src/http/security.js";

const CONSOLE = "https://console.example.com";
const SCRIPT_PATH = join(import.meta.dirname, "../src/embed/consent.js");
const MAX_GZIP_BYTES = 15 * 1024;

let t: TestDatabase;
/** Like app.ts: helmet first, then the public routes and the embed plugin. */
let app: FastifyInstance;
let production: FastifyInstance;
/** Northwave's privacy policy exactly as GET /api/public/tenants/northwave/policies/privacy serves it. */
let policy: PublicPolicy;

interface PublicPolicy {
  version: string;
  title: string;
  html: string;
  purposes: PolicyPurpose[];
  reconsentSince: string | null;
  reconsent: { since: string; summary: string } | null;
}

async function server(isProduction: boolean) {
  const instance = Fastify({ logger: false });
  await instance.register(fastifyHelmet, { contentSecurityPolicy, frameguard: { action: "deny" }, crossOriginEmbedderPolicy: false });
  await instance.register(publicRoutes, { prefix: "/api/public", db: t.db, publicUrl: CONSOLE });
  await instance.register(embedRoutes, { production: isProduction });
  return instance;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await server(false);
  production = await server(true);
  const res = await app.inject({ method: "GET", url: "/api/public/tenants/northwave/policies/privacy" });
  expect(res.statusCode, res.body).toBe(200);
  policy = res.json();
});
afterAll(async () => {
  await app.close();
  await production.close();
  await t.close();
});

describe("GET /embed/consent.js", () => {
  it("serves the banner's bytes as JavaScript any origin may load, cached five minutes with a strong ETag", async () => {
    const res = await app.inject({ method: "GET", url: "/embed/consent.js" });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(readFileSync(SCRIPT_PATH))).toBe(true);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("stays small: at most 15 KB gzipped", () => {
    const gzipped = gzipSync(readFileSync(SCRIPT_PATH), { level: 9 }).length;
    console.info(`consent.js: ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it("answers 304 without a body when the ETag matches (strong, weak or in a list), 200 otherwise", async () => {
    const first = await app.inject({ method: "GET", url: "/embed/consent.js" });
    const etag = first.headers.etag as string;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await app.inject({ method: "GET", url: "/embed/consent.js", headers: { "if-none-match": ifNoneMatch } });
      expect(res.statusCode, ifNoneMatch).toBe(304);
      expect(res.body).toBe("");
      expect(res.headers.etag).toBe(etag);
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
    }
    const stale = await app.inject({ method: "GET", url: "/embed/consent.js", headers: { "if-none-match": '"stale"' } });
    expect(stale.statusCode).toBe(200);
  });

  it("is served in production too", async () => {
    const res = await production.inject({ method: "GET", url: "/embed/consent.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });
});

describe("the demo storefront", () => {
  const directives = (header: string | string[] | number | undefined) =>
    new Map(
      String(header)
        .split(";")
        .map((part) => part.trim().split(/\s+/))
        .map(([name = "", ...values]) => [name, values.join(" ")]),
    );

  it("serves the tenant's shop page with the banner and its demo key, under its own CSP rather than helmet's", async () => {
    const res = await app.inject({ method: "GET", url: "/demo/storefront/northwave" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = directives(res.headers["content-security-policy"]);
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data:");
    expect(csp.get("frame-ancestors")).toBe("'none'");

    const { document } = new JSDOM(res.body).window;
    expect(document.querySelector("h1")?.textContent).toBe("Mastering for your tracks");
    expect(document.querySelector("nav")).not.toBeNull();
    const banner = document.querySelector('script[src="/embed/consent.js"]');
    expect(banner?.getAttribute("data-tenant")).toBe("northwave");
    expect(banner?.getAttribute("data-key")).toBe("pk_demo_northwave");
    expect(document.querySelector("footer [data-mc-consent-settings]")?.textContent).toBe("Privacy settings");
    expect(document.querySelector('[data-testid="consent-log"]')).not.toBeNull();
    // The CSP blocks inline scripts: every script must be a file.
    for (const script of document.querySelectorAll("script")) expect(script.getAttribute("src")).toMatch(/^\//);
  });

  it("serves the page's script, which loads Tidio only when granted", async () => {
    const res = await app.inject({ method: "GET", url: "/demo/storefront.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.body).toContain("mc:consent");
    expect(res.body).toContain("tidio-widget");
  });

  it("answers 404 for a name that is not a tenant slug", async () => {
    for (const slug of ["North_Wave", "a".repeat(64), "%3Cscript%3E", "north%20wave"]) {
      const res = await app.inject({ method: "GET", url: `/demo/storefront/${slug}` });
      expect(res.statusCode, slug).toBe(404);
      expect(res.body).not.toContain("<script");
    }
  });

  it("does not exist in production", async () => {
    for (const url of ["/demo/storefront/northwave", "/demo/storefront.js"]) {
      const res = await production.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The banner in jsdom.

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

const STORE_KEY = "mc-consent:northwave";
const open: Array<{ dom: JSDOM; errors: string[] }> = [];
afterEach(() => {
  const errors = open.flatMap((page) => page.errors);
  for (const page of open.splice(0)) page.dom.window.close();
  // No test may leave a script error behind.
  expect(errors).toEqual([]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor<T>(probe: () => T, what: string, ms = 3000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A storefront page at /checkout?… including the banner, with a fake fetch serving the console. */
async function storefront(setup: BannerSetup = {}) {
  const posts: Post[] = [];
  const events: Array<{ type: string; detail: Record<string, unknown> }> = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const answers = [...(setup.answers ?? [])];
  let seq = 0;
  const served = setup.policy === undefined ? policy : setup.policy;

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

  const source = readFileSync(SCRIPT_PATH, "utf8");
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
  expect(checkEventAgainstPolicy(parsed.data, policy.purposes)).toEqual([]);
}

const NECESSARY = { preferences: "acknowledged", stripe_checkout: "acknowledged", audio_mastering_data: "acknowledged" };

describe("the consent banner", () => {
  it("asks on a first visit, as a labelled non-modal dialog, and sends or stores nothing before a choice", async () => {
    const page = await storefront();
    const banner = await waitFor(page.banner, "the banner");
    expect(banner.getAttribute("role")).toBe("dialog");
    expect(banner.getAttribute("aria-modal")).toBeNull();
    expect(page.document.getElementById(banner.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("We value your privacy");
    expect(page.document.getElementById(banner.getAttribute("aria-describedby") ?? "")?.textContent).toContain("Tidio Support Chat");
    // Accept and reject look alike; both are first-level.
    expect(page.button("Accept all", banner).className).toBe(page.button("Reject all", banner).className);
    expect(page.hasButton("Choose", banner)).toBe(true);
    expect(page.posts).toEqual([]);
    expect(page.window.localStorage.length).toBe(0);
    expect(page.api.get()).toBeNull();
    expect(page.document.activeElement).toBe(page.document.body);
  });

  it("Accept all grants every opt-in purpose, acknowledges the necessary ones and records the event the ledger accepts", async () => {
    const page = await storefront();
    page.button("Accept all", await waitFor(page.banner, "the banner")).click();
    expect(page.posts).toHaveLength(1);
    const [post] = page.posts;
    expect(post?.url).toBe(`${CONSOLE}/api/public/consent`);
    expect(post?.headers).toEqual({ Authorization: "Bearer pk_demo_northwave", "Content-Type": "application/json" });
    expect(post?.keepalive).toBe(true);
    expect(post?.body).toMatchObject({
      policy: { kind: "privacy", version: policy.version },
      action: "accept_all",
      purposes: { ...NECESSARY, tidio: "granted", product_analytics: "granted" },
      language: "en",
      path: "/checkout",
      gpc: false,
    });
    expect(post?.body.subjectId).toMatch(/^dev_[0-9A-Z]{24}$/);
    expect(post?.body.consentId).toMatch(/^c_[0-9A-Z]{12}$/);
    expectAcceptedByLedger(post?.body);

    expect(page.banner()).toBeNull();
    expect(page.eventsOf("mc:consent").map((event) => event.detail)).toEqual([
      { purposes: post?.body.purposes, action: "accept_all", consentId: post?.body.consentId, policyVersion: policy.version },
    ]);
    expect(page.stored().choice).toMatchObject({
      consentId: post?.body.consentId,
      policyVersion: policy.version,
      purposes: post?.body.purposes,
    });
    expect(page.stored().subjectId).toBe(post?.body.subjectId);
    const recorded = await page.nextEvent("mc:consent-recorded");
    expect(recorded?.detail).toMatchObject({ consentId: post?.body.consentId, recordId: "rec_1", seq: 1 });
    await waitFor(() => page.stored().outbox.length === 0, "the outbox to empty");
  });

  it("Reject all denies every opt-in purpose", async () => {
    const page = await storefront();
    page.button("Reject all", await waitFor(page.banner, "the banner")).click();
    expect(page.posts.map((post) => post.body)).toMatchObject([
      { action: "reject_all", purposes: { ...NECESSARY, tidio: "denied", product_analytics: "denied" } },
    ]);
    expectAcceptedByLedger(page.posts[0]?.body);
    expect(page.eventsOf("mc:consent")[0]?.detail.purposes).toMatchObject({ tidio: "denied" });
  });

  it("Choose opens modal settings: necessary purposes always on, opt-ins off; saving tidio alone posts save_custom", async () => {
    const page = await storefront();
    const choose = page.button("Choose", await waitFor(page.banner, "the banner"));
    choose.focus();
    choose.click();
    const dialog = page.settings();
    expect(dialog?.getAttribute("role")).toBe("dialog");
    expect(dialog?.getAttribute("aria-modal")).toBe("true");
    expect(dialog?.contains(page.document.activeElement)).toBe(true);

    for (const key of Object.keys(NECESSARY)) {
      const input = page.switchFor(key);
      expect(input?.getAttribute("role"), key).toBe("switch");
      expect(input?.checked && input.disabled, key).toBe(true);
      expect(input?.labels?.[0]?.textContent, key).toContain("Strictly necessary");
    }
    const tidio = page.switchFor("tidio") as HTMLInputElement;
    expect(tidio.type).toBe("checkbox");
    expect(tidio.labels?.[0]?.textContent).toContain("Tidio Support Chat");
    expect([tidio.checked, tidio.disabled, page.switchFor("product_analytics")?.checked]).toEqual([false, false, false]);

    tidio.click();
    page.button("Save choices", dialog as HTMLElement).click();
    expect(page.posts.map((post) => post.body)).toMatchObject([
      { action: "save_custom", purposes: { ...NECESSARY, tidio: "granted", product_analytics: "denied" } },
    ]);
    expectAcceptedByLedger(page.posts[0]?.body);
    expect(page.settings()).toBeNull();
    expect(page.banner()).toBeNull();
    // The opener went with the banner: focus goes to the settings button, not lost.
    expect(page.document.activeElement?.textContent).toBe("Privacy settings");

    // The visitor sees the id to quote, and their choice, when they come back to the settings.
    page.api.open();
    expect(page.settings()?.querySelector("[data-mc-consent-id]")?.textContent).toBe(page.posts[0]?.body.consentId);
    expect(page.switchFor("tidio")?.checked).toBe(true);
  });

  it("traps Tab in the settings dialog, closes it on Escape and returns focus to the opener", async () => {
    const page = await storefront();
    await page.settled();
    const link = page.document.querySelector<HTMLElement>("[data-mc-consent-settings]") as HTMLElement;
    link.focus();
    link.click();
    const dialog = page.settings() as HTMLElement;
    const focusables = Array.from(dialog.querySelectorAll<HTMLElement>("button, input:not([disabled])"));
    const first = focusables[0] as HTMLElement;
    const last = focusables[focusables.length - 1] as HTMLElement;
    const press = (target: Element, key: string, shiftKey = false) =>
      target.dispatchEvent(new page.window.KeyboardEvent("keydown", { key, shiftKey, bubbles: true, cancelable: true }));

    last.focus();
    press(last, "Tab");
    expect(page.document.activeElement).toBe(first);
    press(first, "Tab", true);
    expect(page.document.activeElement).toBe(last);
    press(last, "Escape");
    expect(page.settings()).toBeNull();
    expect(page.document.activeElement).toBe(link);
    expect(page.posts).toEqual([]);
  });

  it("withdrawing takes one button and denies every opt-in purpose", async () => {
    const page = await storefront();
    page.button("Accept all", await waitFor(page.banner, "the banner")).click();
    page.document.querySelector<HTMLElement>("footer [data-mc-consent-settings]")?.click();
    page.button("Withdraw consent", page.settings() as HTMLElement).click();

    expect(page.posts).toHaveLength(2);
    const withdrawal = page.posts[1]?.body;
    expect(withdrawal).toMatchObject({ action: "withdraw", purposes: { ...NECESSARY, tidio: "denied", product_analytics: "denied" } });
    expect(withdrawal?.consentId).not.toBe(page.posts[0]?.body.consentId);
    expect(withdrawal?.subjectId).toBe(page.posts[0]?.body.subjectId);
    expectAcceptedByLedger(withdrawal);
    expect(
      page.eventsOf("mc:consent").map((event) => [event.detail.action, (event.detail.purposes as Record<string, string>).tidio]),
    ).toEqual([
      ["accept_all", "granted"],
      ["withdraw", "denied"],
    ]);
    // Nothing is left to withdraw.
    page.api.open();
    expect(page.hasButton("Withdraw consent", page.settings() as HTMLElement)).toBe(false);
  });

  it("MasterchannelConsent.withdraw() records a withdrawal too", async () => {
    const page = await storefront();
    page.button("Accept all", await waitFor(page.banner, "the banner")).click();
    page.api.withdraw();
    expect(page.posts.map((post) => post.body.action)).toEqual(["accept_all", "withdraw"]);
    expect(page.api.get()).toMatchObject({ action: "withdraw", purposes: { tidio: "denied" } });
  });

  it("with Global Privacy Control and no stored choice: records a gpc event denying the opt-ins, without showing the banner", async () => {
    const page = await storefront({ gpc: true });
    await waitFor(() => page.posts.length, "the gpc event");
    expect(page.banner()).toBeNull();
    const [post] = page.posts;
    expect(post?.body).toMatchObject({
      action: "gpc",
      gpc: true,
      purposes: { ...NECESSARY, tidio: "denied", product_analytics: "denied" },
    });
    expectAcceptedByLedger(post?.body);
    expect(page.eventsOf("mc:consent")[0]?.detail).toMatchObject({ action: "gpc", purposes: { tidio: "denied" } });

    // The visitor may still opt in; every event carries the browser's signal.
    page.api.open();
    expect(page.settings()?.textContent).toContain("Global Privacy Control");
    page.switchFor("tidio")?.click();
    page.button("Save choices", page.settings() as HTMLElement).click();
    expect(page.posts[1]?.body).toMatchObject({ action: "save_custom", gpc: true, purposes: { tidio: "granted" } });
    expectAcceptedByLedger(page.posts[1]?.body);
  });

  describe("a stored choice", () => {
    const grantedAll = { ...NECESSARY, tidio: "granted", product_analytics: "granted" };
    const storedChoice = (at: Date, overrides: Record<string, unknown> = {}) => ({
      subjectId: "dev_STORED",
      choice: {
        purposes: grantedAll,
        action: "accept_all",
        consentId: "c_STORED",
        policyVersion: policy.version,
        at: at.toISOString(),
        ...overrides,
      },
    });

    it("is announced once at load, without the banner or a new event", async () => {
      const page = await storefront({ stored: storedChoice(new Date()) });
      await waitFor(() => page.eventsOf("mc:consent").length, "mc:consent");
      await sleep(50);
      expect(page.eventsOf("mc:consent").map((event) => event.detail)).toEqual([
        { purposes: grantedAll, action: "accept_all", consentId: "c_STORED", policyVersion: policy.version },
      ]);
      expect(page.banner()).toBeNull();
      expect(page.posts).toEqual([]);
      expect(page.api.get()).toMatchObject({ consentId: "c_STORED" });
      expect(page.hasButton("Privacy settings")).toBe(true);
    });

    it("is asked again, with what changed, when the re-consent requirement is newer than the choice", async () => {
      expect(policy.reconsent, "the demo seed requires re-consent to 2.0").not.toBeNull();
      const since = Date.parse(policy.reconsent?.since ?? "");
      const page = await storefront({ stored: storedChoice(new Date(since - 60_000)) });
      const banner = await waitFor(page.banner, "the banner");
      expect(banner.textContent).toContain("We have updated our privacy policy");
      expect(banner.textContent).toContain(policy.reconsent?.summary);
      expect(page.eventsOf("mc:consent")).toEqual([]);
      expect(page.api.get()).toBeNull();
    });

    it("is asked again when it was given to another version with other purposes, not when only the wording changed", async () => {
      const { product_analytics: _, ...withoutAnalytics } = grantedAll;
      const editorial = { ...policy, reconsentSince: null, reconsent: null };
      const older = await storefront({
        policy: editorial,
        stored: storedChoice(new Date(), { policyVersion: "1.1", purposes: withoutAnalytics }),
      });
      await waitFor(older.banner, "the banner");

      const sameKeys = await storefront({ policy: editorial, stored: storedChoice(new Date(), { policyVersion: "1.1" }) });
      await waitFor(() => sameKeys.eventsOf("mc:consent").length, "mc:consent");
      expect(sameKeys.banner()).toBeNull();
    });

    it("is re-sent from the outbox when a page closed before the ledger answered", async () => {
      const pending = {
        subjectId: "dev_STORED",
        consentId: "c_PENDING",
        policy: { kind: "privacy", version: policy.version },
        bannerVersion: "1",
        action: "reject_all",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        purposes: { ...NECESSARY, tidio: "denied", product_analytics: "denied" },
        language: "en",
        path: "/",
        gpc: false,
      };
      expectAcceptedByLedger(pending);
      const stored = { ...storedChoice(new Date(), { consentId: "c_PENDING" }), outbox: [pending] };
      const page = await storefront({ stored });
      await waitFor(() => page.posts.length, "the re-sent event");
      expect(page.posts[0]?.body).toEqual(pending);
      await waitFor(() => page.stored().outbox.length === 0, "the outbox to empty");
    });
  });

  describe("sending to the ledger", () => {
    it("does not retry an event the ledger refused (4xx), and reports it", async () => {
      const page = await storefront({ answers: [422] });
      page.button("Accept all", await waitFor(page.banner, "the banner")).click();
      const failure = await page.nextEvent("mc:consent-error");
      expect(failure?.detail).toMatchObject({ consentId: page.posts[0]?.body.consentId, status: 422, error: { code: "REFUSED" } });
      await sleep(1_500); // past the first retry's delay
      expect(page.posts).toHaveLength(1);
      expect(page.stored().outbox).toEqual([]);
    });

    it("retries the same event after a 5xx or a network failure, with a delay", async () => {
      const page = await storefront({ answers: [503, "network"] });
      page.button("Reject all", await waitFor(page.banner, "the banner")).click();
      expect(page.posts).toHaveLength(1);
      await sleep(300);
      expect(page.posts, "not at once").toHaveLength(1);
      await waitFor(() => page.eventsOf("mc:consent-recorded").length, "mc:consent-recorded", 10_000);
      expect(page.posts).toHaveLength(3);
      expect(new Set(page.posts.map((post) => JSON.stringify(post.body))).size).toBe(1);
      expect(page.eventsOf("mc:consent-error")).toEqual([]);
    }, 15_000);
  });

  describe("loading", () => {
    it("shows nothing and warns once when the policy cannot be loaded", async () => {
      const page = await storefront({ policy: null });
      await waitFor(() => page.warnings.length, "a warning");
      await sleep(50);
      expect(page.warnings).toHaveLength(1);
      expect(page.warnings[0]).toContain("privacy policy");
      expect(page.document.querySelector(".mc-root")).toBeNull();
      expect(page.document.querySelectorAll("style")).toHaveLength(0);
    });

    it("takes the tenant's name and colours from its config, and neutral ones without it", async () => {
      const config = {
        tenant: { slug: "northwave", name: "Northwave" },
        branding: {
          displayName: "Northwave Audio",
          light: { primary: "#0b5cff", accent: "#000000", background: "#fafafa", text: "#101010", buttonLabel: "#ffffff" },
          dark: { primary: "#7aa2ff", accent: "#ffffff", background: "#0a0a0a", text: "#f0f0f0", buttonLabel: "#000000" },
        },
      };
      const branded = await storefront({ config });
      const banner = await waitFor(branded.banner, "the banner");
      expect(banner.textContent).toContain("Northwave Audio uses cookies");
      const css = branded.document.querySelector(".mc-root style")?.textContent ?? "";
      expect(css).toContain("--mc-p:#0b5cff");
      expect(css).toMatch(/prefers-color-scheme:dark\)\{\.mc-root\{--mc-p:#7aa2ff/);

      const hostile = {
        ...config,
        branding: { ...config.branding, light: { ...config.branding.light, primary: "red;}body{display:none" } },
      };
      const guarded = await storefront({ config: hostile });
      await waitFor(guarded.banner, "the banner");
      const guardedCss = guarded.document.querySelector(".mc-root style")?.textContent ?? "";
      expect(guardedCss).not.toContain("body{display:none");
      expect(guardedCss).toContain("--mc-p:#1f2328;--mc-pl:#ffffff;--mc-bg:#fafafa");

      const plain = await storefront();
      expect((await waitFor(plain.banner, "the banner")).textContent).toContain("northwave uses cookies");
      expect(plain.document.querySelector(".mc-root style")?.textContent).toContain("--mc-p:#1f2328");
    });

    it("speaks Norwegian bokmål by data-lang or the page's language, and says so to the ledger", async () => {
      for (const setup of [{ scriptAttributes: 'data-lang="nb"' }, { htmlLang: "nb-NO" }]) {
        const page = await storefront(setup);
        const banner = await waitFor(page.banner, "the banner");
        expect(banner.textContent).toContain("Vi tar personvernet ditt på alvor");
        page.button("Avvis alle", banner).click();
        expect(page.posts[0]?.body.language).toBe("nb");
        expectAcceptedByLedger(page.posts[0]?.body);
      }
    });

    it("shows the sanitised policy in a modal dialog", async () => {
      const page = await storefront();
      const link = page.button("Read the privacy policy", await waitFor(page.banner, "the banner"));
      link.focus();
      link.click();
      const dialog = page.document.getElementById("mc-policy") as HTMLElement;
      expect(dialog.getAttribute("aria-modal")).toBe("true");
      expect(dialog.querySelector(".mc-policy")?.textContent).toContain("Tidio");
      dialog.querySelector<HTMLElement>('button[aria-label="Close"]')?.click();
      expect(page.document.getElementById("mc-policy")).toBeNull();
      expect(page.document.activeElement).toBe(link);
    });
  });
});
