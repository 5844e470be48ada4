import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { ConsentPage } from "./ConsentPage";
import { apiError, brokenReport, verifiedReport } from "./ledger.fixtures";

const settings = [
  { tenantId: "3d1e2f4a-0000-4000-8000-000000000001", name: "Beatlab", slug: "beatlab", ratePerSecond: 2000, burst: 20000, custom: false },
  { tenantId: "3d1e2f4a-0000-4000-8000-000000000002", name: "Northwave", slug: "northwave", ratePerSecond: 500, burst: 5000, custom: true },
];

const origins = [{ origin: "http://localhost:5173", note: "Vite dev server", addedBy: null, createdAt: new Date("2026-05-01T08:00:00Z") }];

function operatorApi(extra: ApiMocks = {}): ApiMocks {
  return {
    "ledger.ingestSettings": () => settings,
    "ledger.devOrigins": () => origins,
    ...extra,
  };
}

describe("the consent page across tenants", () => {
  it("verifies every ledger, naming each tenant as the report does, and says how far the broken one verifies", async () => {
    const user = userEvent.setup();
    const beatlab = { ...verifiedReport, tenantId: "3d1e2f4a-0000-4000-8000-000000000001", slug: "beatlab", name: "Beatlab Records" };
    const { calls } = renderWithConsole(<ConsentPage />, {
      me: sessionOf("compliance", { tenant: null }),
      api: { "ledger.verifyAll": () => [beatlab, brokenReport] },
    });

    await user.click(await screen.findByRole("button", { name: "Verify all ledgers" }));
    const section = screen.getByRole("region", { name: "Verify all ledgers" });
    expect((await within(section).findByRole("alert")).textContent).toContain("1 of 2 ledgers is broken.");
    const row = (await screen.findByText("Northwave")).closest("tr") as HTMLElement;
    expect(within(row).getByText("northwave")).toBeTruthy();
    expect(within(row).getByText("Broken")).toBeTruthy();
    expect(within(row).getByText("seq 1,233")).toBeTruthy();
    expect(within(row).getByText("seq 1,234: edited")).toBeTruthy();
    expect(row.textContent).not.toContain("1,000");
    const beatlabRow = screen.getByText("Beatlab Records").closest("tr") as HTMLElement;
    expect(within(beatlabRow).getByText("beatlab")).toBeTruthy();
    expect(within(beatlabRow).getByText("Verifies")).toBeTruthy();
    expect(within(beatlabRow).getByText("seq 1,500")).toBeTruthy(); // verified through (the checkpoint cell also says when)
    // The names come with the reports: nothing else is asked for them.
    expect(calls.map((call) => call.path)).toEqual(["ledger.verifyAll"]);
  });

  it("shows compliance no ingestion settings, which only operator admins manage", async () => {
    renderWithConsole(<ConsentPage />, { me: sessionOf("compliance", { tenant: null }), api: {} });
    expect(await screen.findByRole("button", { name: "Verify all ledgers" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Ingestion limits" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Development origins" })).toBeNull();
  });

  it("checks new limits with the shared schema before saving them", async () => {
    const user = userEvent.setup();
    const update = vi.fn((input: { tenantId: string; ratePerSecond: number; burst: number }) => ({ ...input, custom: true }));
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("operator_admin", { tenant: null }),
      api: operatorApi({ "ledger.updateIngestSettings": update }),
    });

    const row = (await screen.findByText("Beatlab")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Default")).toBeTruthy();
    expect(within(screen.getByText("Northwave").closest("tr") as HTMLElement).getByText("Custom")).toBeTruthy();

    await user.click(within(row).getByRole("button", { name: "Edit the limits of Beatlab" }));
    const dialog = await screen.findByRole("dialog", { name: "Ingestion limits of Beatlab" });
    expect(within(dialog).getByText("The default is 2,000 events a second, with bursts up to 20,000.")).toBeTruthy();
    const rate = within(dialog).getByRole("textbox", { name: /Events a second/ });
    const burst = within(dialog).getByRole("textbox", { name: /Burst/ });
    await user.clear(rate);
    await user.type(rate, "3000");
    await user.clear(burst);
    await user.type(burst, "100");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByText("The burst must hold at least one full batch (500 events)")).toBeTruthy();
    expect(update).not.toHaveBeenCalled();

    await user.clear(burst);
    await user.type(burst, "2500");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByText("The burst must be at least the rate per second")).toBeTruthy();

    await user.clear(burst);
    await user.type(burst, "30000");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(update).toHaveBeenCalledWith({ tenantId: settings[0]?.tenantId, ratePerSecond: 3000, burst: 30000 }));
  });

  it("resets a tenant's custom limits to the default only after a confirmation", async () => {
    const user = userEvent.setup();
    const reset = vi.fn((input: { tenantId: string }) => ({ ...input, ratePerSecond: 2000, burst: 20000, custom: false }));
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("operator_admin", { tenant: null }),
      api: operatorApi({ "ledger.resetIngestSettings": reset }),
    });

    // Only a custom row has something to reset.
    const beatlab = (await screen.findByText("Beatlab")).closest("tr") as HTMLElement;
    expect(within(beatlab).queryByRole("button", { name: /Reset/ })).toBeNull();
    const northwave = screen.getByText("Northwave").closest("tr") as HTMLElement;
    await user.click(within(northwave).getByRole("button", { name: "Reset the limits of Northwave to the default" }));

    const confirm = await screen.findByRole("dialog", { name: "Reset the limits of Northwave?" });
    expect(confirm.textContent).toContain("Northwave goes back to the default limits: 2,000 events a second, with bursts up to 20,000.");
    expect(confirm.textContent).toContain("(500 a second, bursts up to 5,000) are discarded");
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(reset).not.toHaveBeenCalled();

    await user.click(within(northwave).getByRole("button", { name: "Reset the limits of Northwave to the default" }));
    const again = await screen.findByRole("dialog", { name: "Reset the limits of Northwave?" });
    await user.click(within(again).getByRole("button", { name: "Reset to default" }));
    await waitFor(() => expect(reset).toHaveBeenCalledWith({ tenantId: settings[1]?.tenantId }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("shows an origin already listed (CONFLICT) as the origin field's error", async () => {
    const user = userEvent.setup();
    const add = vi.fn((input: { origin: string }) => {
      throw apiError("CONFLICT", `${input.origin} is already listed`);
    });
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("operator_admin", { tenant: null }),
      api: operatorApi({ "ledger.addDevOrigin": add }),
    });

    const origin = await screen.findByRole("textbox", { name: /^Origin/ });
    await user.type(origin, "http://localhost:5173");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await waitFor(() => expect(origin.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = origin.getAttribute("aria-describedby") ?? "";
    const fieldError = describedBy
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent)
      .find((text) => text?.includes("already listed"));
    expect(fieldError).toBe("http://localhost:5173 is already listed");
    // Said once, under the field, not again above the form.
    const form = origin.closest("form") as HTMLElement;
    expect(within(form).queryByRole("alert")).toBeNull();
  });

  it("adds a development origin only in the form the server takes, and removes one after a confirmation", async () => {
    const user = userEvent.setup();
    const add = vi.fn((input: { origin: string; note?: string }) => ({
      ...input,
      note: input.note ?? "",
      addedBy: null,
      createdAt: new Date(),
    }));
    const remove = vi.fn((input: { origin: string }) => input);
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("operator_admin", { tenant: null }),
      api: operatorApi({ "ledger.addDevOrigin": add, "ledger.removeDevOrigin": remove }),
    });

    const origin = await screen.findByRole("textbox", { name: /^Origin/ });
    await user.type(origin, "http://localhost:5173/");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    expect(screen.getByText(/An origin is a scheme, host and optional port/)).toBeTruthy();
    expect(add).not.toHaveBeenCalled();

    await user.clear(origin);
    await user.type(origin, "http://localhost:4000");
    await user.type(screen.getByRole("textbox", { name: "Note" }), "Storybook");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await waitFor(() => expect(add).toHaveBeenCalledWith({ origin: "http://localhost:4000", note: "Storybook" }));

    await user.click(screen.getByRole("button", { name: "Remove http://localhost:5173" }));
    const confirm = await screen.findByRole("dialog", { name: "Remove http://localhost:5173?" });
    await user.click(within(confirm).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith({ origin: "http://localhost:5173" }));
  });

  it("puts the active tenant's ledger and the all-tenant view in tabs for staff", async () => {
    const user = userEvent.setup();
    renderWithConsole(<ConsentPage />, {
      me: sessionOf("compliance"),
      api: {
        "ledger.overview": async () => (await import("./ledger.fixtures")).overviewFixture,
        "ledger.keys": async () => (await import("./ledger.fixtures")).keysFixture,
        "ledger.recentRecords": () => ({ records: [] }),
      },
    });

    expect(await screen.findByRole("tab", { name: "Northwave", selected: true })).toBeTruthy();
    expect(await screen.findByText("No consent events yet. They appear here as soon as your storefront records one.")).toBeTruthy();
    // Compliance reads keys but does not manage them.
    expect(screen.queryByRole("button", { name: "Rotate key" })).toBeNull();
    await user.click(screen.getByRole("tab", { name: "All tenants" }));
    expect(await screen.findByRole("button", { name: "Verify all ledgers" })).toBeTruthy();
  });
});
