import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "../../lib/trpc";
import { type ApiCall, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { AuditPage } from "./AuditPage";

type AuditItem = RouterOutputs["audit"]["list"]["items"][number];

const NORTHWAVE = "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c";
const FJORDSOUND = "6f1d3c1e-2f0a-4a57-9d3e-0b8f5a1c2d3e";
const LONG_TEXT = "A very long reason that someone typed when they held the payouts, much longer than a line";

const staffChange: AuditItem = {
  id: 42,
  tenantId: NORTHWAVE,
  tenantName: "Northwave",
  actorUserId: "0e5b2a52-6a1f-4d55-9a39-2f0f2b9c8d11",
  actorLabel: "admin@masterchannel.test",
  actorKind: "staff",
  action: "team.change_role",
  targetType: "user",
  targetId: "5d7b8f0e-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
  before: { role: "partner_viewer", note: LONG_TEXT },
  after: { role: "partner_admin" },
  requestId: "req-1",
  ip: "198.51.100.7",
  createdAt: new Date("2025-03-04T10:00:00Z"),
  changes: [
    { path: "role", kind: "changed", before: "partner_viewer", after: "partner_admin" },
    { path: "note", kind: "removed", before: LONG_TEXT },
  ],
};

const partnerChange: AuditItem = {
  ...staffChange,
  id: 41,
  actorUserId: "9b1c6a3e-0f4d-4c1a-8e2b-7d6f5e4c3b2a",
  actorLabel: "admin@northwave.test",
  actorKind: "partner",
  action: "user.invite",
  before: null,
  after: { email: "hire@northwave.example" },
  changes: [{ path: "email", kind: "added", after: "hire@northwave.example" }],
};

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

const listCalls = (calls: ApiCall[]) =>
  calls.filter((call) => call.path === "audit.list").map((call) => call.input as Record<string, unknown>);

describe("the audit trail page", () => {
  it("searches with the filters in the URL, and puts edited filters back in the URL", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(
      <>
        <AuditPage />
        <Location />
      </>,
      {
        me: sessionOf("partner_admin"),
        path: `/audit?actor=masterchannel&action=team.&from=2025-03-01&to=2025-03-31&targetType=user&tenant=${FJORDSOUND}`,
        api: { "audit.list": () => ({ items: [staffChange], nextCursor: null }) },
      },
    );
    expect(await screen.findByText("admin@masterchannel.test")).toBeTruthy();
    const first = listCalls(calls)[0];
    expect(first).toMatchObject({ actor: "masterchannel", action: "team.", targetType: "user", limit: 50 });
    // A partner never names a tenant, whatever the URL says; "to" covers its whole day.
    expect(first?.tenantId).toBeUndefined();
    expect(first?.from).toEqual(new Date("2025-03-01T00:00:00"));
    expect(first?.to).toEqual(new Date("2025-04-01T00:00:00"));
    expect(calls.some((call) => call.path === "tenants.list")).toBe(false);
    expect(screen.queryAllByLabelText("Tenant")).toEqual([]);

    const actor = screen.getByRole("textbox", { name: "Actor" });
    await user.clear(actor);
    await user.type(actor, "northwave");
    await user.clear(screen.getByRole("textbox", { name: "Target type" }));
    await user.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(
        `?actor=northwave&tenant=${FJORDSOUND}&action=team.&from=2025-03-01&to=2025-03-31`,
      ),
    );
    await waitFor(() => expect(listCalls(calls).at(-1)).toMatchObject({ actor: "northwave", action: "team." }));
    expect(listCalls(calls).at(-1)?.targetType).toBeUndefined();

    // Clicking an actor narrows to that person (by user id).
    await user.click(screen.getByRole("button", { name: "Show only admin@masterchannel.test's events" }));
    await waitFor(() => expect(listCalls(calls).at(-1)).toMatchObject({ actor: staffChange.actorUserId }));
  });

  it("lets staff pick a tenant, and pages on with the cursor of the search", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(<AuditPage />, {
      me: sessionOf("compliance"),
      path: `/audit?tenant=${NORTHWAVE}&action=user.invite`,
      api: {
        "tenants.list": () => [{ id: NORTHWAVE, slug: "northwave", name: "Northwave" }] as RouterOutputs["tenants"]["list"],
        "audit.list": (input) =>
          input.cursor ? { items: [partnerChange], nextCursor: null } : { items: [staffChange], nextCursor: "page-2-of-this-search" },
      },
    });
    expect(await screen.findByText("admin@masterchannel.test")).toBeTruthy();
    expect(listCalls(calls)[0]).toMatchObject({ tenantId: NORTHWAVE, action: "user.invite" });
    expect((await screen.findByDisplayValue("Northwave")).getAttribute("aria-haspopup")).toBe("listbox");
    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("admin@northwave.test")).toBeTruthy();
    expect(listCalls(calls).at(-1)).toMatchObject({ tenantId: NORTHWAVE, action: "user.invite", cursor: "page-2-of-this-search" });
    expect(screen.getByText("All 2 events shown.")).toBeTruthy();
  });

  it("marks operator staff, and opens an event to its changes with long values folded", async () => {
    const user = userEvent.setup();
    renderWithConsole(<AuditPage />, {
      me: sessionOf("partner_admin"),
      path: "/audit",
      api: { "audit.list": () => ({ items: [staffChange, partnerChange], nextCursor: null }) },
    });
    const staffRow = (await screen.findByText("admin@masterchannel.test")).closest("tr") as HTMLElement;
    expect(within(staffRow).getByText("Staff")).toBeTruthy();
    const partnerRow = screen.getByText("admin@northwave.test").closest("tr") as HTMLElement;
    expect(within(partnerRow).queryByText("Staff")).toBeNull();

    await user.click(within(staffRow).getByRole("button", { name: "Show details" }));
    const diff = screen.getByRole("table", { name: "Changes" });
    const role = within(diff).getByRole("rowheader", { name: "role" }).closest("tr") as HTMLElement;
    expect(within(role).getByText('"partner_viewer"')).toBeTruthy();
    expect(within(role).getByText('"partner_admin"')).toBeTruthy();
    const note = within(diff).getByRole("rowheader", { name: /note/ }).closest("tr") as HTMLElement;
    expect(within(note).getByText("removed")).toBeTruthy();
    expect(within(note).getByText("(none)")).toBeTruthy();
    // Folded to one short line until opened.
    expect(within(note).queryByText(JSON.stringify(LONG_TEXT))).toBeNull();
    await user.click(within(note).getByRole("button", { name: "Show the whole value" }));
    expect(within(note).getByText(JSON.stringify(LONG_TEXT))).toBeTruthy();
    expect(within(note).getByRole("button", { name: "Fold" })).toBeTruthy();
  });
});
