/**
 * Consent audit and data-subject requests in the browser. Compliance (compliance@masterchannel.test)
 * opens Consent records, finds Fjordsound's known demo subject (README: `dev_demo_fjordsound`),
 * opens its timeline and downloads its evidence pack, which verifies offline as
 * `npm run ledger:verify-pack` checks it, signed by this server's key. Then compliance files an
 * erasure request for that subject, moves it through identity verified and in progress (an empty
 * note refused on the way) to completed, confirming what will be erased; the receipt and its hash
 * are shown, the downloaded receipt's hash recomputes, and the subject's records now say their
 * personal data was erased.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadSigningKey, verifySignature } from "@pc/db";
import { subjectRequestDocumentSha256, verifyEvidencePack } from "@pc/shared";
import type { Download, Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { saveScreenshot } from "./browser.js";
import { logIn, onPath, openFromNav, textOf, trpcQuery } from "./journey.js";
import { useBrowserJourney } from "./use-journey.js";

const COMPLIANCE = "compliance@masterchannel.test";
/** Fjordsound's first demo visitor (seed-consent.ts demoSubjectId, listed in the README). */
const SUBJECT = "dev_demo_fjordsound";
/** maskSubjectId of SUBJECT: what staff see instead of the id. */
const SUBJECT_HINT = "de…nd";
const REQUESTER = "parent@example.test";

const journey = useBrowserJourney();

/** Clicks `button` and returns the file the page saved, as the browser received it. */
async function downloadFrom(page: Page, button: Locator): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await download.path();
  return { download, text: await readFile(path, "utf8") };
}

/** Picks `option` in the Mantine select labelled `label` (its label carries an asterisk when required). */
async function choose(page: Page, scope: Locator, label: RegExp, option: string) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

interface TimelineAnswer {
  records: number;
  events: { recordId: string }[];
}

interface DetailAnswer {
  request: { status: string; kind: string; tenant: { slug: string } | null };
  personalDataToErase: number;
  history: { action: string; actorLabel: string }[];
  document: { kind: string; sha256: string } | null;
}

