/**
 * The storefront consent banner in a real browser, against the real ledger: a visitor of
 * Northwave's demo storefront rejects all, Tidio's chat stays away; they open Privacy settings from
 * the footer, switch Tidio on and save, the chat appears. Both events are answered 201 and are in
 * Northwave's ledger as its partner admin reads it in the console.
 */
import type { Page, Response } from "playwright-core";
import { describe, expect, test } from "vitest";
import { saveScreenshot } from "./browser.js";
import { logIn } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const journey = useBrowserJourney();

interface ConsentPost {
  consentId: string;
  action: string;
  purposes: Record<string, string>;
}

interface LedgerRecord {
  recordId: string;
  seq: number;
  consentId: string;
  action: string;
  purposes: Record<string, string>;
}

/** The ledger's answer to the next consent event the page posts, and the event itself. */
async function recorded(page: Page, act: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate: Response) => candidate.url().endsWith("/api/public/consent") && candidate.request().method() === "POST",
    ),
    act(),
  ]);
  const event = response.request().postDataJSON() as ConsentPost;
  expect(response.status(), await response.text()).toBe(201);
  const answer = (await response.json()) as { recordId: string; seq: number };
  return { event, answer };
}

/** Northwave's latest ledger records, read over tRPC with its partner admin's session. */
async function northwaveLedger(): Promise<LedgerRecord[]> {
  const { page } = await journey.open();
  await page.goto("/");
  await logIn(page, "admin@northwave.test");
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 50 } }));
  const response = await page.request.get(`/trpc/ledger.recentRecords?input=${input}`);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: { records: LedgerRecord[] } } } };
  return body.result.data.json.records;
}

describe("The storefront consent banner", () => {
  test("reject all keeps Tidio away, opting in from Privacy settings loads it, and both choices are in the ledger", async () => {
    const visitor = await journey.open();
    const { page } = visitor;
    await page.goto("/demo/storefront/northwave");
    const banner = page.getByRole("dialog", { name: "We value your privacy" });
    await banner.waitFor();
    await expect
      .poll(() => banner.getByRole("button").allTextContents())
      .toEqual(["Read the privacy policy", "Accept all", "Reject all", "Choose"]);
    await saveScreenshot(page, "consent-banner.png");

    const rejection = await recorded(page, () => banner.getByRole("button", { name: "Reject all", exact: true }).click());
    expect(rejection.event).toMatchObject({ action: "reject_all", purposes: { tidio: "denied", product_analytics: "denied" } });
    await banner.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("consent-log").textContent()).toContain('"action": "reject_all"');
    expect(await page.getByTestId("tidio-widget").count()).toBe(0);

    await page.locator("footer").getByRole("link", { name: "Privacy settings", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Privacy settings" });
    await settings.waitFor();
    const tidio = settings.getByRole("switch", { name: /Tidio Support Chat/ });
    expect(await tidio.isChecked()).toBe(false);
    await tidio.check();
    await saveScreenshot(page, "consent-settings.png");
    const optIn = await recorded(page, () => settings.getByRole("button", { name: "Save choices", exact: true }).click());
    expect(optIn.event).toMatchObject({ action: "save_custom", purposes: { tidio: "granted", product_analytics: "denied" } });
    await settings.waitFor({ state: "detached" });
    await page.getByTestId("tidio-widget").waitFor();
    // The id the visitor can quote is shown to them.
    await expect.poll(() => page.getByRole("status").textContent()).toContain(optIn.event.consentId);
    expect(visitor.errors).toEqual([]);

    const records = await northwaveLedger();
    const byId = new Map(records.map((record) => [record.recordId, record]));
    expect(byId.get(rejection.answer.recordId)).toMatchObject({
      seq: rejection.answer.seq,
      consentId: rejection.event.consentId,
      action: "reject_all",
      purposes: { tidio: "denied" },
    });
    expect(byId.get(optIn.answer.recordId)).toMatchObject({
      seq: optIn.answer.seq,
      consentId: optIn.event.consentId,
      action: "save_custom",
      purposes: { tidio: "granted", product_analytics: "denied" },
    });
    expect(optIn.answer.seq).toBeGreaterThan(rejection.answer.seq);
  });
});
