/**
 * The second journey: Northwave's partner admin invites a viewer; the viewer opens the link in a
 * browser of their own, creates their account and lands in Northwave; the admin removes them again
 * and they lose the tenant. Then the admin signs out their other sessions from Account.
 * Each person has a browser context of their own (their own cookies).
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { saveScreenshot } from "./browser.js";
import { activeTenantName, expectLoginPage, logIn, mainNav, onPath, rowsWith } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const ADMIN_EMAIL = "admin@northwave.test";
const ADMIN_NAME = "Nora Berg";
const NEW_EMAIL = "new.member@example.test";
const NEW_NAME = "Nina Nybakk";
const NEW_PASSWORD = "quiet harbour lantern 42";

const journey = useBrowserJourney();

async function openTeamPage(page: Page) {
  await mainNav(page).getByRole("link", { name: "Team" }).click();
  await page.waitForURL(onPath("/team"));
  await page.getByRole("heading", { name: "Team of Northwave", exact: true }).waitFor();
}

function pendingInvitations(page: Page) {
  return page.getByRole("region", { name: "Pending invitations", exact: true });
}

describe("Invitations, the team and sessions in the browser", () => {
  test("a partner admin invites a viewer, who accepts, and then removes them", async () => {
    // 1. Northwave's admin invites a viewer and is shown the link once.
    const admin = await journey.open("the admin");
    await admin.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: journey.server.url });
    await admin.page.goto("/");
    await logIn(admin.page, ADMIN_EMAIL);
    await openTeamPage(admin.page);
    await pendingInvitations(admin.page).getByText("No pending invitations.", { exact: true }).waitFor();

    await admin.page.getByRole("button", { name: "Invite member", exact: true }).click();
    const inviteDialog = admin.page.getByRole("dialog", { name: "Invite to Northwave", exact: true });
    await inviteDialog.getByRole("textbox", { name: "Email", exact: true }).fill(NEW_EMAIL);
    await inviteDialog.getByRole("radio", { name: "Partner viewer", exact: true }).check();
    await inviteDialog.getByRole("button", { name: "Send invitation", exact: true }).click();
    await inviteDialog.waitFor({ state: "hidden" });

    const linkDialog = admin.page.getByRole("dialog", { name: "Invitation created", exact: true });
    await linkDialog.getByText(`Send this link to ${NEW_EMAIL}.`).waitFor();
    await linkDialog.getByText("This link is shown only once and cannot be shown again").waitFor();
    const linkField = linkDialog.getByRole("textbox", { name: "Invitation link", exact: true });
    const doneButton = linkDialog.getByRole("button", { name: "Done", exact: true });
    const hasFocus = (element: HTMLElement) => element === document.activeElement;
    // Focus starts in the dialog, on the link, and "Done" is reachable from the keyboard.
    await expect.poll(() => linkField.evaluate(hasFocus)).toBe(true);
    await admin.page.keyboard.press("Tab");
    await admin.page.keyboard.press("Tab");
    expect(await doneButton.evaluate(hasFocus)).toBe(true);
    const link = await linkField.inputValue();
    const linkUrl = new URL(link);
    expect(linkUrl.origin).toBe(new URL(journey.server.url).origin);
    expect(linkUrl.pathname).toMatch(/^\/invite\/[^/]+$/);
    await linkDialog.getByRole("button", { name: "Copy link", exact: true }).click();
    await linkDialog.getByRole("button", { name: "Copied", exact: true }).waitFor();
    expect(await admin.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    // The link is shown only once: neither Escape nor a click beside the dialog may lose it.
    await admin.page.keyboard.press("Escape");
    await admin.page.mouse.click(10, 700);
    await admin.page.waitForTimeout(500); // longer than the dialog's closing transition
    expect(await linkDialog.isVisible()).toBe(true);
    await saveScreenshot(admin.page, "invitation-link.png");
    await doneButton.click();
    await linkDialog.waitFor({ state: "hidden" });

    const pendingRow = rowsWith(pendingInvitations(admin.page), NEW_EMAIL);
    await pendingRow.getByText("Partner viewer", { exact: true }).waitFor();
    await pendingRow.getByRole("cell", { name: "Nora Berg", exact: true }).waitFor();
    await pendingRow.getByRole("button", { name: `Revoke invitation for ${NEW_EMAIL}`, exact: true }).waitFor();

    // 2. Someone else opens the link, creates their account and lands in Northwave as a viewer.
    const newcomer = await journey.open("the new member");
    await newcomer.page.goto(link);
    await newcomer.page.getByRole("heading", { name: "Accept invitation", exact: true }).waitFor();
    await newcomer.page.getByText("You have been invited to Northwave as Partner viewer. Invited by Nora Berg.", { exact: true }).waitFor();
    expect(await newcomer.page.getByRole("textbox", { name: "Email", exact: true }).inputValue()).toBe(NEW_EMAIL);
    // Required fields: the label's " *" is hidden from assistive technology, so ask by role and name.
    await newcomer.page.getByRole("textbox", { name: "Your name", exact: true }).fill(NEW_NAME);
    await newcomer.page.getByRole("textbox", { name: "Password", exact: true }).fill(NEW_PASSWORD);
    await newcomer.page.getByRole("textbox", { name: "Repeat password", exact: true }).fill(NEW_PASSWORD);
    expect(newcomer.errors).toEqual([]);
    await newcomer.page.getByRole("button", { name: "Accept invitation", exact: true }).click();

    await newcomer.page.waitForURL(onPath("/"));
    await mainNav(newcomer.page).waitFor();
    await expect.poll(() => activeTenantName(newcomer.page), { timeout: 10_000 }).toBe("Northwave");
    await newcomer.page.getByRole("heading", { name: "Welcome, Nina", exact: true }).waitFor();

    await openTeamPage(newcomer.page);
    await newcomer.page.getByText("The people who work in this tenant.", { exact: true }).waitFor();
    const newcomerRow = rowsWith(newcomer.page.getByRole("main"), NEW_EMAIL);
    await newcomerRow.getByText(`${NEW_NAME} (you)`, { exact: true }).waitFor();
    await newcomerRow.getByText("Partner viewer", { exact: true }).waitFor();
    await rowsWith(newcomer.page.getByRole("main"), ADMIN_EMAIL).getByText("Partner admin", { exact: true }).waitFor();
    // A viewer changes nothing: no invite, no actions on members, no pending invitations.
    expect(await newcomer.page.getByRole("button", { name: "Invite member" }).count()).toBe(0);
    expect(await newcomer.page.getByRole("button", { name: /^Actions for / }).count()).toBe(0);
    expect(await pendingInvitations(newcomer.page).count()).toBe(0);
    await saveScreenshot(newcomer.page, "invitation-viewer-team.png");

    // 3. The admin sees the new member instead of the invitation, and removes them.
    await admin.page.reload();
    await admin.page.getByRole("heading", { name: "Team of Northwave", exact: true }).waitFor();
    const memberRow = rowsWith(admin.page.getByRole("main"), NEW_EMAIL);
    await memberRow.getByRole("cell", { name: NEW_NAME, exact: true }).waitFor();
    await memberRow.getByText("Partner viewer", { exact: true }).waitFor();
    await pendingInvitations(admin.page).getByText("No pending invitations.", { exact: true }).waitFor();
    expect(await rowsWith(pendingInvitations(admin.page), NEW_EMAIL).count()).toBe(0);

    await memberRow.getByRole("button", { name: `Actions for ${NEW_NAME}`, exact: true }).click();
    await admin.page.getByRole("menuitem", { name: "Remove from team", exact: true }).click();
    const confirm = admin.page.getByRole("dialog", { name: `Remove ${NEW_NAME}?`, exact: true });
    await confirm.getByText(`${NEW_NAME} loses access to this tenant at once.`).waitFor();
    await confirm.getByRole("button", { name: "Remove from team", exact: true }).click();
    await confirm.waitFor({ state: "hidden" });
    await admin.page.getByText(`${NEW_NAME} removed from the team`, { exact: true }).waitFor();
    await memberRow.waitFor({ state: "detached" });

    // The removed member's next page load finds them signed in, but in no tenant at all.
    await newcomer.page.reload();
    await newcomer.page.waitForURL(onPath("/team"));
    await mainNav(newcomer.page).waitFor();
    await newcomer.page.getByRole("heading", { name: "Team", exact: true }).waitFor();
    await newcomer.page.getByRole("main").getByText("No tenant", { exact: true }).waitFor();
    await newcomer.page.getByText("You are not a member of any tenant. Ask a partner admin to invite you.", { exact: true }).waitFor();
    expect(await activeTenantName(newcomer.page)).toBe("No tenant");
    const text = (await newcomer.page.locator("body").textContent()) ?? "";
    for (const gone of ["Northwave", ADMIN_NAME, ADMIN_EMAIL])
      expect(text, `${gone} is still shown to the removed member`).not.toContain(gone);
    await saveScreenshot(newcomer.page, "invitation-removed-member.png");

    journey.expectNoErrors();
  });

  test("a partner admin sees this device among their sessions and signs out the others", async () => {
    const here = await journey.open("the admin here");
    const elsewhere = await journey.open("the admin on another device");
    for (const { page } of [elsewhere, here]) {
      await page.goto("/");
      await logIn(page, ADMIN_EMAIL);
      await page.waitForURL(onPath("/"));
    }

    await mainNav(here.page).getByRole("link", { name: "Account" }).click();
    await here.page.waitForURL(onPath("/account"));
    await here.page.getByRole("heading", { name: "Account & sessions", exact: true }).waitFor();
    const sessions = here.page.getByRole("region", { name: "Your sessions", exact: true });
    await sessions.getByText("This device", { exact: true }).waitFor();
    expect(await sessions.getByText("This device", { exact: true }).count()).toBe(1);
    // Header row, this device, and at least the other device.
    expect(await sessions.getByRole("row").count()).toBeGreaterThanOrEqual(3);

    await sessions.getByRole("button", { name: "Sign out other sessions", exact: true }).click();
    const confirm = here.page.getByRole("dialog", { name: "Sign out other sessions", exact: true });
    await confirm.getByText(/other sessions? will be signed out\. This one stays signed in\./).waitFor();
    await confirm.getByRole("button", { name: "Sign out other sessions", exact: true }).click();
    await confirm.waitFor({ state: "hidden" });
    await here.page.getByText(/^\d+ other sessions? signed out$/).waitFor();
    await expect.poll(() => sessions.getByRole("row").count(), { timeout: 10_000 }).toBe(2);
    expect(await sessions.getByRole("button", { name: "Sign out other sessions", exact: true }).isDisabled()).toBe(true);

    // The other device is sent to the login page on its next navigation; this one stays signed in.
    await elsewhere.page.goto("/team");
    await expectLoginPage(elsewhere.page);
    expect(new URL(elsewhere.page.url()).searchParams.get("next")).toBe("/team");

    await here.page.reload();
    await here.page.waitForURL(onPath("/account"));
    await sessions.getByText("This device", { exact: true }).waitFor();

    journey.expectNoErrors();
  });
});
