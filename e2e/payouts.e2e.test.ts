/**
 * Payouts in the browser. Finance (finance@masterchannel.test) opens Payouts, finds Northwave's
 * failed payout (the demo's `account_closed`), reads why and what to do, opens the payout and its
 * reconciliation, and puts Northwave's payouts on hold with a reason; the server then has the hold,
 * the Partners tab shows it, and Northwave's partner admin finds it in their audit log and on their
 * Earnings page, with what they do about the failed payout in their own words. Then Fjordsound's
 * partner admin sees, on Earnings, that the account is restricted by a past-due identity document
 * and that payouts are paused; and Beatlab's, held by finance in the demo, that payouts are on hold.
 */
import type { Locator } from "playwright-core";
import { describe, expect, test } from "vitest";
import { saveScreenshot } from "./browser.js";
import { logIn, normalized, onPath, openFromNav, rowsWith, textOf, trpcQuery } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const FINANCE = "finance@masterchannel.test";
const NORTHWAVE_ADMIN = "admin@northwave.test";
const FJORDSOUND_ADMIN = "admin@fjordsound.test";
const BEATLAB_ADMIN = "admin@beatlab.test";
const HOLD_REASON = "Bank account closed: holding payouts until Northwave adds a new bank account in Stripe";
/** What @pc/shared says about `account_closed` (payout-failures.ts). */
const ACCOUNT_CLOSED_MEANING = "The bank account has been closed.";
const ACCOUNT_CLOSED_ACTION = "Ask the partner to add a new bank account in Stripe onboarding.";
/** The same, said to the partner on Earnings. */
const ACCOUNT_CLOSED_PARTNER_ACTION = "Add a new bank account at Stripe (the button under “Stripe account” on this page).";
/** Beatlab's hold from the demo seed (demo-payments.seed.ts). */
const BEATLAB_REASON = "Chargeback rate above our threshold: holding until the partner explains";

const journey = useBrowserJourney();

interface PartnerAccountRow {
  tenant: { name: string };
  schedule: { interval: string } | null;
  hold: { reason: string | null; since: string } | null;
}

interface PayoutDetailRow {
  status: string;
  tenant: { name: string };
  failure: { code: string | null } | null;
  reconciliation: { unexplainedDifference: number; balanced: boolean };
}

interface AuditRow {
  tenantName: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  after: { reason?: string; schedule?: { interval?: string } } | null;
}

