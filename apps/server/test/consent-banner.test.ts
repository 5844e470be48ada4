/**
 * The consent banner in a storefront page (jsdom) against Northwave's real public policy JSON: the
 * visitor's choices, Global Privacy Control, stored choices and re-consent, sending to the ledger, and
 * loading. Every event it posts must pass the ledger's wire schema and its check against the policy's
 * purposes, so the banner cannot drift from the contract storefronts code against. Keyboard, focus
 * and dialogs: consent-banner-a11y.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bannerPages, CONSOLE, loadNorthwavePolicy, NECESSARY, type PublicPolicy, sleep, waitFor } from "./banner-harness.js";

let policy: PublicPolicy;
beforeAll(async () => {
  policy = await loadNorthwavePolicy();
});
const { storefront, expectAcceptedByLedger } = bannerPages(() => policy);

describe("the consent banner", () => {
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
  });
});
