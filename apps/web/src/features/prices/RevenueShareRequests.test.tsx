import { marginPreview } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import type { PriceBook, PriceVersion } from "./priceDiff";
import { RevenueShareCard } from "./RevenueShare";
import type { ShareRequest } from "./RevenueShareRequests";

/** The signed-in person of sessionOf(): the one who asked, in the "own request" cases. */
const ME = { id: "a71ea09b-3543-48f4-936f-12af0f715ba4", name: "Test Person" };
const COLLEAGUE = { id: "5b0f1c7e-2d4a-4e8b-9c61-3f7a2e9d1b40", name: "Kari Nordmann" };
const ASKED_AT = new Date("2026-03-02T09:30:00Z");

const inEffect: PriceVersion = {
  id: "0d7c4b1e-6f2a-4a39-8e15-9b3c2d4e5f60",
  currency: "GBP",
  status: "published",
  version: 3,
  revision: 1,
  perTrack: { unitAmount: 1490, margin: marginPreview({ gross: 1490, currency: "GBP", revenueShareBps: 2000 }) },
  bundles: [],
  taxBehavior: "inclusive",
  revenueShareBps: 2000,
  effectiveFrom: new Date("2026-01-01T00:00:00Z"),
  basedOnVersion: null,
  changeSummary: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  publishedAt: new Date("2026-01-01T00:00:00Z"),
  cancelledAt: null,
};
const book: PriceBook = { currency: "GBP", inEffect, scheduled: [], draft: null } as PriceBook;

function request(overrides: Partial<ShareRequest> = {}): ShareRequest {
  return {
    id: "7e3a9c51-0b2d-4f6e-8a17-c4d5e6f70812",
    currency: "GBP",
    revenueShareBps: 1500,
    effectiveFrom: null,
    reason: "Volume agreement signed in March",
    status: "pending",
    requestedBy: COLLEAGUE,
    requestedAt: ASKED_AT,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    appliedVersion: null,
    ...overrides,
  };
}

function renderCard(requests: ShareRequest[], extra: ApiMocks = {}, role: "finance" | "partner_admin" = "finance") {
  const list = vi.fn(() => requests);
  const view = renderWithConsole(<RevenueShareCard currency="GBP" book={book} canSet={role === "finance"} />, {
    me: sessionOf(role),
    api: { "prices.revenueShareRequests": list, ...extra },
  });
  return { ...view, list };
}

const requestsList = () => screen.findByRole("list", { name: "GBP revenue share change requests" });