describe("Payouts in the browser", () => {
  test("finance@masterchannel.test opens the failed payout, reads the reason, and puts the tenant on hold", async () => {
    const finance = await journey.open("finance");
    const { page } = finance;

    // 1. Finance logs in and opens Payouts from the main navigation.
    await page.goto("/");
    await logIn(page, FINANCE);
    await openFromNav(page, "Payouts", "/payouts");
    await page.getByRole("heading", { level: 1, name: "Payouts", exact: true }).waitFor();

    // 2. The failed payouts come first: Northwave's, with Stripe's code, what it means and what to do.
    const failedPanel = page.getByRole("region", { name: "Failed payouts", exact: true });
    await failedPanel.waitFor();
    const failedCount = await failedPanel.getByRole("article").count();
    expect(failedCount).toBeGreaterThan(0);
    expect(await textOf(failedPanel)).toContain(failedCount === 1 ? "1 failed payout" : `${failedCount} failed payouts`);
    const northwaveFailed = failedPanel.getByRole("article", { name: /^Northwave: / });
    expect(await northwaveFailed.count()).toBeGreaterThan(0);
    const failedPayout = northwaveFailed.first();
    const failedPayoutName = (await failedPayout.getAttribute("aria-label")) ?? "";
    const amount = normalized(failedPayoutName.replace(/^Northwave: /, ""));
    expect(amount).toMatch(/\d/);
    const inPanel = await textOf(failedPayout);
    expect(inPanel).toContain("Failure code: account_closed");
    expect(inPanel).toContain(`What it means: ${ACCOUNT_CLOSED_MEANING}`);
    expect(inPanel).toContain(`What to do: ${ACCOUNT_CLOSED_ACTION}`);
    // What became of the money, and whether a later payout of Northwave in that currency was paid since.
    expect(await textOf(failedPanel)).toContain("The money of a failed payout went back to the partner's Stripe balance.");
    expect(inPanel).toMatch(
      /Paid since: a later payout of .*\d.* to Northwave, created .*\d\.|Check that a later [A-Z]{3} payout to Northwave was paid/,
    );
    // Each link names its payout (amount and date): no two links in the panel read the same.
    const links = failedPanel.getByRole("link");
    const linkNames = await links.evaluateAll((elements) => elements.map((element) => element.getAttribute("aria-label")));
    expect(new Set(linkNames).size).toBe(linkNames.length);
    await saveScreenshot(page, "payouts-failed-panel.png");

    await failedPayout
      .getByRole("link", { name: new RegExp(`^Open the payout of ${escapeRegExp(amount)} to Northwave, created .*\\d`) })
      .click();
    await page.waitForURL((url) => /^\/payouts\/[^/]+$/.test(url.pathname));
    const payoutId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page.getByRole("heading", { level: 1, name: `Payout of ${amount} to Northwave`, exact: true }).waitFor();

    // The facts and the failure box: code, Stripe's own message, what it means, what to do.
    const facts = page.getByRole("region", { name: "About this payout", exact: true });
    const factsText = await textOf(facts);
    // Badges are upper-cased by CSS: they are found by their text in the page, not as rendered.
    await facts.getByText("Failed", { exact: true }).waitFor();
    expect(factsText).toMatch(/Stripe payout id po_/);
    // A failed payout arrives nowhere: no arrival date.
    expect(factsText).not.toMatch(/Expected arrival|Arrived/);
    const failureBox = page.getByRole("alert").filter({ hasText: "This payout failed" });
    await failureBox.waitFor();
    const failureText = await textOf(failureBox);
    expect(failureText).toContain("Failure code: account_closed");
    // Stripe's message ("The bank account has been closed.") is the meaning: it is not said twice.
    expect(failureText).not.toContain("Stripe's message");
    expect(failureText).toContain(`What it means: ${ACCOUNT_CLOSED_MEANING}`);
    expect(failureText).toContain(`What to do: ${ACCOUNT_CLOSED_ACTION}`);

    // The reconciliation balances to the cent: explained total = payout amount, no difference.
    const reconciliation = page.getByRole("region", { name: "Reconciliation", exact: true });
    await reconciliation.getByRole("status").filter({ hasText: "Balances to the cent" }).waitFor();
    expect(await reconciliation.getByRole("alert").count(), "no warning in the reconciliation").toBe(0);
    const table = reconciliation.getByRole("table", { name: "Reconciliation of this payout", exact: true });
    const lastCell = (line: string) => table.getByRole("row").filter({ hasText: line }).getByRole("cell").last();
    const explained = await textOf(lastCell("Explained total"));
    const payoutAmount = await textOf(lastCell("Payout amount"));
    expect(payoutAmount).toBe(amount);
    expect(explained).toBe(payoutAmount);
    const differenceRow = table.getByRole("row").filter({ hasText: "Unexplained difference" });
    await differenceRow.getByText("None", { exact: true }).waitFor();
    expect(await textOf(differenceRow.getByRole("cell").last())).not.toMatch(/[1-9]/);
    expect(await table.getByRole("row").filter({ hasText: "Sales" }).count()).toBeGreaterThan(0);
    // The transactions went back to the balance, not out with the payout.
    expect(await textOf(reconciliation)).toContain("The payout failed: they went back to the partner's Stripe balance.");
    const items = page.getByRole("region", { name: "Transactions in this payout", exact: true });
    expect(await textOf(items)).toContain("which went back to the partner's Stripe balance when it failed");
    expect(await textOf(page.locator("main"))).not.toContain("paid out with this payout");
    await items.getByRole("columnheader", { name: "Fee (platform's)", exact: true }).waitFor();
    await saveScreenshot(page, "payouts-failed-detail.png");
    // What the page showed is what the server has for this payout.
    const detail = await trpcQuery<PayoutDetailRow>(page, "payouts.detail", { payoutId });
    expect(detail).toMatchObject({ status: "failed", tenant: { name: "Northwave" }, failure: { code: "account_closed" } });
    expect(detail.reconciliation).toMatchObject({ unexplainedDifference: 0, balanced: true });

    // 3. Hold Northwave's payouts from the payout's page; the reason is required.
    const heldNote = page.getByRole("note").filter({ hasText: "The payouts of Northwave are on hold" });
    expect(await heldNote.count()).toBe(0);
    // Hold sits next to Refresh at the same height, its text readable on its background (4.5:1).
    const holdButton = page.getByRole("button", { name: "Hold the payouts of Northwave", exact: true });
    const refreshButton = page.getByRole("button", { name: "Refresh from Stripe", exact: true });
    expect((await holdButton.boundingBox())?.height).toBe((await refreshButton.boundingBox())?.height);
    expect(await contrastOf(holdButton)).toBeGreaterThanOrEqual(4.5);
    await holdButton.click();
    const dialog = page.getByRole("dialog", { name: "Hold the payouts of Northwave", exact: true });
    await dialog.waitFor();
    expect(await textOf(dialog)).toContain("The partner sees the hold and your reason.");
    const reason = dialog.getByRole("textbox", { name: "Reason", exact: true });
    await reason.fill("no");
    await dialog.getByRole("button", { name: "Hold payouts", exact: true }).click();
    await dialog.getByText("Give a reason of at least 5 characters", { exact: true }).waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(page, "payouts-hold-modal-error.png");
    await reason.fill(HOLD_REASON);
    expect(await reason.getAttribute("aria-invalid")).not.toBe("true");
    await saveScreenshot(page, "payouts-hold-modal.png");
    await dialog.getByRole("button", { name: "Hold payouts", exact: true }).click();
    await page.getByText("Payouts of Northwave are on hold", { exact: true }).waitFor();
    // Gone, not just closing (the screenshot below should not catch it fading out).
    await page.getByRole("dialog").waitFor({ state: "detached" });

    // The payout's page shows the hold (since when, and why), and offers to release it instead.
    await heldNote.waitFor();
    expect(await textOf(heldNote)).toMatch(new RegExp(`Held since \\d[^·:]*\\d{2}:\\d{2} · Reason: ${escapeRegExp(HOLD_REASON)}$`));
    await page.getByRole("button", { name: "Release the payouts of Northwave", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Hold the payouts of Northwave", exact: true }).count()).toBe(0);
    await saveScreenshot(page, "payouts-detail-held.png");

    // 4. The server has it: Northwave is held with that reason, just now, on a manual schedule.
    const accounts = await trpcQuery<PartnerAccountRow[]>(page, "payouts.accounts");
    const account = (name: string) => accounts.find((row) => row.tenant.name === name);
    const northwave = account("Northwave");
    expect(northwave?.hold?.reason).toBe(HOLD_REASON);
    const heldAgo = Date.now() - Date.parse(northwave?.hold?.since ?? "");
    expect(heldAgo).toBeGreaterThanOrEqual(-60_000);
    expect(heldAgo).toBeLessThan(5 * 60_000);
    expect(northwave?.schedule?.interval).toBe("manual");
    // Only Northwave changed: Beatlab is still held as the demo left it, Fjordsound is not held.
    expect(account("Beatlab")?.hold?.reason).toBe(BEATLAB_REASON);
    expect(account("Fjordsound")?.hold).toBeNull();

    // The Partners tab shows the hold too.
    await page.getByRole("link", { name: "All payouts" }).click();
    await page.waitForURL(onPath("/payouts"));
    await page.getByRole("tab", { name: "Partners", exact: true }).click();
    const partners = page.getByRole("table", { name: "Partners' Stripe accounts", exact: true });
    await partners.waitFor();
    const northwaveRow = rowsWith(partners, "Northwave");
    await northwaveRow.getByRole("button", { name: "Release the payouts of Northwave", exact: true }).waitFor();
    const rowText = await textOf(northwaveRow);
    await northwaveRow.getByText("On hold", { exact: true }).waitFor();
    expect(rowText).toContain(HOLD_REASON);
    expect(rowText).toMatch(/Since .*\d/);
    expect(rowText).toContain("Manual (no automatic payouts)");
    expect(await textOf(rowsWith(partners, "Fjordsound"))).toContain("Not held");
    await saveScreenshot(page, "payouts-partners-tab.png");

    // The audit trail: Northwave's partner admin sees finance's hold in their audit log …
    const partner = await journey.open("Northwave's partner admin");
    await partner.page.goto("/");
    await logIn(partner.page, NORTHWAVE_ADMIN);
    const audit = await trpcQuery<{ items: AuditRow[] }>(partner.page, "audit.list", { action: "payouts.hold", limit: 50 });
    expect(audit.items.length, "payouts.hold events in Northwave's audit log").toBe(1);
    expect(audit.items[0]).toMatchObject({
      tenantName: "Northwave",
      actorLabel: FINANCE,
      action: "payouts.hold",
      targetType: "stripe_account",
      after: { reason: HOLD_REASON, schedule: { interval: "manual" } },
    });
    await openFromNav(partner.page, "Audit log", "/audit");
    const actionFilter = partner.page.getByRole("combobox", { name: "Filter by action", exact: true });
    await actionFilter.fill("payouts.hold");
    await actionFilter.press("Enter");
    await partner.page.waitForURL((url) => url.pathname === "/audit" && url.searchParams.get("action") === "payouts.hold");
    // The unfiltered list is replaced once the filtered one arrives: wait for its end line.
    await partner.page.getByText("1 event shown: that is all.", { exact: true }).waitFor();
    const holdRows = rowsWith(partner.page, "payouts.hold");
    await expect.poll(() => holdRows.count()).toBe(1);
    expect(await textOf(holdRows.first())).toContain(FINANCE);
    await saveScreenshot(partner.page, "payouts-audit-hold.png");

    // … and on Earnings, that their payouts are on hold and why.
    await openFromNav(partner.page, "Earnings", "/earnings");
    const holdAlert = partner.page.getByRole("note").filter({ hasText: "Your payouts are on hold" });
    await holdAlert.waitFor();
    expect(await textOf(holdAlert)).toContain(`Reason: ${HOLD_REASON}`);
    const partnerCard = partner.page.getByRole("region", { name: "Stripe account", exact: true });
    await partnerCard.getByText("Payouts on hold", { exact: true }).waitFor();
    expect(await textOf(partnerCard)).toContain("Payout schedule: manual (no automatic payouts)");
    await saveScreenshot(partner.page, "payouts-partner-sees-hold.png");

    // The failed payout on Earnings says what the partner does, in their words, not finance's.
    const partnerPayouts = partner.page.getByRole("table", { name: "Payouts to your bank", exact: true });
    const failedRow = partnerPayouts.getByRole("row").filter({ hasText: "account_closed" }).first();
    await failedRow.waitFor();
    const failedRowText = await textOf(failedRow);
    expect(failedRowText).toContain(`What it means: ${ACCOUNT_CLOSED_MEANING}`);
    expect(failedRowText).toContain(`What to do: ${ACCOUNT_CLOSED_PARTNER_ACTION}`);
    expect(failedRowText).toContain("The money is back in your Stripe balance");
    expect(failedRowText).not.toContain("Ask the partner");
    await failedRow.scrollIntoViewIfNeeded();
    await saveScreenshot(partner.page, "payouts-partner-failed-payout.png");

    journey.expectNoErrors();
  }, 180_000);

  test("a partner admin sees on Earnings that the account is restricted by a past-due requirement and payouts are paused", async () => {
    const { page } = await journey.open("Fjordsound's partner admin");
    await page.goto("/");
    await logIn(page, FJORDSOUND_ADMIN);
    await openFromNav(page, "Earnings", "/earnings");
    await page.getByRole("heading", { level: 1, name: "Earnings of Fjordsound", exact: true }).waitFor();

    const card = page.getByRole("region", { name: "Stripe account", exact: true });
    await card.waitFor();
    const headline = card.getByTestId("account-headline");
    expect(await textOf(headline)).toMatch(/^Restricted/);
    expect(await textOf(headline)).toBe("Restricted: information is overdue");
    await card.getByText("Payouts paused", { exact: true }).waitFor();
    await card.getByText("Payments enabled", { exact: true }).waitFor();

    const due = card.getByRole("region", { name: "What Stripe still needs", exact: true });
    const identity = due.getByRole("listitem").filter({ hasText: "Identity document" });
    await identity.waitFor();
    await identity.getByText("Past due", { exact: true }).waitFor();
    expect(await identity.getAttribute("data-past-due")).toBe("true");
    expect(await textOf(due)).toContain("1 item is past due");
    expect(await textOf(due.getByTestId("due-deadline"))).toMatch(/^The deadline passed on /);
    expect(await textOf(due.getByTestId("due-consequence"))).toMatch(/payouts are paused/i);
    // Not held by finance: what stops payouts is Stripe's requirement.
    expect(await card.getByRole("note").filter({ hasText: "Your payouts are on hold" }).count()).toBe(0);

    const balances = page.getByRole("region", { name: "Balance and next payout", exact: true });
    await balances.getByText("None until Stripe enables payouts").first().waitFor();
    await saveScreenshot(page, "earnings-restricted.png");

    journey.expectNoErrors();
  }, 120_000);

  test("Beatlab's partner admin, held by finance in the demo, reads on Earnings that payouts are on hold, not ready", async () => {
    const { page } = await journey.open("Beatlab's partner admin");
    await page.goto("/");
    await logIn(page, BEATLAB_ADMIN);
    await openFromNav(page, "Earnings", "/earnings");
    await page.getByRole("heading", { level: 1, name: "Earnings of Beatlab", exact: true }).waitFor();

    const card = page.getByRole("region", { name: "Stripe account", exact: true });
    await card.getByRole("note").filter({ hasText: "Your payouts are on hold" }).waitFor();
    expect(await textOf(card.getByTestId("account-headline"))).toBe("Active: payments go through, payouts are on hold");
    await card.getByText("Payouts on hold", { exact: true }).waitFor();
    expect(await card.getByText("Payouts enabled", { exact: true }).count()).toBe(0);
    expect(await textOf(card)).toContain("Payout schedule: manual (no automatic payouts)");
    expect(await textOf(card)).toContain(`Reason: ${BEATLAB_REASON}`);
    await saveScreenshot(page, "earnings-held.png");

    journey.expectNoErrors();
  }, 120_000);
});

/** The WCAG contrast of an element's text colour on its background colour (both opaque rgb). */
async function contrastOf(locator: Locator): Promise<number> {
  const [color, background] = await locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return [style.color, style.backgroundColor];
  });
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
