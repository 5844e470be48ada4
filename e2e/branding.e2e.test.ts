/**
 * Branding in the browser: a partner admin changes the light theme's primary colour, sees the
 * storefront preview follow it, publishes, and the public storefront config serves the new colour.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { type BrowserSession, saveScreenshot } from "./browser.js";
import { logIn, mainNav, onPath } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const journey = useBrowserJourney();
let session: BrowserSession;

beforeEach(async () => {
  session = await journey.open();
});

interface StorefrontConfig {
  branding: { version: number; light: { primary: string; buttonLabel: string } } | null;
}

async function storefrontConfig(): Promise<StorefrontConfig> {
  const response = await fetch(`${journey.server.url}/api/public/tenants/northwave/config`);
  expect(response.status).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return (await response.json()) as StorefrontConfig;
}

describe("Branding in the browser", () => {
  test("a partner admin changes the primary colour, previews it, publishes, and storefronts get it", async () => {
    const { page, errors } = session;
    const before = await storefrontConfig();
    expect(before.branding).not.toBeNull();
    const newPrimary = "#7c3aed";
    expect(before.branding?.light.primary).not.toBe(newPrimary);

    await page.goto("/");
    await logIn(page, "admin@northwave.test");
    await mainNav(page).getByRole("link", { name: "Branding" }).click();
    await page.waitForURL(onPath("/branding"));

    const checkout = page.getByTestId("preview-checkout-light");
    await checkout.waitFor();
    const background = () => checkout.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await background()).not.toBe("rgb(124, 58, 237)");

    const primary = page.getByLabel("Primary colour (light theme)", { exact: true });
    await primary.fill(newPrimary);
    await primary.press("Tab");
    // The preview follows the draft as it is typed, before anything is saved.
    await expect.poll(background, { timeout: 10_000 }).toBe("rgb(124, 58, 237)");
    await saveScreenshot(page, "branding-preview.png");

    await page.getByRole("button", { name: "Save draft", exact: true }).click();
    await page
      .getByText(/^Draft saved/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Publish…", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Publish now", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });

    await expect.poll(async () => (await storefrontConfig()).branding?.light.primary, { timeout: 10_000 }).toBe(newPrimary);
    const after = await storefrontConfig();
    expect(after.branding?.version).toBe((before.branding?.version ?? 0) + 1);
    expect(after.branding?.light.buttonLabel).toBe("#ffffff");
    expect(errors).toEqual([]);
  });
});
