import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { ConsentPage } from "./ConsentPage";
import {
  brokenReport,
  CURRENT_KEY,
  currentKeyFixture,
  GRACE_KEY,
  graceKeyFixture,
  keysFixture,
  NOW,
  overviewFixture,
  productionOverviewFixture,
  recordFixture,
  verifiedReport,
} from "./ledger.fixtures";

/** What the page reads, answered as the server would for Northwave. */
function tenantApi(extra: ApiMocks = {}): ApiMocks {
  return {
    "ledger.overview": () => overviewFixture,
    "ledger.keys": () => keysFixture,
    "ledger.recentRecords": () => ({ records: [recordFixture] }),
    ...extra,
  };
}

/** The date a grace period of `hours` ends, as the dialog writes it (en-GB, medium date, short time). */
function endOf(hours: number): string {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
  return format.format(new Date(NOW.getTime() + hours * 3600_000));
}

beforeEach(() => {
  // Only the clock: "now" is fixed, timers stay real so the page's promises settle.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the consent page of a partner", () => {
  it("offers every grace period when rotating and says until when the old key keeps working", async () => {
    const user = userEvent.setup();
    const rotateKey = vi.fn((input: { graceHours: number }) => ({
      key: {
        ...currentKeyFixture,
        id: "0b6c7a9e-8d1f-4c3a-9a57-7e0b5f1d2c09",
        key: "pk_live_NEWKEYNEWKEYNEWKEYNEWKE",
        state: "current" as const,
      },
      previous: { ...currentKeyFixture, expiresAt: new Date(NOW.getTime() + input.graceHours * 3600_000), state: "grace" as const },
    }));
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_admin"), api: tenantApi({ "ledger.rotateKey": rotateKey }) });

    await user.click(await screen.findByRole("button", { name: "Rotate key" }));
    const dialog = await screen.findByRole("dialog", { name: "Rotate the publishable key" });
    const options = within(dialog)
      .getAllByRole("radio")
      .map((radio) => radio.closest(".mantine-Radio-root")?.textContent);
    expect(options).toEqual(["Stops immediately", "For 1 hour", "For 24 hours", "For 7 days", "For 30 days", "For a number of hours"]);

    // Seven days by default.
    expect(within(dialog).getByRole("radio", { name: "For 7 days" })).toHaveProperty("checked", true);
    expect(within(dialog).getByTestId("grace-consequence").textContent).toContain(
      `Storefronts using the old key keep working until ${endOf(168)} (in 7 days); update them before then.`,
    );

    await user.click(within(dialog).getByRole("radio", { name: "For 24 hours" }));
    expect(within(dialog).getByTestId("grace-consequence").textContent).toContain(`keep working until ${endOf(24)} (tomorrow)`);

    await user.click(within(dialog).getByRole("radio", { name: "Stops immediately" }));
    expect(within(dialog).getByTestId("grace-consequence").textContent).toContain("The old key stops working at once");

    await user.click(within(dialog).getByRole("radio", { name: "For a number of hours" }));
    const hours = within(dialog).getByRole("textbox", { name: "Hours" });
    await user.clear(hours);
    await user.type(hours, "800");
    await user.click(within(dialog).getByRole("button", { name: "Rotate key" }));
    expect(within(dialog).getByText("The old key can keep working for at most 30 days")).toBeTruthy();
    expect(rotateKey).not.toHaveBeenCalled();

    await user.clear(hours);
    await user.type(hours, "12");
    expect(within(dialog).getByTestId("grace-consequence").textContent).toContain(`keep working until ${endOf(12)} (in 12 hours)`);
    await user.click(within(dialog).getByRole("button", { name: "Rotate key" }));

    await waitFor(() => expect(rotateKey).toHaveBeenCalledWith({ graceHours: 12 }));
    const done = await screen.findByRole("dialog", { name: "The new key" });
    expect(within(done).getByText("pk_live_NEWKEYNEWKEYNEWKEYNEWKE")).toBeTruthy();
    expect(within(done).getByText(`The old key works until ${endOf(12)} (in 12 hours).`)).toBeTruthy();
  });

  it("creates a tenant's first key without asking for a grace period", async () => {
    const user = userEvent.setup();
    const rotateKey = vi.fn(() => ({ key: currentKeyFixture, previous: null }));
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("partner_admin"),
      api: tenantApi({ "ledger.keys": () => [], "ledger.rotateKey": rotateKey }),
    });

    expect(await screen.findByText("The snippet needs a publishable key: create one first.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Create key" }));
    const dialog = await screen.findByRole("dialog", { name: "Create a publishable key" });
    expect(within(dialog).queryAllByRole("radio")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Create key" }));
    await waitFor(() => expect(rotateKey).toHaveBeenCalledWith({ graceHours: 0 }));
    expect(within(await screen.findByRole("dialog", { name: "The new key" })).getByText(CURRENT_KEY)).toBeTruthy();
  });

  it("says how far a broken ledger verifies, then the sequence number and the reason of the break", async () => {
    const user = userEvent.setup();
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi({ "ledger.verify": () => brokenReport }) });

    await user.click(await screen.findByRole("button", { name: "Verify ledger" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "Records 1 to 1,233 verify; broken at seq 1,234: edited — the record was changed after it was written",
    );
    // The partial record count (records up to the last checkpoint before the break) is not how far it verifies.
    expect(alert.textContent).not.toContain("1,000");
  });

  it("claims no record good when a checkpoint's signature fails, and says a break at the first record plainly", async () => {
    const user = userEvent.setup();
    const badCheckpoint = {
      ...brokenReport,
      records: 0,
      verifiedThrough: 499,
      problem: { seq: 500, reason: "bad-checkpoint" as const, description: "a checkpoint's signature does not verify with a trusted key" },
    };
    const atStart = {
      ...brokenReport,
      records: 0,
      verifiedThrough: 0,
      problem: { ...brokenReport.problem, seq: 1 },
    } as typeof brokenReport;
    const verify = vi.fn().mockReturnValueOnce(badCheckpoint).mockReturnValueOnce(atStart);
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi({ "ledger.verify": verify }) });

    await user.click(await screen.findByRole("button", { name: "Verify ledger" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Broken at seq 500: bad checkpoint — a checkpoint's signature does not verify with a trusted key");
    expect(alert.textContent).not.toContain("verify;");

    await user.click(screen.getByRole("button", { name: "Verify ledger" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Broken at seq 1: edited"));
    expect(screen.getByRole("alert").textContent).not.toContain("Records 1 to 0");
  });

  it("says plainly how far an intact ledger verifies", async () => {
    const user = userEvent.setup();
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi({ "ledger.verify": () => verifiedReport }) });

    await user.click(await screen.findByRole("button", { name: "Verify ledger" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain(
      "All 1,500 records verify up to seq 1,500; last checkpoint at seq 1,500, signed 3 hours ago; took 1.2\u00a0s.",
    );
  });

  it("lets admins rotate and end keys, and hides both from viewers", async () => {
    const admin = renderWithConsole(<ConsentPage />, { me: sessionOf("partner_admin"), api: tenantApi() });
    expect(await screen.findByRole("button", { name: "Rotate key" })).toBeTruthy();
    expect(screen.getByRole("button", { name: `End the grace period of ${GRACE_KEY} now` })).toBeTruthy();
    admin.unmount();

    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi() });
    // The keys are there to read…
    expect(await screen.findByText(GRACE_KEY)).toBeTruthy();
    expect(screen.getByText(/Stops working on .* \(in 3 days\)/)).toBeTruthy();
    // …but nothing changes them.
    expect(screen.queryByRole("button", { name: "Rotate key" })).toBeNull();
    expect(screen.queryByRole("button", { name: /End the grace period/ })).toBeNull();
    expect(screen.queryByText("End now")).toBeNull();
  });

  it("ends a key's grace period only after a confirmation", async () => {
    const user = userEvent.setup();
    const expireKey = vi.fn((input: { keyId: string }) => ({
      ...graceKeyFixture,
      id: input.keyId,
      expiresAt: NOW,
      state: "expired" as const,
    }));
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_admin"), api: tenantApi({ "ledger.expireKey": expireKey }) });

    await user.click(await screen.findByRole("button", { name: `End the grace period of ${GRACE_KEY} now` }));
    const confirm = await screen.findByRole("dialog", { name: "Stop the old key now?" });
    expect(confirm.textContent).toContain(`${GRACE_KEY} stops working at once`);
    expect(expireKey).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole("button", { name: "End now" }));
    await waitFor(() => expect(expireKey).toHaveBeenCalledWith({ keyId: graceKeyFixture.id }));
  });

  it("gives a snippet with the server's embed address, the tenant's slug and its current key", async () => {
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi() });

    const snippet = await screen.findByText((text) => text.startsWith("<script"));
    // The server's PUBLIC_URL, not the address this page was opened at.
    expect(snippet.textContent).toBe(
      `<script src="https://console.example.test/embed/consent.js" data-tenant="northwave" data-key="${CURRENT_KEY}" async></script>`,
    );
    expect(snippet.textContent).not.toContain(window.location.origin);
    expect(snippet.textContent).not.toContain(GRACE_KEY);
    expect(screen.getByText("https://shop.northwave.no")).toBeTruthy();
  });

  it("lists this console among the origins outside production, sends to Domains for the storefront's own, and links the demo storefront", async () => {
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("partner_admin"),
      // The demo key expired at a rotation long ago: the demo storefront embeds the current key now.
      api: tenantApi({ "ledger.overview": () => ({ ...overviewFixture, allowedOrigins: [] }) }),
    });

    const origins = (await screen.findByText("Where consent may be posted from")).parentElement as HTMLElement;
    expect(within(origins).getByRole("listitem").textContent).toBe("https://console.example.test (this console, outside production only)");
    expect(within(origins).queryByText(/No origin yet/)).toBeNull();
    expect(within(origins).getByText(/Storefronts on your own domain need a verified custom domain/)).toBeTruthy();
    expect(within(origins).getByRole("link", { name: "Add and verify a domain" }).getAttribute("href")).toBe("/domains");

    const demo = screen.getByRole("link", { name: /Open the demo storefront/ });
    expect(demo.getAttribute("href")).toBe("https://console.example.test/demo/storefront/northwave");
    expect(demo.getAttribute("target")).toBe("_blank");
  });

  it("offers no demo storefront and no console origin in production", async () => {
    const demoKey = { ...currentKeyFixture, isDemo: true, key: "pk_demo_northwave" };
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("partner_admin"),
      api: tenantApi({ "ledger.overview": () => ({ ...productionOverviewFixture, allowedOrigins: [] }), "ledger.keys": () => [demoKey] }),
    });

    const origins = (await screen.findByText("Where consent may be posted from")).parentElement as HTMLElement;
    expect(within(origins).getByText(/No origin yet: consent can be posted only from a verified custom domain/)).toBeTruthy();
    expect(within(origins).getByRole("link", { name: "Add and verify a domain" }).getAttribute("href")).toBe("/domains");
    expect(within(origins).queryByRole("listitem")).toBeNull();
    expect(screen.queryByText(/this console/)).toBeNull();
    expect(screen.queryByRole("link", { name: /Open the demo storefront/ })).toBeNull();
    expect(screen.queryByText("Try it")).toBeNull();
    expect(screen.getByText("Demo keys are refused in production. Rotate to a live key before your storefront goes live.")).toBeTruthy();
  });

  it("lists recent events with their action and decision per purpose", async () => {
    renderWithConsole(<ConsentPage />, { me: sessionOf("partner_viewer"), api: tenantApi() });

    const table = (await screen.findByText("c_ZSTE4D1JYFAH")).closest("table");
    if (!table) throw new Error("no table around the consent id");
    const row = within(table).getByText("c_ZSTE4D1JYFAH").closest("tr") as HTMLElement;
    expect(within(row).getByText("Custom")).toBeTruthy();
    expect(within(row).getByText("tidio").closest("[data-decision]")?.getAttribute("data-decision")).toBe("denied");
    expect(within(row).getByText("product_analytics").closest("[data-decision]")?.getAttribute("data-decision")).toBe("granted");
    expect(within(row).getByText("preferences").closest("[data-decision]")?.getAttribute("data-decision")).toBe("acknowledged");
  });
});
