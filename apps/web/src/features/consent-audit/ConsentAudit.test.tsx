import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { RecordDetail } from "./ConsentRecordPage";
import { ConsentRecordsPage } from "./ConsentRecordsPage";
import { brokenRecordFixture, searchItemFixture, staleTimelineFixture } from "./consentAudit.fixtures";
import { TimelineView } from "./SubjectTimelinePage";

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

describe("consent records search", () => {
  it("keeps every filter in the URL and searches with it", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(
      <>
        <ConsentRecordsPage />
        <Location />
      </>,
      {
        me: sessionOf("partner_admin"),
        path: "/consent/records?country=SE&action=reject_all",
        api: { "consentAudit.search": () => ({ items: [searchItemFixture], nextCursor: null }) },
      },
    );
    expect(await screen.findByRole("link", { name: "Open record 7" })).toBeTruthy();
    expect(calls.find((call) => call.path === "consentAudit.search")?.input).toMatchObject({ country: "SE", action: "reject_all" });

    await user.clear(screen.getByRole("textbox", { name: "Country" }));
    await user.type(screen.getByRole("textbox", { name: "Country" }), "no");
    await user.type(screen.getByRole("textbox", { name: /Subject id/ }), "dev_alice");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("?action=reject_all&country=NO&subject=dev_alice"));
    await waitFor(() =>
      expect(calls.filter((call) => call.path === "consentAudit.search").at(-1)?.input).toMatchObject({
        country: "NO",
        subjectId: "dev_alice",
      }),
    );
  });
});

describe("a consent record", () => {
  it("warns when the record does not verify", () => {
    renderWithConsole(<RecordDetail detail={brokenRecordFixture} />, { me: sessionOf("compliance"), api: {} });
    expect(screen.getByRole("alert").textContent).toContain("This record's content no longer matches its hash");
    expect(screen.getAllByText("Does not verify").length).toBeGreaterThan(0);
    expect(screen.getByText(brokenRecordFixture.chain.recomputedHash)).toBeTruthy();
  });
});

describe("a subject timeline", () => {
  it("says the latest choice is stale and names the newer version", () => {
    renderWithConsole(<TimelineView timeline={staleTimelineFixture} />, { me: sessionOf("compliance"), api: {} });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("made under version 1.0");
    expect(alert.textContent).toContain("material version 2.0");
    expect(screen.getByText("Sent 2 times (the banner resent it)")).toBeTruthy();
    expect(screen.getByText("tidio: Granted")).toBeTruthy();
  });
});