describe("revenue share change requests", () => {
  it("lets someone else approve a pending request with an optional note, then reloads the list", async () => {
    const user = userEvent.setup();
    const approve = vi.fn((input: { requestId: string; note?: string }) => ({
      request: request({ status: "approved", decidedBy: ME, decidedAt: new Date(), decisionNote: input.note ?? null, appliedVersion: 4 }),
      version: { ...inEffect, version: 4, revenueShareBps: 1500 },
    }));
    const { list } = renderCard([request()], { "prices.approveRevenueShare": approve });

    const item = within(await requestsList()).getByRole("listitem");
    expect(item.textContent).toContain("Change to 15\u00a0%");
    expect(item.textContent).toContain("Waiting for approval");
    expect(item.textContent).toContain("Asked by Kari Nordmann on");
    expect(item.textContent).toContain("Volume agreement signed in March");
    expect(within(item).queryByRole("button", { name: "Withdraw" })).toBeNull();
    // While a change waits, no other can be asked for.
    expect(screen.queryByRole("button", { name: "Request a change" })).toBeNull();

    await user.click(within(item).getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("dialog", { name: /^Approve the GBP change to 15\s%\?$/ });
    await user.type(within(dialog).getByRole("textbox", { name: "Note" }), "As agreed with Kari");
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));

    await waitFor(() => expect(approve).toHaveBeenCalledWith({ requestId: request().id, note: "As agreed with Kari" }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("needs a note to reject, and sends nothing without one", async () => {
    const user = userEvent.setup();
    const reject = vi.fn((input: { requestId: string; note: string }) =>
      request({ status: "rejected", decidedBy: ME, decidedAt: new Date(), decisionNote: input.note }),
    );
    renderCard([request()], { "prices.rejectRevenueShare": reject });

    await user.click(within(await requestsList()).getByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog", { name: /^Reject the GBP change to 15\s%\?$/ });
    const note = within(dialog).getByRole("textbox", { name: /Why it is rejected/ });
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await within(dialog).findByText("Write at least 5 characters")).toBeTruthy();
    expect(reject).not.toHaveBeenCalled();

    await user.type(note, "  Not agreed with the partner yet ");
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(reject).toHaveBeenCalledWith({ requestId: request().id, note: "Not agreed with the partner yet" }));
  });

  it("offers the person who asked only Withdraw", async () => {
    const user = userEvent.setup();
    const withdraw = vi.fn(() => request({ requestedBy: ME, status: "withdrawn", decidedBy: ME, decidedAt: new Date() }));
    renderCard([request({ requestedBy: ME })], { "prices.withdrawRevenueShare": withdraw });

    const item = within(await requestsList()).getByRole("listitem");
    expect(item.textContent).toContain("Asked by you on");
    expect(item.textContent).toContain("Someone else must approve or reject your request.");
    expect(within(item).queryByRole("button", { name: "Approve" })).toBeNull();
    expect(within(item).queryByRole("button", { name: "Reject" })).toBeNull();

    await user.click(within(item).getByRole("button", { name: "Withdraw" }));
    const dialog = await screen.findByRole("dialog", { name: /^Withdraw your GBP change to 15\s%\?$/ });
    await user.click(within(dialog).getByRole("button", { name: "Withdraw" }));
    await waitFor(() => expect(withdraw).toHaveBeenCalledWith({ requestId: request().id }));
  });

  it("shows how decided requests ended, with no actions", async () => {
    renderCard([
      request({ id: "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a10", status: "approved", decidedBy: ME, decidedAt: new Date(), appliedVersion: 4 }),
      request({
        id: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
        revenueShareBps: 1000,
        status: "rejected",
        decidedBy: COLLEAGUE,
        decidedAt: new Date(),
        decisionNote: "Too low for this partner",
      }),
    ]);
    const items = within(await requestsList()).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("Approved");
    expect(items[0]?.textContent).toMatch(/Approved by you on .*: version 4/);
    expect(items[1]?.textContent).toMatch(/Rejected by Kari Nordmann on /);
    expect(items[1]?.textContent).toContain("Too low for this partner");
    for (const item of items) expect(within(item).queryAllByRole("button")).toEqual([]);
    // Nothing waits, so a change may be asked for.
    expect(screen.getByRole("button", { name: "Request a change" })).toBeTruthy();
  });

  it("asks for a change with a share, a time and a required reason", async () => {
    const user = userEvent.setup();
    const ask = vi.fn((input: { revenueShareBps: number; reason: string }) =>
      request({ requestedBy: ME, revenueShareBps: input.revenueShareBps, reason: input.reason }),
    );
    const { list } = renderCard([], { "prices.requestRevenueShare": ask });
    expect(await screen.findByText("No changes to the GBP revenue share have been requested.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Request a change" }));
    const dialog = await screen.findByRole("dialog", { name: "Request a change to the GBP revenue share" });
    const share = within(dialog).getByRole("textbox", { name: "New revenue share" });
    await user.clear(share);
    await user.type(share, "17.5");
    await user.click(within(dialog).getByRole("button", { name: "Send for approval" }));
    expect(await within(dialog).findByText("Write at least 5 characters")).toBeTruthy();
    expect(ask).not.toHaveBeenCalled();

    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "New volume agreement");
    await user.click(within(dialog).getByRole("button", { name: "Send for approval" }));
    await waitFor(() =>
      expect(ask).toHaveBeenCalledWith({
        currency: "GBP",
        revenueShareBps: 1750,
        effectiveFrom: undefined,
        reason: "New volume agreement",
      }),
    );
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it("shows partners neither the requests nor a way to ask", async () => {
    const { list } = renderCard([], {}, "partner_admin");
    expect(await screen.findByRole("heading", { name: "Revenue share" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Change requests" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Request a change" })).toBeNull();
    expect(list).not.toHaveBeenCalled();
  });
});
