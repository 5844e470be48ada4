import { notifications } from "@mantine/notifications";
import { formatMinor } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { EarningsPage } from "./EarningsPage";
import {
  adjustmentFixture,
  DEADLINE,
  failedPartnerPayoutFixture,
  heldAccountFixture,
  NOW,
  notConnectedAccountFixture,
  restrictedAccountFixture,
  saleFixture,
  summaryFixture,
} from "./earnings.fixtures";
import { leaveForStripe } from "./leaveForStripe";

vi.mock("./leaveForStripe", () => ({ leaveForStripe: vi.fn() }));

/** What the page reads, answered as the server would for Northwave. */
function earningsApi(extra: ApiMocks = {}): ApiMocks {
  return {
    "earnings.account": () => restrictedAccountFixture,
    "earnings.summary": () => summaryFixture,
    "earnings.sales": () => ({ items: [saleFixture], nextCursor: null }),
    "earnings.adjustments": () => [adjustmentFixture],
    "earnings.payouts": () => ({ items: [failedPartnerPayoutFixture], nextCursor: null }),
    ...extra,
  };
}

const nok = (minor: number) => formatMinor(minor, "NOK", "en-GB");
const currencyName = (code: string) => new Intl.DisplayNames(["en-GB"], { type: "currency" }).of(code);

function CurrentLocation() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  // jsdom lays nothing out, so recharts finds its container 0 px wide and says so; the chart's figures are tested through its table view.
  const warn = console.warn;
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith("The width(0) and height(0) of chart")) warn(...args);
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
  vi.restoreAllMocks();
});

