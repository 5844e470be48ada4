/**
 * Steps every browser journey takes: where the page is, the login page, logging in, the main
 * navigation, and a table's row by what it says. Selectors are the ones a person (or a screen
 * reader) would use: roles, labels and visible text.
 */
import type { Locator, Page } from "playwright-core";

/** Every demo account's password (see README.md). */
export const PASSWORD = "demo-password-2026";

export function onPath(pathname: string) {
  return (url: URL) => url.pathname === pathname;
}

export async function expectLoginPage(page: Page) {
  await page.waitForURL(onPath("/login"));
  await page.getByRole("button", { name: "Log in", exact: true }).waitFor();
}

/** From the login page into the shell (whatever page `next` leads to). */
export async function logIn(page: Page, email: string, password = PASSWORD) {
  await expectLoginPage(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.getByRole("navigation", { name: "Main", exact: true }).waitFor();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main", exact: true });
}

/** Opens a page from the main navigation by its link's name, and waits for its path. */
export async function openFromNav(page: Page, name: string, path: string) {
  await mainNav(page).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(onPath(path));
}

/** Runs of white space as one space, trimmed. */
export function normalized(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * What a person reads in `locator`, with runs of white space as one space. The rendered text, not
 * textContent: that would glue block elements together and include Mantine's inline <style> rules.
 */
export async function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asserted here (see above).
  return normalized(await locator.innerText());
}

/** The name of the tenant the session works in, as the tenant switcher shows it. */
export function activeTenantName(page: Page) {
  return page.getByTestId("active-tenant-name").textContent();
}

/** The rows of a table inside `scope` that mention `text` (an email, a name). */
export function rowsWith(scope: Page | Locator, text: string) {
  return scope.getByRole("row").filter({ hasText: text });
}

/**
 * A tRPC query read with the page's cookies (the session of whoever is logged in there), as the
 * web app would: GET /trpc/<path> with superjson's envelope. Fails the test on any status but 200.
 * Dates come back as ISO strings (superjson's `meta` is not applied).
 */
export async function trpcQuery<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/trpc/${path}${query}`);
  const text = await response.text();
  if (response.status() !== 200) throw new Error(`GET /trpc/${path} answered ${response.status()}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}
