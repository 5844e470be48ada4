import { ZConsentStatsInput } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { translateMessage } from "../../i18n/messages";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { ConsentStatsPage } from "./ConsentStatsPage";
import { emptyStatsFixture, statsFixture } from "./consentStats.fixtures";

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

afterEach(() => i18n.changeLanguage("en"));

describe("consent statistics page", () => {
  it("asks for the URL's range and shows every figure in tables, rates as percentages", async () => {
    const { calls } = renderWithConsole(<ConsentStatsPage />, {
      me: sessionOf("partner_admin"),
      path: "/consent/stats?from=2026-02-23&to=2026-03-08&per=week&tenant=ignored",
      api: { "consentStats.overview": () => statsFixture },
    });
    const optIn = await screen.findByRole("table", { name: "Opt-in rate per purpose and period" });
    expect(calls.find((call) => call.path === "consentStats.overview")?.input).toEqual({
      tenantId: undefined,
      from: "2026-02-23",
      to: "2026-03-08",
      granularity: "week",
      policyKind: "privacy",
      purpose: undefined,
      country: undefined,
    });
    const rows = within(optIn).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("50%");
    expect(rows[2]?.textContent).toContain("100%");
    // A purpose nobody can refuse is counted as acknowledged, not as a rate.
    expect(within(optIn).getByRole("columnheader", { name: "preferences (Acknowledged only)" })).toBeTruthy();
    expect(rows[1]?.textContent).toContain("Acknowledged: 600");
    const actions = screen.getByRole("table", { name: "Banner actions per period" });
    expect(within(actions).getAllByRole("row")[2]?.textContent).toContain("634");
    const countries = screen.getByRole("table", { name: "Choices and opt-in rate per country" });
    expect(within(countries).getByRole("rowheader", { name: "Unknown" })).toBeTruthy();
    const coverage = screen.getByRole("table", { name: "Re-consent coverage per document" });
    expect(within(coverage).getAllByRole("row")[1]?.textContent).toContain("75%");
    expect(within(coverage).getAllByRole("row")[2]?.textContent).toContain("no material change");
  });

  it("numbers in the user's language", async () => {
    await i18n.changeLanguage("nb");
    renderWithConsole(<ConsentStatsPage />, {
      me: sessionOf("compliance"),
      path: "/consent/stats?from=2026-02-23&to=2026-03-08&per=week",
      api: { "consentStats.overview": () => statsFixture, "tenants.list": () => [] },
    });
    const actions = await screen.findByRole("table", { name: "Valg i banneret per periode" });
    expect(within(actions).getAllByRole("row")[1]?.textContent).toMatch(/590/);
    const optIn = screen.getByRole("table", { name: "Samtykkeandel per formål og periode" });
    expect(within(optIn).getAllByRole("row")[1]?.textContent).toMatch(/50\s%/);
  });

  it("shows the latest periods of a long range in its tables, and every period on request", async () => {
    const user = userEvent.setup();
    const days = Array.from({ length: 20 }, (_, day) => {
      const date = `2026-03-${String(day + 1).padStart(2, "0")}`;
      return { start: date, from: date, to: date, accept_all: day + 1, reject_all: 0, save_custom: 0, withdraw: 0, gpc: 0, total: day + 1 };
    });
    renderWithConsole(<ConsentStatsPage />, {
      me: sessionOf("partner_admin"),
      path: "/consent/stats?from=2026-03-01&to=2026-03-20",
      api: { "consentStats.overview": () => ({ ...statsFixture, actions: { ...statsFixture.actions, buckets: days } }) },
    });
    const actions = await screen.findByRole("table", { name: "Banner actions per period" });
    const bodyRows = () => within(actions).getAllByRole("row").slice(1);
    expect(bodyRows()).toHaveLength(14);
    expect(bodyRows()[0]?.textContent).toContain("7 Mar");
    await user.click(screen.getByRole("button", { name: "Show all 20 periods" }));
    expect(bodyRows()).toHaveLength(20);
    await user.click(screen.getByRole("button", { name: "Show the latest 14 periods only" }));
    expect(bodyRows()).toHaveLength(14);
  });

  it("says when the range holds no consent events, and keeps the filters in the URL", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(
      <>
        <ConsentStatsPage />
        <Location />
      </>,
      {
        me: sessionOf("compliance"),
        path: "/consent/stats?from=2026-02-23&to=2026-03-08",
        api: { "consentStats.overview": () => emptyStatsFixture, "tenants.list": () => [] },
      },
    );
    expect(await screen.findByText("No consent events in this range")).toBeTruthy();
    expect(screen.queryByRole("table", { name: "Banner actions per period" })).toBeNull();
    await user.type(screen.getByRole("textbox", { name: "Country" }), "se");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("?from=2026-02-23&to=2026-03-08&country=SE"));
    await waitFor(() =>
      expect(calls.filter((call) => call.path === "consentStats.overview").at(-1)?.input).toMatchObject({ country: "SE" }),
    );
  });

  it("has Norwegian for what the statistics schema says", async () => {
    await i18n.changeLanguage("nb");
    const said = [
      ...(ZConsentStatsInput.safeParse({ from: "2026-02-30", to: "x", granularity: "year" }).error?.issues ?? []),
      ...(ZConsentStatsInput.safeParse({ from: "2026-03-02", to: "2026-03-01" }).error?.issues ?? []),
      ...(ZConsentStatsInput.safeParse({ from: "2020-01-01", to: "2026-03-01" }).error?.issues ?? []),
    ].map((issue) => issue.message);
    expect(said.length).toBe(5);
    for (const message of said) expect(translateMessage(message), message).not.toBe(message);
  });
});
