/**
 * The consent banner's dialogs for keyboard and screen-reader users, in a storefront page (jsdom):
 * the first-visit banner, the modal settings (switches, focus in and back out, Tab trapped, Escape)
 * and the privacy policy dialog. Choices, GPC, re-consent and sending: consent-banner.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bannerPages, loadNorthwavePolicy, NECESSARY, type PublicPolicy, waitFor } from "./banner-harness.js";

let policy: PublicPolicy;
beforeAll(async () => {
  policy = await loadNorthwavePolicy();
});
const { storefront, expectAcceptedByLedger } = bannerPages(() => policy);

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

  describe("loading", () => {
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