describe("Consent audit and data-subject requests in the browser", () => {
  test("compliance@masterchannel.test finds a subject of fjordsound, downloads its evidence pack, files an erasure request and completes it", async () => {
    const { page } = await journey.open("compliance");
    await page.goto("/");
    await logIn(page, COMPLIANCE);

    // 1. Consent records, filtered to Fjordsound and the subject id.
    await openFromNav(page, "Consent records", "/consent/records");
    await page.getByRole("heading", { level: 1, name: "Consent records", exact: true }).waitFor();
    const filters = page.getByRole("form", { name: "Search filters", exact: true });
    await choose(page, filters, /^Tenant/, "Fjordsound");
    await filters.getByRole("textbox", { name: "Subject id", exact: true }).fill(SUBJECT);
    await filters.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("subject") === SUBJECT && url.searchParams.has("tenant"));
    const tenantId = new URL(page.url()).searchParams.get("tenant") ?? "";
    // What the server has for this search; the table shows it once the filtered page replaced the unfiltered one.
    const found = await trpcQuery<{ items: { tenant: { slug: string } }[] }>(page, "consentAudit.search", { tenantId, subjectId: SUBJECT });
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((item) => item.tenant.slug === "fjordsound")).toBe(true);
    const results = page.getByRole("table", { name: "Consent records found", exact: true });
    await page.getByText(found.items.length === 1 ? "1 record shown" : `${found.items.length} records shown`, { exact: true }).waitFor();
    const resultRows = await results.getByRole("link", { name: /^Open record \d+$/ }).count();
    expect(resultRows).toBe(found.items.length);
    for (const cell of await results.locator("tbody tr td:nth-child(2)").allInnerTexts()) expect(cell.trim()).toBe("Fjordsound");
    await saveScreenshot(page, "subject-requests-search.png");

    // 2. The subject's timeline, and its evidence pack, verified as `npm run ledger:verify-pack` does.
    await page.getByRole("link", { name: "Open subject timeline", exact: true }).click();
    await page.waitForURL(onPath("/consent/subjects"));
    await page.getByRole("heading", { level: 1, name: "Subject timeline", exact: true }).waitFor();
    const timeline = await trpcQuery<TimelineAnswer>(page, "consentAudit.subjectTimeline", { tenantId, subjectId: SUBJECT });
    expect(timeline.records).toBe(resultRows);
    await page.getByText(timeline.records === 1 ? "1 record" : `${timeline.records} records`, { exact: true }).waitFor();
    await saveScreenshot(page, "subject-requests-timeline.png");
    const packFile = await downloadFrom(page, page.getByRole("button", { name: "Download evidence pack", exact: true }));
    expect(packFile.download.suggestedFilename()).toBe("fjordsound-subject.evidence.json");
    const pack = JSON.parse(packFile.text) as { tenant: { slug: string }; target: { kind: string }; records: { recordId: string }[] };
    expect(pack.tenant.slug).toBe("fjordsound");
    expect(pack.target.kind).toBe("subject");
    expect(pack.records.map((record) => record.recordId).sort()).toEqual(timeline.events.map((event) => event.recordId).sort());
    const serverKey = loadSigningKey({ file: join(journey.server.dataDir, "ledger-signing-key.pem") }).publicKey;
    const verified = await verifyEvidencePack(pack, { verifySignature, trustedPublicKeys: [serverKey] });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.checked).toMatchObject({ records: timeline.records, checkpoint: { trusted: true } });
    // A changed copy does not verify.
    const tampered = JSON.parse(packFile.text) as { records: { consentId: string }[] };
    (tampered.records[0] as { consentId: string }).consentId = "c_FORGED";
    expect((await verifyEvidencePack(tampered, { verifySignature })).ok).toBe(false);

    // 3. File an erasure request for the subject.
    await openFromNav(page, "Data-subject requests", "/consent/requests");
    await page.getByRole("button", { name: "File a request", exact: true }).click();
    const fileDialog = page.getByRole("dialog", { name: "File a request", exact: true });
    await fileDialog.waitFor();
    await choose(page, fileDialog, /^Tenant/, "Fjordsound");
    expect(await fileDialog.getByRole("combobox", { name: /^Kind/ }).inputValue()).toBe("Erasure");
    await fileDialog.getByRole("textbox", { name: /^Subject id\(s\)/ }).fill(SUBJECT);
    await fileDialog.getByRole("textbox", { name: /^Requester's email/ }).fill(REQUESTER);
    const received = fileDialog.getByLabel(/^Date received/);
    expect(await received.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await received.getAttribute("required")).not.toBeNull();
    await saveScreenshot(page, "subject-requests-file.png");
    await fileDialog.getByRole("button", { name: "File request", exact: true }).click();
    await page.waitForURL((url) => /^\/consent\/requests\/[0-9a-f-]{36}$/.test(url.pathname));
    const requestId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const main = page.locator("main");
    await main.getByText(`Erasure · ${SUBJECT_HINT}`, { exact: true }).waitFor();
    await main.getByText("Received", { exact: true }).first().waitFor();
    expect(await textOf(main)).toContain(REQUESTER);

    // 4. Identity verified (an empty note is refused first), then in progress.
    await page.getByRole("button", { name: "Verify identity", exact: true }).click();
    const verifyDialog = page.getByRole("dialog", { name: "Verify identity", exact: true });
    const note = verifyDialog.getByRole("textbox", { name: /^How was the requester's identity verified\?/ });
    await verifyDialog.getByRole("button", { name: "Confirm", exact: true }).click();
    await verifyDialog.getByText("Describe how the requester's identity was verified", { exact: true }).waitFor();
    expect(await note.getAttribute("aria-invalid")).toBe("true");
    expect(await note.getAttribute("required")).not.toBeNull();
    await note.fill("Replied from the email address the shop has for this customer");
    await verifyDialog.getByRole("button", { name: "Confirm", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.getByRole("button", { name: "Complete", exact: true }).waitFor();

    // 5. Complete: the confirmation says what will be erased.
    const before = await trpcQuery<DetailAnswer>(page, "subjectRequests.detail", { requestId });
    expect(before.request).toMatchObject({ status: "in_progress", kind: "erasure", tenant: { slug: "fjordsound" } });
    expect(before.personalDataToErase).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Complete", exact: true }).click();
    const eraseDialog = page.getByRole("dialog", { name: "Erase this subject's personal data?", exact: true });
    expect(await textOf(eraseDialog)).toContain(
      `salts of ${timeline.records} consent records (${before.personalDataToErase} not yet erased) will be erased for good.`,
    );
    await saveScreenshot(page, "subject-requests-confirm-erasure.png");
    await eraseDialog.getByRole("button", { name: "Confirm", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    // 6. The receipt and its hash; the downloaded receipt's hash recomputes.
    const result = page.getByRole("region", { name: "Result", exact: true });
    const receiptButton = result.getByRole("button", { name: "Download erasure receipt", exact: true });
    await receiptButton.waitFor();
    await main.getByText("Completed", { exact: true }).first().waitFor();
    expect(await textOf(result)).toMatch(/SHA-256 [0-9a-f]{64}/);
    const shownHash = await textOf(result.locator("code"));
    expect(shownHash).toMatch(/^[0-9a-f]{64}$/);
    // An erasure hands out no evidence pack (the subject's personal data is gone; the ledger keeps the proof).
    expect(await result.getByRole("button", { name: /evidence pack/ }).count()).toBe(0);
    await saveScreenshot(page, "subject-requests-completed.png");
    const receiptFile = await downloadFrom(page, receiptButton);
    expect(receiptFile.download.suggestedFilename()).toBe(`erasure-receipt-${requestId}.json`);
    const receipt = JSON.parse(receiptFile.text) as {
      document: {
        type: string;
        tenant: { slug: string };
        what: { records: number; personalDataErased: number };
        erasedBy: { label: string };
      };
      sha256: string;
    };
    expect(receipt.sha256).toBe(shownHash);
    expect(subjectRequestDocumentSha256(receipt.document)).toBe(shownHash);
    expect(receipt.document).toMatchObject({
      type: "masterchannel-erasure-receipt/v1",
      tenant: { slug: "fjordsound" },
      what: { records: timeline.records, personalDataErased: before.personalDataToErase },
      erasedBy: { label: COMPLIANCE },
    });
    expect(receiptFile.text).not.toContain(SUBJECT);
    const after = await trpcQuery<DetailAnswer>(page, "subjectRequests.detail", { requestId });
    expect(after).toMatchObject({
      request: { status: "completed" },
      personalDataToErase: 0,
      document: { kind: "erasure_receipt", sha256: shownHash },
    });
    expect(after.history.map((event) => [event.action, event.actorLabel])).toEqual([
      ["subject_request.file", COMPLIANCE],
      ["subject_request.verify_identity", COMPLIANCE],
      ["subject_request.start", COMPLIANCE],
      ["subject_request.complete", COMPLIANCE],
      ["subject_request.download", COMPLIANCE],
    ]);

    // 7. The subject's records say their personal data was erased, and the chain still verifies.
    await page.goto(`/consent/records?${new URLSearchParams({ tenant: tenantId, subject: SUBJECT })}`);
    await page
      .getByRole("link", { name: /^Open record \d+$/ })
      .first()
      .click();
    await page.waitForURL((url) => /^\/consent\/records\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByText(/^Erased \S.*\d/).waitFor();
    expect(await page.getByText("Kept (IP address and user agent, not shown here)", { exact: true }).count()).toBe(0);
    await page.getByText("Verifies", { exact: true }).first().waitFor();
    await saveScreenshot(page, "subject-requests-record-erased.png");

    journey.expectNoErrors();
  }, 240_000);
});
