/**
 * Policy versioning in the browser: compliance drafts a material change to the privacy policy,
 * cannot approve it themselves, an operator admin approves it, compliance publishes it, and
 * Northwave's storefront is served the new version with a re-consent requirement.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { logIn } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const journey = useBrowserJourney();

async function signedIn(email: string): Promise<Page> {
  const session = await journey.open();
  await session.page.goto("/");
  await logIn(session.page, email);
  return session.page;
}

interface PublicPolicy {
  version: string;
  markdown: string;
  html: string;
  reconsentSince: string | null;
  reconsent: { summary: string } | null;
}

async function northwavePrivacy(): Promise<PublicPolicy> {
  const response = await fetch(`${journey.server.url}/api/public/tenants/northwave/policies/privacy`);
  expect(response.status).toBe(200);
  return (await response.json()) as PublicPolicy;
}

async function openDraft(page: Page) {
  await page.goto("/policies/privacy?tab=draft");
  await page.getByLabel(/^Policy text \(markdown\)/).waitFor();
}

describe("Policies in the browser", () => {
  test("compliance drafts a material change, a second person approves it, and the storefront serves it", async () => {
    const before = await northwavePrivacy();
    const major = Number(before.version.split(".")[0]);
    const next = `${major + 1}.0`;
    const sentence = "Mastering logs are now kept for 30 days to investigate failed masters.";

    const compliance = await signedIn("compliance@masterchannel.test");
    await openDraft(compliance);
    const text = compliance.getByLabel(/^Policy text \(markdown\)/);
    await text.fill(`${await text.inputValue()}\n\n## Mastering logs\n\n${sentence}\n`);
    await compliance.getByLabel("Material change").check();
    await compliance.getByLabel("What users are told").fill("We now keep mastering logs for 30 days.");
    await compliance.getByRole("button", { name: "Save draft", exact: true }).click();
    await compliance.getByRole("button", { name: "Request approval", exact: true }).click();
    // The author cannot approve their own material change.
    await expect.poll(() => compliance.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);

    const operator = await signedIn("admin@masterchannel.test");
    await openDraft(operator);
    await operator.getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(() => operator.getByRole("button", { name: "Approve", exact: true }).count(), { timeout: 10_000 }).toBe(0);

    await openDraft(compliance);
    await compliance.getByRole("button", { name: "Publish…", exact: true }).click();
    const dialog = compliance.getByRole("dialog");
    await dialog.getByText(next).first().waitFor();
    await dialog.getByRole("button", { name: "Publish now", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });

    const after = await northwavePrivacy();
    expect(after.version).toBe(next);
    expect(after.markdown).toContain(sentence);
    expect(after.html).toContain(sentence);
    expect(after.reconsentSince).toBe(next);
    expect(after.reconsent?.summary).toBe("We now keep mastering logs for 30 days.");
    // The version before stays served exactly as it was.
    const old = await fetch(`${journey.server.url}/api/public/tenants/northwave/policies/privacy?version=${before.version}`);
    expect(((await old.json()) as PublicPolicy).markdown).toBe(before.markdown);
  });
});
