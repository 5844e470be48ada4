/**
 * Debian's Chromium driven by playwright-core. Each test gets its own context (no shared cookies),
 * collects what the page logged as an error, and leaves a screenshot in e2e/artifacts/ when it fails.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const artifactsDir = resolve(import.meta.dirname, "artifacts");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page, in the order they happened. */
  errors: string[];
}

export async function openSession(browser: Browser, baseURL: string): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: "en-US" });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => {
    errors.push(`pageerror: ${error.stack ?? error.message}`);
  });
  return { context, page, errors };
}

/** A file name from a test's name: letters, digits and dashes. */
export function artifactName(testName: string): string {
  return testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

export async function saveScreenshot(page: Page, fileName: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const path = join(artifactsDir, fileName);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** After a failed test: a screenshot and the page's HTML and errors, named after the test. Never throws. */
export async function saveFailureArtifacts(session: BrowserSession, testName: string): Promise<void> {
  const base = `failed-${artifactName(testName)}`;
  try {
    const path = await saveScreenshot(session.page, `${base}.png`);
    const details = [`url: ${session.page.url()}`, "errors:", ...session.errors, "", await session.page.content()].join("\n");
    await writeFile(join(artifactsDir, `${base}.txt`), details);
    process.stderr.write(`e2e: screenshot of the failed test saved to ${path}\n`);
  } catch (error) {
    process.stderr.write(`e2e: could not save artifacts for "${testName}": ${(error as Error).message}\n`);
  }
}