describe("the earnings page", () => {
  it("lists what Stripe still needs with the past-due item first and in words, the deadline and what happens without it", async () => {
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi() });

    const card = await screen.findByRole("region", { name: "Stripe account" });
    expect(within(card).getByTestId("account-headline").textContent).toBe("Restricted: information is overdue");
    expect(within(card).getByText("Payments enabled")).toBeTruthy();
    expect(within(card).getByText("Payouts paused")).toBeTruthy();

    const needs = within(card).getByRole("region", { name: "What Stripe still needs" });
    const items = within(needs).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    // The past-due identity document first, marked "Past due" in words (not by colour alone)…
    expect(items[0]?.textContent).toContain("Identity document");
    expect(items[0]?.textContent).toContain("Past due");
    expect(items[0]?.getAttribute("data-past-due")).toBe("true");
    // …then the bank account, only due.
    expect(items[1]?.textContent).toContain("Due");
    expect(items[1]?.textContent).not.toContain("Past due");
    expect(within(needs).getByText("1 item is past due")).toBeTruthy();

    const deadline = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(DEADLINE);
    expect(within(needs).getByTestId("due-deadline").textContent).toBe(`Due by ${deadline}`);
    expect(within(needs).getByTestId("due-consequence").textContent).toBe(
      "Until the overdue information is provided, payouts are paused. Payments still go through, and the money stays in the Stripe balance.",
    );
  });

  it("hides the onboarding button from those without earnings.onboard, and says who can act", async () => {
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi() });

    const card = await screen.findByRole("region", { name: "Stripe account" });
    expect(within(card).getByText("A partner admin of your team can provide these to Stripe.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /with Stripe/ })).toBeNull();
  });

  it("says payouts are on hold in the headline and the badge when finance holds them, not that they are ready", async () => {
    renderWithConsole(<EarningsPage />, {
      me: sessionOf("partner_admin"),
      api: earningsApi({ "earnings.account": () => heldAccountFixture }),
    });

    const card = await screen.findByRole("region", { name: "Stripe account" });
    // Stripe's own wording would be "Active: ready for payments and payouts".
    expect(heldAccountFixture.headline.en).toBe("Active: ready for payments and payouts");
    expect(within(card).getByTestId("account-headline").textContent).toBe("Active: payments go through, payouts are on hold");
    // Black on orange (about 8:1), not orange on light orange (3.6:1).
    const badge = within(card).getByText("Payouts on hold").closest(".mantine-Badge-root") as HTMLElement;
    expect(badge.style.getPropertyValue("--badge-bg")).toBe("var(--mantine-color-orange-6)");
    expect(badge.style.getPropertyValue("--badge-color")).toBe("var(--mantine-color-black)");
    expect(within(card).getByText("Payments enabled")).toBeTruthy();
    expect(within(card).queryByText("Payouts enabled")).toBeNull();
    expect(within(card).getByText("Payout schedule: manual (no automatic payouts)")).toBeTruthy();
    expect(within(card).getByRole("note").textContent).toContain("Reason: Chargeback rate above our threshold");
  });

  it("sends a partner admin to Stripe's onboarding with a fresh link", async () => {
    const user = userEvent.setup();
    const startOnboarding = vi.fn(() => ({ url: "https://connect.stripe.test/setup/s/abc", expiresAt: new Date(NOW.getTime() + 300_000) }));
    renderWithConsole(<EarningsPage />, {
      me: sessionOf("partner_admin"),
      api: earningsApi({ "earnings.startOnboarding": startOnboarding }),
    });

    await user.click(await screen.findByRole("button", { name: "Continue onboarding with Stripe" }));
    await waitFor(() => expect(startOnboarding).toHaveBeenCalledWith({ returnPath: "/earnings" }));
    await waitFor(() => expect(leaveForStripe).toHaveBeenCalledWith("https://connect.stripe.test/setup/s/abc"));
  });

  it("offers to set up payouts when there is no Stripe account yet", async () => {
    renderWithConsole(<EarningsPage />, {
      me: sessionOf("partner_admin"),
      api: earningsApi({
        "earnings.account": () => notConnectedAccountFixture,
        "earnings.summary": () => ({ ...summaryFixture, account: notConnectedAccountFixture, balances: [], months: [] }),
      }),
    });

    expect(await screen.findByRole("button", { name: "Set up payouts with Stripe" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Continue onboarding with Stripe" })).toBeNull();
    expect(await screen.findByText("No balance: there is no Stripe account yet.")).toBeTruthy();
  });

  it("says the partner is back from Stripe, once, and takes the parameter out of the address", async () => {
    const show = vi.spyOn(notifications, "show");
    const account = vi.fn(() => restrictedAccountFixture);
    renderWithConsole(
      <>
        <EarningsPage />
        <CurrentLocation />
      </>,
      { me: sessionOf("partner_admin"), api: earningsApi({ "earnings.account": account }), path: "/earnings?onboarding=returned" },
    );

    await waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(show.mock.calls[0]?.[0]).toMatchObject({ title: "Back from Stripe" });
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/earnings"));
    await screen.findByRole("region", { name: "Stripe account" });
    expect(account).toHaveBeenCalled();
    // Said once, even though the parameter is gone and the page rendered again.
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("says when Stripe's link expired", async () => {
    const show = vi.spyOn(notifications, "show");
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_admin"), api: earningsApi(), path: "/earnings?onboarding=expired" });

    await waitFor(() => expect(show).toHaveBeenCalledTimes(1));
    expect(show.mock.calls[0]?.[0]).toMatchObject({ title: "The Stripe link expired", color: "orange" });
  });

  it("shows each currency's balance on its own, with the next payout or why there is none", async () => {
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi() });

    const section = await screen.findByRole("region", { name: "Balance and next payout" });
    const nokCard = within(section).getByRole("article", { name: `NOK · ${currencyName("NOK")}` });
    expect(nokCard.textContent).toContain(`Available${nok(154_950)}Pending${nok(29_900)}`);
    expect(within(nokCard).getByTestId("next-payout-NOK").textContent).toBe(`About 5 May 2026: ${nok(154_950)}`);
    const eurCard = within(section).getByRole("article", { name: `EUR · ${currencyName("EUR")}` });
    // Payouts are paused on this account: no payout is expected, and the card says why.
    expect(within(eurCard).getByTestId("next-payout-EUR").textContent).toBe("None until Stripe enables payouts");
    expect(eurCard.textContent).toContain(`Pending${formatMinor(1_200, "EUR", "en-GB")}`);
    // One card per currency, and no figure across them.
    expect(within(section).getAllByRole("article")).toHaveLength(2);
  });

  it("shows net earnings per month as a table, one currency at a time, the busiest first", async () => {
    const user = userEvent.setup();
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi() });

    const section = await screen.findByRole("region", { name: "Earnings by month" });
    expect(within(section).getByRole("img").getAttribute("aria-label")).toContain("Net earnings per month in NOK, Apr 2026 to May 2026");
    await user.click(within(section).getByText("Table"));
    const nokTable = within(section).getByRole("table", { name: "Earnings by month in NOK" });
    const rows = within(nokTable).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain("Apr 2026");
    expect(rows[1]?.textContent).toContain(nok(263_120));
    expect(nokTable.textContent).not.toContain("€");

    await user.click(within(section).getByText("EUR"));
    const eurTable = within(section).getByRole("table", { name: "Earnings by month in EUR" });
    expect(within(eurTable).getAllByRole("row")).toHaveLength(2);
    expect(eurTable.textContent).toContain(formatMinor(1_200, "EUR", "en-GB"));
    expect(eurTable.textContent).not.toContain("NOK");
  });

  it("lists each sale's split and marks a partly refunded one, and loads more with the cursor", async () => {
    const user = userEvent.setup();
    const sales = vi
      .fn()
      .mockReturnValueOnce({ items: [saleFixture], nextCursor: "cursor-2" })
      .mockReturnValueOnce({
        items: [{ ...saleFixture, id: "5b0e1c7e-1a52-4f3c-9d1e-3c2a8f9e0a02", adjustments: [], amountRefunded: 0 }],
        nextCursor: null,
      });
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi({ "earnings.sales": sales }) });

    const table = await screen.findByRole("table", { name: "Sales" });
    const row = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(row.textContent).toContain("Bundle of 5 tracks");
    expect(row.textContent).toContain("v3");
    expect(row.textContent).toContain(nok(29_900));
    expect(row.textContent).toContain(nok(1_152));
    expect(row.textContent).toContain(nok(5_980));
    expect(row.textContent).toContain(nok(23_920));
    // The price book's revenue share is the platform's (20 %); the partner's share is the rest.
    expect(within(row).getByText("80 %")).toBeTruthy();
    expect(within(row).getByText("Partly refunded")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Load more sales" }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(sales).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: "cursor-2" }));
    expect(within(within(table).getAllByRole("row")[2] as HTMLElement).getByText("Paid")).toBeTruthy();
  });

  it("says what a refund took back from the partner, and what a failed payout means and what to do", async () => {
    renderWithConsole(<EarningsPage />, { me: sessionOf("partner_viewer"), api: earningsApi() });

    const refunds = await screen.findByRole("table", { name: "Refunds and disputes" });
    expect(refunds.textContent).toContain(`${nok(11_960)} taken back`);
    expect(refunds.textContent).toContain("done · asked for by the customer");

    const payouts = await screen.findByRole("table", { name: "Payouts to your bank" });
    const row = within(payouts).getAllByRole("row")[1] as HTMLElement;
    expect(within(row).getByText("Failed")).toBeTruthy();
    expect(row.textContent).toContain("The bank account has been closed.");
    // The partner's own action, not finance's advice about "the partner".
    expect(row.textContent).toContain(
      "What to do: Add a new bank account at Stripe (the button under “Stripe account” on this page). The money is back in your Stripe balance and goes out with the next payout once the bank details are updated.",
    );
    expect(row.textContent).not.toContain("Ask the partner");
    // A viewer is told who can change the bank details.
    expect(row.textContent).toContain("A partner admin of your team can change the bank details at Stripe.");
    // A failed payout arrives nowhere: no arrival date.
    const cells = within(row).getAllByRole("cell");
    const arrivalColumn = within(payouts)
      .getAllByRole("columnheader")
      .findIndex((header) => header.textContent === "Arrival");
    expect(cells[arrivalColumn]?.textContent).toBe("–");
  });
});
