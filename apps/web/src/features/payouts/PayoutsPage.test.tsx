import { formatMinor } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiCall, type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { PayoutsPage } from "./PayoutsPage";
import {
  accountsFixture,
  BEATLAB,
  DAY,
  eventDetailFixture,
  eventRowFixture,
  failedPayoutFixture,
  listFixture,
  NORTHWAVE,
  NOW,
} from "./payouts.fixtures";

function financeApi(extra: ApiMocks = {}): ApiMocks {
  return {
    "payouts.list": () => listFixture,
    "payouts.accounts": () => accountsFixture,
    "stripeEvents.list": () => ({ items: [eventRowFixture], nextCursor: null }),
    "stripeEvents.detail": () => eventDetailFixture,
    ...extra,
  };
}

const nok = (minor: number) => formatMinor(minor, "NOK", "en-GB");
const day = (date: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(date);

function CurrentLocation() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

function lastListInput(calls: ApiCall[]) {
  return calls.filter((call) => call.path === "payouts.list").at(-1)?.input as
    | { filters: Record<string, unknown>; sort: string }
    | undefined;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("finance's payouts page", () => {
  it("shows each failed payout above the list with what its failure means and what to do, and links to it", async () => {
    renderWithConsole(<PayoutsPage />, { me: sessionOf("finance", { tenant: null }), api: financeApi() });

    const panel = await screen.findByRole("region", { name: "Failed payouts" });
    expect(within(panel).getByText("1 failed payout")).toBeTruthy();
    const payout = within(panel).getByRole("article", { name: `Beatlab: ${nok(120_000)}` });
    expect(payout.textContent).toContain("account_closed");
    expect(payout.textContent).toContain("What it means: The bank account has been closed.");
    expect(payout.textContent).toContain(
      "What to do: Ask the partner to add a new bank account in Stripe onboarding. Stripe does not retry the payout",
    );
    expect(panel.textContent).toContain("The money of a failed payout went back to the partner's Stripe balance.");
    expect(panel.textContent).not.toContain("Each needs someone to act on it");
    // The link's name says which payout, so that two failed payouts of one partner are told apart.
    const link = within(payout).getByRole("link", {
      name: `Open the payout of ${nok(120_000)} to Beatlab, created ${day(failedPayoutFixture.createdAt)}`,
    });
    expect(link.textContent).toBe("Open the payout");
    expect(link.getAttribute("href")).toBe(`/payouts/${failedPayoutFixture.id}`);
    // No later paid payout of Beatlab in NOK on the list (Northwave's does not count): finance is asked to check.
    expect(within(payout).getByTestId("later-payout").textContent).toBe(
      "Check that a later NOK payout to Beatlab was paid: none is on the first page of the list below.",
    );

    // Above the list, which comes after it in reading order.
    const list = screen.getByRole("table", { name: "Payouts" });
    expect(panel.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("says when a later payout of the same partner and currency was paid since a failed one", async () => {
    const later = (id: string, changes: Partial<typeof failedPayoutFixture>) => ({
      ...failedPayoutFixture,
      id,
      status: "paid" as const,
      failure: null,
      ...changes,
    });
    const items = [
      // Paid, but in another currency, before the failure, or not yet paid: none of these.
      later("7f000000-0000-4000-8000-000000000011", { currency: "EUR", amount: 9_900, createdAt: new Date(NOW.getTime() - DAY) }),
      later("7f000000-0000-4000-8000-000000000012", { amount: 10_000, createdAt: new Date(NOW.getTime() - 9 * DAY) }),
      later("7f000000-0000-4000-8000-000000000013", { status: "in_transit", amount: 11_000, createdAt: new Date(NOW.getTime() - 4 * DAY) }),
      // Paid after it, in NOK: the first of these is the one named.
      later("7f000000-0000-4000-8000-000000000014", { amount: 130_000, createdAt: new Date(NOW.getTime() - 3 * DAY) }),
      later("7f000000-0000-4000-8000-000000000015", { amount: 140_000, createdAt: new Date(NOW.getTime() - DAY) }),
      failedPayoutFixture,
    ];
    renderWithConsole(<PayoutsPage />, {
      me: sessionOf("finance", { tenant: null }),
      api: financeApi({ "payouts.list": () => ({ ...listFixture, items }) }),
    });

    const panel = await screen.findByRole("region", { name: "Failed payouts" });
    const note = within(panel).getByTestId("later-payout");
    expect(note.getAttribute("data-paid-since")).toBe("true");
    expect(note.textContent).toBe(
      `Paid since: a later payout of ${nok(130_000)} to Beatlab, created ${day(new Date(NOW.getTime() - 3 * DAY))}.`,
    );
  });

  it("shows totals per currency, never one figure across currencies", async () => {
    renderWithConsole(<PayoutsPage />, { me: sessionOf("finance", { tenant: null }), api: financeApi() });

    const totals = await screen.findByRole("region", { name: "Totals per currency" });
    const cards = within(totals).getAllByRole("article");
    expect(cards.map((card) => card.getAttribute("data-currency"))).toEqual(["EUR", "NOK"]);
    const nokCard = cards[1] as HTMLElement;
    expect(nokCard.textContent).toContain("2 payouts");
    expect(nokCard.textContent).toContain(`Paid${nok(48_000)}`);
    expect(nokCard.textContent).toContain(`In flight${nok(0)}`);
    expect(nokCard.textContent).toContain(`Failed${nok(120_000)}`);
    expect(totals.textContent).not.toContain(nok(168_000 + 9_900));
  });

  it("puts the filters into the URL, sends them in minor units of the chosen currency, and builds the exports from them", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(
      <>
        <PayoutsPage />
        <CurrentLocation />
      </>,
      { me: sessionOf("finance", { tenant: null }), api: financeApi(), path: "/payouts" },
    );
    await screen.findByRole("table", { name: "Payouts" });

    const filters = screen.getByRole("form", { name: "Payout filters" });
    await user.click(within(filters).getByRole("checkbox", { name: "Failed" }));
    await user.type(within(filters).getByRole("textbox", { name: "Lowest amount" }), "1,500.50");
    await user.click(within(filters).getByRole("button", { name: "Apply filters" }));
    // An amount means nothing without its currency: nothing is applied yet.
    expect(within(filters).getByText(/Choose a currency to filter by amount/)).toBeTruthy();
    expect(screen.getByTestId("location").textContent).toBe("/payouts");

    await user.click(within(filters).getByRole("combobox", { name: "Currency" }));
    await user.click(await screen.findByRole("option", { name: /^NOK/ }));
    await user.click(within(filters).getByRole("combobox", { name: "Partner" }));
    await user.click(await screen.findByRole("option", { name: "Northwave" }));
    // The labels say which days a bound takes in (the browser decides how a date is shown).
    expect(within(filters).getByLabelText("To (created on or before)")).toBeTruthy();
    await user.type(within(filters).getByLabelText("From (created on or after)"), "2026-04-01");
    await user.click(within(filters).getByRole("button", { name: "Apply filters" }));

    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(
        `/payouts?tenant=${NORTHWAVE.id}&status=failed&currency=NOK&from=2026-04-01&min=1500.50`,
      ),
    );
    await waitFor(() =>
      expect(lastListInput(calls)?.filters).toEqual({
        tenantId: NORTHWAVE.id,
        status: ["failed"],
        currency: "NOK",
        from: new Date(2026, 3, 1),
        minAmount: 150_050,
      }),
    );

    const norwegian = screen.getByRole("link", { name: "Payouts (CSV, Norwegian Excel)" });
    const url = new URL(norwegian.getAttribute("href") ?? "", "https://console.example.test");
    expect(url.pathname).toBe("/api/exports/payouts.csv");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenantId: NORTHWAVE.id,
      status: "failed",
      currency: "NOK",
      from: new Date(2026, 3, 1).toISOString(),
      minAmount: "150050",
      variant: "nb",
    });
    expect(norwegian.hasAttribute("download")).toBe(true);
    const sales = new URL(screen.getByRole("link", { name: "Sales (CSV)" }).getAttribute("href") ?? "", "https://console.example.test");
    expect(sales.pathname).toBe("/api/exports/sales.csv");
    expect(sales.searchParams.get("variant")).toBe("standard");
    expect(sales.searchParams.has("status")).toBe(false);
    expect(sales.searchParams.has("minAmount")).toBe(false);
  });

  it("reads the filters from the URL it was opened with", async () => {
    const { calls } = renderWithConsole(<PayoutsPage />, {
      me: sessionOf("finance", { tenant: null }),
      api: financeApi(),
      path: "/payouts?status=paid,in_transit&currency=EUR&max=99.5&sort=amount_desc",
    });

    await screen.findByRole("table", { name: "Payouts" });
    expect(lastListInput(calls)).toMatchObject({
      filters: { status: ["in_transit", "paid"], currency: "EUR", maxAmount: 9_950 },
      sort: "amount_desc",
    });
    expect(screen.getByRole("checkbox", { name: "Paid" })).toHaveProperty("checked", true);
    expect(screen.getByRole("textbox", { name: "Highest amount" })).toHaveProperty("value", "99.50");
  });

  it("pages forward and back with the server's cursor", async () => {
    const user = userEvent.setup();
    const list = vi.fn((input: { cursor?: string | null }) =>
      input.cursor === "page-2"
        ? { ...listFixture, items: [failedPayoutFixture], nextCursor: null, failed: [] }
        : { ...listFixture, nextCursor: "page-2" },
    );
    const { calls } = renderWithConsole(<PayoutsPage />, {
      me: sessionOf("finance", { tenant: null }),
      api: financeApi({ "payouts.list": list }),
    });

    const next = await screen.findByRole("button", { name: "Next" });
    expect(screen.getByRole("button", { name: "Previous" })).toHaveProperty("disabled", true);
    await user.click(next);
    await waitFor(() => expect(screen.getByText("Page 2")).toBeTruthy());
    expect(calls.some((call) => call.path === "payouts.list" && (call.input as { cursor?: string }).cursor === "page-2")).toBe(true);
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Payouts" })).getAllByRole("row")).toHaveLength(2));
    expect(screen.getByRole("button", { name: "Next" })).toHaveProperty("disabled", true);
    // The failed payouts of the first page stay in view.
    expect(screen.getByRole("region", { name: "Failed payouts" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Previous" }));
    await waitFor(() => expect(screen.getByText("Page 1")).toBeTruthy());
    expect(within(screen.getByRole("table", { name: "Payouts" })).getAllByRole("row")).toHaveLength(3);
  });

  it("holds a partner's payouts only with a reason of at least five characters, and sends it", async () => {
    const user = userEvent.setup();
    const hold = vi.fn(() => ({ held: true as const, since: NOW }));
    renderWithConsole(<PayoutsPage />, {
      me: sessionOf("finance", { tenant: null }),
      api: financeApi({ "payouts.hold": hold }),
      path: "/payouts?tab=partners",
    });

    const table = await screen.findByRole("table", { name: "Partners' Stripe accounts" });
    const northwave = within(table).getByText("Northwave").closest("tr") as HTMLElement;
    expect(northwave.textContent).toContain("On hold");
    expect(northwave.textContent).toContain("Chargebacks under review");
    expect(northwave.textContent).toContain("1 item past due");
    expect(northwave.textContent).toContain("Manual (no automatic payouts)");
    expect(within(northwave).getByRole("button", { name: "Release the payouts of Northwave" })).toBeTruthy();

    await user.click(within(table).getByRole("button", { name: "Hold the payouts of Beatlab" }));
    const dialog = await screen.findByRole("dialog", { name: "Hold the payouts of Beatlab" });
    await user.click(within(dialog).getByRole("button", { name: "Hold payouts" }));
    expect(within(dialog).getByText("Give a reason of at least 5 characters")).toBeTruthy();
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "  ab  ");
    await user.click(within(dialog).getByRole("button", { name: "Hold payouts" }));
    expect(within(dialog).getByText("Give a reason of at least 5 characters")).toBeTruthy();
    expect(hold).not.toHaveBeenCalled();

    await user.clear(within(dialog).getByRole("textbox", { name: /Reason/ }));
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "Bank details under review");
    await user.click(within(dialog).getByRole("button", { name: "Hold payouts" }));
    await waitFor(() => expect(hold).toHaveBeenCalledWith({ tenantId: BEATLAB.id, reason: "Bank details under review" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("releases a hold with a reason", async () => {
    const user = userEvent.setup();
    const release = vi.fn(() => ({ held: false as const }));
    renderWithConsole(<PayoutsPage />, {
      me: sessionOf("operator_admin", { tenant: null }),
      api: financeApi({ "payouts.release": release }),
      path: "/payouts?tab=partners",
    });

    await user.click(await screen.findByRole("button", { name: "Release the payouts of Northwave" }));
    const dialog = await screen.findByRole("dialog", { name: "Release the payouts of Northwave" });
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "Chargebacks settled");
    await user.click(within(dialog).getByRole("button", { name: "Release payouts" }));
    await waitFor(() => expect(release).toHaveBeenCalledWith({ tenantId: NORTHWAVE.id, reason: "Chargebacks settled" }));
  });

  it("shows a webhook event's payload and replays it only after a confirmation", async () => {
    const user = userEvent.setup();
    const replay = vi.fn(() => ({ eventId: eventRowFixture.id, outcome: "applied" as const, replayCount: 1 }));
    const { calls } = renderWithConsole(<PayoutsPage />, {
      me: sessionOf("finance", { tenant: null }),
      api: financeApi({ "stripeEvents.replay": replay }),
      path: "/payouts?tab=events&eventType=payout.&outcome=applied",
    });

    await user.click(await screen.findByRole("button", { name: `Details of ${eventRowFixture.id}` }));
    expect(calls.find((call) => call.path === "stripeEvents.list")?.input).toMatchObject({ type: "payout.", outcome: "applied" });
    const drawer = await screen.findByRole("dialog", { name: `Event ${eventRowFixture.id}` });
    const payload = await within(drawer).findByText(/"failure_code": "account_closed"/);
    expect(payload.textContent).toBe(JSON.stringify(eventDetailFixture.payload, null, 2));

    await user.click(within(drawer).getByRole("button", { name: "Replay" }));
    const confirm = await screen.findByRole("dialog", { name: `Replay ${eventRowFixture.id}?` });
    expect(replay).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole("button", { name: "Replay" }));
    await waitFor(() => expect(replay).toHaveBeenCalledWith({ eventId: eventRowFixture.id }));
  });

  it("offers neither holds nor replays nor exports to those without the permission, and nothing to partners", async () => {
    const finance = sessionOf("finance", { tenant: null });
    const readOnly = {
      ...finance,
      permissions: finance.permissions.filter((p) => !["payouts.hold", "payouts.export", "stripe_events.replay"].includes(p)),
    };
    const view = renderWithConsole(<PayoutsPage />, { me: readOnly, api: financeApi(), path: "/payouts?tab=partners" });
    await screen.findByRole("table", { name: "Partners' Stripe accounts" });
    expect(screen.queryByRole("button", { name: /Hold the payouts/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Release the payouts/ })).toBeNull();
    view.unmount();

    renderWithConsole(<PayoutsPage />, { me: sessionOf("partner_admin"), api: {} });
    expect(screen.getByText("Your role does not give access to this page.")).toBeTruthy();
  });
});
