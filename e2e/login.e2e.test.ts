/**
 * The first journey through the built console in a real browser: a partner admin logs in, sees only
 * their own tenant, and logs out; an operator admin sees every tenant and the Users page.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, test } from "vitest";
import { type BrowserSession, saveScreenshot } from "./browser.js";
import { expectLoginPage, logIn, mainNav, onPath } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const ALL_TENANTS = ["Northwave", "Fjordsound", "Beatlab"];

const journey = useBrowserJourney();
let session: BrowserSession;

beforeEach(async () => {
  session = await journey.open();
});

async function openTenantsPage(page: Page) {
  await mainNav(page).getByRole("link", { name: "Tenants" }).click();
  await page.waitForURL(onPath("/tenants"));
  await page.getByRole("heading", { name: "Tenants", exact: true }).waitFor();
}

/** A tenant's name as a cell of the tenants table in the page's main region. */
function tenantCell(page: Page, name: string) {
  return page.getByRole("main").getByRole("cell", { name, exact: true });
}

describe("Partner Console in the browser", () => {
  test("a partner admin logs in, sees only Northwave, and logs out", async () => {
    const { page, errors } = session;

    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");

    await logIn(page, "admin@northwave.test");
    await page.waitForURL(onPath("/"));
    await expect.poll(() => page.getByTestId("active-tenant-name").textContent(), { timeout: 10_000 }).toBe("Northwave");

    const nav = mainNav(page);
    await nav.getByRole("link", { name: "Team" }).waitFor();
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
    await saveScreenshot(page, "northwave-shell.png");

    await openTenantsPage(page);
    await tenantCell(page, "Northwave").waitFor();
    const text = await page.locator("body").textContent();
    const html = await page.content();
    for (const other of ["Fjordsound", "Beatlab"]) {
      expect(text ?? "", `${other} is shown to Northwave's admin`).not.toContain(other);
      expect(html, `${other} is in the page of Northwave's admin`).not.toContain(other);
    }

    await page.getByRole("button", { name: "User menu", exact: true }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expectLoginPage(page);

    await page.goto("/team");
    await expectLoginPage(page);
    expect(new URL(page.url()).searchParams.get("next")).toBe("/team");

    expect(errors).toEqual([]);
  });

  test("an operator admin sees Users and every tenant", async () => {
    const { page, errors } = session;

    await page.goto("/");
    await logIn(page, "admin@masterchannel.test");
    await page.waitForURL(onPath("/"));

    await mainNav(page).getByRole("link", { name: "Users" }).waitFor();

    await openTenantsPage(page);
    for (const name of ALL_TENANTS) await tenantCell(page, name).waitFor();

    expect(errors).toEqual([]);
  });
});
