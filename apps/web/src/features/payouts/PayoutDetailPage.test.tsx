import { formatMinor } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { PayoutDetailPage } from "./PayoutDetailPage";
import {
  accountsFixture,
  balancedDetailFixture,
  failedDetailFixture,
  failedPayoutFixture,
  NORTHWAVE,
  NOW,
  paidPayoutFixture,
  unbalancedDetailFixture,
} from "./payouts.fixtures";
import type { PayoutDetail } from "./payouts.types";

const nok = (minor: number) => formatMinor(minor, "NOK", "en-GB");
const facts = () => screen.getByRole("region", { name: "About this payout" });

function renderDetail(detail: PayoutDetail, extra: ApiMocks = {}) {
  return renderWithConsole(
    <Routes>
      <Route path="/payouts/:payoutId" element={<PayoutDetailPage />} />
    </Routes>,
    {
      me: sessionOf("finance", { tenant: null }),
      api: { "payouts.detail": () => detail, "payouts.accounts": () => accountsFixture, ...extra },
      path: `/payouts/${detail.id}`,
    },
  );
}

/** The reconciliation table's rows by their line, as "label|count|amount". */
function reconciliationRows() {
  const table = screen.getByRole("table", { name: "Reconciliation of this payout" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()).join("|"));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("a payout's reconciliation", () => {
  it("flags a difference that is not zero in red, says how much is unexplained and lists what does not match", async () => {
    renderDetail(unbalancedDetailFixture);

    await screen.findByRole("heading", { level: 1, name: `Payout of ${nok(49_200)} to Northwave` });
    expect(reconciliationRows()).toEqual([
      `Sales|2|${nok(59_800)}`,
      `Refunds|1|${nok(-11_800)}`,
      `Not matched to our records|1|${nok(1_200)}`,
      `Explained total||${nok(48_000)}`,
      `Payout amount||${nok(49_200)}`,
      `Unexplained differenceDoes not balance||${nok(1_200)}`,
    ]);
    const difference = screen.getByRole("table", { name: "Reconciliation of this payout" }).querySelector("[data-line='difference']");
    expect(difference?.getAttribute("data-flagged")).toBe("true");

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain(`${nok(1_200)} of this payout is not explained`);
    expect(alert.textContent).toContain(
      `add up to ${nok(48_000)}, but Stripe paid out ${nok(49_200)}: ${nok(1_200)} is not accounted for.`,
    );
    expect(screen.queryByText("Balances to the cent")).toBeNull();

    const mismatches = screen.getByRole("table", { name: "Transactions that do not match our records" });
    const row = within(mismatches).getAllByRole("row")[1] as HTMLElement;
    expect(row.textContent).toContain("txn_4Adjustment");
    expect(row.textContent).toContain("Nothing in our records matches it");

    const items = screen.getByRole("table", { name: "Transactions in this payout" });
    const unknown = within(items).getByText("txn_4Adjustment").closest("tr") as HTMLElement;
    expect(within(unknown).getByText("Nothing in our records")).toBeTruthy();
  });

  it("says a payout balances to the cent when every transaction matches and nothing is left over", async () => {
    renderDetail(balancedDetailFixture);

    const status = await screen.findByRole("status");
    expect(within(status).getByText("Balances to the cent")).toBeTruthy();
    expect(reconciliationRows()).toEqual([
      `Sales|2|${nok(59_800)}`,
      `Refunds|1|${nok(-11_800)}`,
      `Explained total||${nok(48_000)}`,
      `Payout amount||${nok(48_000)}`,
      `Unexplained differenceNone||${nok(0)}`,
    ]);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("table", { name: "Transactions that do not match our records" })).toBeNull();
    const items = screen.getByRole("table", { name: "Transactions in this payout" });
    expect(within(within(items).getByText("txn_1Sale").closest("tr") as HTMLElement).getByText(/^Sale/)).toBeTruthy();
    // Whose fee: in the partner's balance transactions, the platform's application fee.
    expect(within(items).getByRole("columnheader", { name: "Fee (platform's)" })).toBeTruthy();
    // A paid payout: what it paid out, and when it arrived.
    expect(
      screen.getByText("The balance transactions this payout paid out, matched to our sales, refunds, disputes and returned payouts."),
    ).toBeTruthy();
    expect(facts().textContent).toContain("Arrived");
  });

  it("shows why a payout failed and what to do, and that its transactions were never read", async () => {
    renderDetail(failedDetailFixture);

    await screen.findByRole("heading", { level: 1, name: `Payout of ${nok(120_000)} to Beatlab` });
    const failure = screen.getAllByRole("alert").find((alert) => alert.textContent?.includes("This payout failed")) as HTMLElement;
    expect(failure.textContent).toContain("Failure code: account_closed");
    // Stripe's message says what the meaning says ("The bank account has been closed"): not twice.
    expect(failure.textContent).not.toContain("Stripe's message");
    expect(failure.textContent).toContain("What it means: The bank account has been closed.");
    expect(failure.textContent).toContain("What to do: Ask the partner to add a new bank account in Stripe onboarding.");
    expect(screen.getByText("Stripe's transactions for this payout have not been read yet: refresh from Stripe.")).toBeTruthy();
    expect(failedPayoutFixture.stripePayoutId).toBe(screen.getByText("po_1FailedBeatlab").textContent);
    // A failed payout arrives nowhere, and its transactions went back to the balance rather than out.
    expect(facts().textContent).not.toMatch(/Expected arrival|Arrived/);
    const returned = "went back to the partner's Stripe balance";
    expect(screen.getByRole("region", { name: "Reconciliation" }).textContent).toContain(`The payout failed: they ${returned}.`);
    const items = screen.getByRole("region", { name: "Transactions in this payout" });
    expect(items.textContent).toContain(`which ${returned} when it failed`);
    expect(document.body.textContent).not.toContain("paid out with this payout");
  });

  it("puts Hold next to Refresh at the same size, filled orange with dark text", async () => {
    renderDetail(failedDetailFixture);

    const hold = await screen.findByRole("button", { name: "Hold the payouts of Beatlab" });
    const refresh = screen.getByRole("button", { name: "Refresh from Stripe" });
    // Mantine's default button size is sm: the hold button is sm too, not the table's xs.
    expect(refresh.style.getPropertyValue("--button-height")).toMatch(/^(|var\(--button-height-sm\))$/);
    expect(hold.style.getPropertyValue("--button-height")).toBe("var(--button-height-sm)");
    expect(hold.getAttribute("data-variant")).toBe("filled");
    // Black on orange 6 (about 8:1), not orange on light orange (3.6:1).
    expect(hold.style.getPropertyValue("--button-bg")).toBe("var(--mantine-color-orange-6)");
    expect(hold.style.getPropertyValue("--button-color")).toBe("var(--mantine-color-black)");
  });

  it("shows Stripe's message when it says more than the meaning", async () => {
    const failure = failedDetailFixture.failure as NonNullable<PayoutDetail["failure"]>;
    renderDetail({ ...failedDetailFixture, failure: { ...failure, message: "The account holder closed the account on 2 May." } });

    const box = (await screen.findAllByRole("alert")).find((alert) => alert.textContent?.includes("This payout failed")) as HTMLElement;
    expect(box.textContent).toContain("Stripe's message: The account holder closed the account on 2 May.");
  });

  it("reads the payout again from Stripe and shows what came back", async () => {
    const user = userEvent.setup();
    const refresh = vi.fn(() => balancedDetailFixture);
    renderDetail({ ...unbalancedDetailFixture, id: paidPayoutFixture.id }, { "payouts.refresh": refresh });

    await user.click(await screen.findByRole("button", { name: "Refresh from Stripe" }));
    await waitFor(() => expect(refresh).toHaveBeenCalledWith({ payoutId: paidPayoutFixture.id }));
    expect(await screen.findByText("Balances to the cent")).toBeTruthy();
  });

  it("releases the held partner's payouts from the payout, with a reason", async () => {
    const user = userEvent.setup();
    const release = vi.fn(() => ({ held: false as const }));
    renderDetail(balancedDetailFixture, { "payouts.release": release });

    expect(await screen.findByText("The payouts of Northwave are on hold")).toBeTruthy();
    const since = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(NOW.getTime() - 86_400_000),
    );
    expect(screen.getByText(`Held since ${since} · Reason: Chargebacks under review`)).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Release the payouts of Northwave" }));
    const dialog = await screen.findByRole("dialog", { name: "Release the payouts of Northwave" });
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "Checked with the bank");
    await user.click(within(dialog).getByRole("button", { name: "Release payouts" }));
    await waitFor(() => expect(release).toHaveBeenCalledWith({ tenantId: NORTHWAVE.id, reason: "Checked with the bank" }));
  });
});
