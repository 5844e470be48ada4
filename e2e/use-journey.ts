/**
 * What every browser test file sets up: the real server and Chromium for the whole file, and the
 * browser contexts a test opens, saved (screenshot, HTML, errors) when the test fails and closed
 * after it. Call `useBrowserJourney()` once, at the top level of a test file.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type BrowserSession, launchBrowser, openSession, saveFailureArtifacts } from "./browser.js";
import { type RunningServer, startServer } from "./server.js";

export interface BrowserJourney {
  /** The server of this test file (started before its first test). */
  readonly server: RunningServer;
  /**
   * A browser context of its own (its own cookies): another person, or the same person on another
   * device. `who` names it in failure artifacts and error messages.
   */
  open(who?: string): Promise<BrowserSession>;
  /** Fails the test if a page of any context it opened logged an error. */
  expectNoErrors(): void;
}

interface Opened {
  who: string | undefined;
  session: BrowserSession;
}

/**
 * A failed test's artifacts are named after the test, with `who` in front when the session has one,
 * or numbered in the order they were opened when several sessions had none.
 */
function artifactTestName(opened: Opened, index: number, count: number, testName: string): string {
  if (opened.who !== undefined) return `${opened.who} ${testName}`;
  return count === 1 ? testName : `${testName}-${index + 1}`;
}

export function useBrowserJourney(): BrowserJourney {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  /** The contexts the running test opened, in order. */
  let opened: Opened[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    const closing = opened;
    opened = [];
    for (const [index, entry] of closing.entries()) {
      if (task.result?.state === "fail") {
        await saveFailureArtifacts(entry.session, artifactTestName(entry, index, closing.length, task.name));
      }
      await entry.session.context.close();
    }
  });

  const started = () => {
    if (!server || !browser) throw new Error("useBrowserJourney: the server and browser start in beforeAll; use them in a test or hook");
    return { server, browser };
  };

  return {
    get server() {
      return started().server;
    },
    async open(who?: string) {
      const live = started();
      const session = await openSession(live.browser, live.server.url);
      opened.push({ who, session });
      return session;
    },
    expectNoErrors() {
      for (const [index, { who, session }] of opened.entries()) {
        expect(session.errors, `errors in the browser of ${who ?? `session ${index + 1}`}`).toEqual([]);
      }
    },
  };
}
