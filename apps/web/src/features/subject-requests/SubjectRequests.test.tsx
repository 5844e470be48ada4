import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RouterOutputs } from "../../lib/trpc";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { SubjectRequestPage } from "./SubjectRequestPage";
import { SubjectRequestsPage } from "./SubjectRequestsPage";
import {
  completedAccessFixture,
  completedErasureFixture,
  detailFixture,
  openRequestFixture,
  overdueRequestFixture,
  RECEIPT_SHA256,
} from "./subjectRequests.fixtures";

type Detail = RouterOutputs["subjectRequests"]["detail"];

function CurrentLocation() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
}

/** The detail page at its route, as the router mounts it. */
function renderDetail(detail: Detail, { api = {}, role = "partner_admin" as const } = {}) {
  return renderWithConsole(
    <Routes>
      <Route path="/consent/requests/:requestId" element={<SubjectRequestPage />} />
    </Routes>,
    {
      me: sessionOf(role),
      path: `/consent/requests/${detail.request.id}`,
      api: { "subjectRequests.detail": () => detail, ...api },
    },
  );
}

/** The names of the page's buttons, in order. */
function buttonNames() {
  return screen.queryAllByRole("button").map((button) => button.textContent);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the list of data-subject requests", () => {
  it("marks an overdue request in words, not in colour only", async () => {
    renderWithConsole(<SubjectRequestsPage />, {
      me: sessionOf("partner_admin"),
      path: "/consent/requests",
      api: { "subjectRequests.list": () => ({ items: [overdueRequestFixture, openRequestFixture], nextCursor: null }) },
    });

    const table = await screen.findByRole("table", { name: "Data-subject requests" });
    const overdueRow = within(table).getByText("dev_b…ob").closest("tr") as HTMLElement;
    const onTimeRow = within(table).getByText("dev_a…ce").closest("tr") as HTMLElement;
    const dueColumn = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent === "Due");
    const dueCell = (row: HTMLElement) => row.querySelectorAll("th, td")[dueColumn] as HTMLElement;
    expect(dueCell(overdueRow).textContent).toMatch(/ · Overdue$/);
    expect(dueCell(onTimeRow).textContent).not.toContain("Overdue");
    expect(table.textContent?.match(/Overdue/g)).toHaveLength(1);
  });
});

describe("paging the list", () => {
  it("loads the next page with the server's cursor, and says when all are shown", async () => {
    const user = userEvent.setup();
    const second = { ...openRequestFixture, id: "5b0f7c1e-0000-4000-8000-000000000003", subjectHints: ["dev_c…ol"] };
    const list = vi.fn((input: { cursor?: string; status?: string }) =>
      input.cursor === "page-2"
        ? { items: [second], nextCursor: null }
        : { items: [overdueRequestFixture, openRequestFixture], nextCursor: "page-2" },
    );
    renderWithConsole(<SubjectRequestsPage />, {
      me: sessionOf("partner_admin"),
      path: "/consent/requests",
      api: { "subjectRequests.list": list },
    });

    const table = await screen.findByRole("table", { name: "Data-subject requests" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByText(/shown: that is all/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(4));
    expect(within(table).getByText("dev_c…ol")).toBeTruthy();
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: "page-2", limit: 50 }));
    expect(screen.getByText("3 requests shown: that is all.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });
});

describe("filing a request", () => {
  it("asks for a guardian only for a minor, and sends what was typed", async () => {
    const user = userEvent.setup();
    const filed = { ...openRequestFixture, id: "5b0f7c1e-0000-4000-8000-0000000000ff" };
    const file = vi.fn((_input: unknown) => filed);
    const { calls } = renderWithConsole(
      <>
        <SubjectRequestsPage />
        <CurrentLocation />
      </>,
      {
        me: sessionOf("partner_admin"),
        path: "/consent/requests",
        api: {
          "subjectRequests.list": () => ({ items: [], nextCursor: null }),
          "subjectRequests.file": file,
        } satisfies ApiMocks,
      },
    );

    await user.click(await screen.findByRole("button", { name: "File a request" }));
    const dialog = await screen.findByRole("dialog", { name: "File a request" });
    const guardianFields = () =>
      [/^Guardian's name/, /^Relationship to the child/, /^How the guardian was verified/].map((name) =>
        within(dialog).queryByRole("textbox", { name }),
      );
    const guardianMethod = () => within(dialog).queryByRole("combobox", { name: /^Guardian verified by/ });
    expect(guardianFields()).toEqual([null, null, null]);
    expect(guardianMethod()).toBeNull();

    const minor = within(dialog).getByRole("checkbox", { name: "The subject is a minor; a guardian asks" });
    await user.click(minor);
    expect(guardianFields().every(Boolean)).toBe(true);
    expect(guardianMethod()).toBeTruthy();
    await user.click(minor);
    expect(guardianFields()).toEqual([null, null, null]);
    await user.click(minor);

    await user.click(within(dialog).getByRole("combobox", { name: /^Kind/ }));
    await user.click(await within(dialog).findByRole("option", { name: "Access" }));
    await user.type(within(dialog).getByRole("textbox", { name: /^Subject id\(s\)/ }), "dev_alice{Enter}  dev_alice_phone  ");
    await user.type(within(dialog).getByRole("textbox", { name: /^Requester's email/ }), "mother@example.test");
    await user.click(within(dialog).getByRole("combobox", { name: /^Received by/ }));
    await user.click(await within(dialog).findByRole("option", { name: "Letter" }));
    const [name, relationship, note] = guardianFields() as HTMLElement[];
    await user.type(name as HTMLElement, "Kari Nordmann");
    await user.type(relationship as HTMLElement, "Mother");
    await user.click(guardianMethod() as HTMLElement);
    await user.click(await within(dialog).findByRole("option", { name: "BankID" }));
    await user.type(note as HTMLElement, "Logged in with BankID; birth certificate seen");
    expect(file).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "File request" }));

    await waitFor(() => expect(file).toHaveBeenCalledTimes(1));
    expect(calls.find((call) => call.path === "subjectRequests.file")?.input).toEqual({
      tenantId: undefined,
      kind: "access",
      subjectIds: ["dev_alice", "dev_alice_phone"],
      requesterEmail: "mother@example.test",
      channel: "letter",
      // Today, from the start of the day: the field's default.
      receivedAt: new Date(new Date().getFullYear(), new Date().getMonth(), new Date().getDate()),
      guardian: {
        name: "Kari Nordmann",
        relationship: "Mother",
        verificationMethod: "bank_id",
        verificationNote: "Logged in with BankID; birth certificate seen",
      },
    });
    // Filed: on to the new request.
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe(`/consent/requests/${filed.id}`));
  });
});

describe("a request's workflow", () => {
  it.each([
    ["received", ["Verify identity", "Reject"]],
    ["identity_verified", ["Start", "Reject"]],
    ["in_progress", ["Complete", "Reject"]],
    ["completed", []],
    ["rejected", []],
  ] as const)("offers, for a request %s, only %j", async (status, steps) => {
    renderDetail(detailFixture(status));
    await screen.findByRole("table", { name: "History" });
    expect(buttonNames()).toEqual(steps);
  });

  it("offers no step to someone who may only read", async () => {
    renderDetail(detailFixture("received"), { role: "partner_viewer" as "partner_admin" });
    await screen.findByRole("table", { name: "History" });
    expect(buttonNames()).toEqual([]);
  });

  it("sends a verification note and a start for the request", async () => {
    const user = userEvent.setup();
    let detail = detailFixture("received");
    const verify = vi.fn((_input: { requestId: string; note: string }) => {
      detail = { ...detail, request: { ...detail.request, status: "identity_verified" } };
      return detail.request;
    });
    const start = vi.fn((_input: { requestId: string }) => {
      detail = { ...detail, request: { ...detail.request, status: "in_progress" } };
      return detail.request;
    });
    renderDetail(detail, {
      api: {
        "subjectRequests.detail": () => detail,
        "subjectRequests.verifyIdentity": verify,
        "subjectRequests.start": start,
      },
    });

    await user.click(await screen.findByRole("button", { name: "Verify identity" }));
    const dialog = await screen.findByRole("dialog", { name: "Verify identity" });
    await user.type(
      within(dialog).getByRole("textbox", { name: /^How was the requester's identity verified\?/ }),
      "Replied from the account's email",
    );
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(verify).toHaveBeenCalledWith({ requestId: detail.request.id, note: "Replied from the account's email" }));

    await user.click(await screen.findByRole("button", { name: "Start" }));
    await waitFor(() => expect(start).toHaveBeenCalledWith({ requestId: detail.request.id }));
    expect(await screen.findByRole("button", { name: "Complete" })).toBeTruthy();
  });

  it("asks before completing an erasure, naming what will be erased", async () => {
    const user = userEvent.setup();
    const detail = detailFixture("in_progress", "erasure");
    const complete = vi.fn((_input: { requestId: string }) => ({ request: detail.request, sha256: RECEIPT_SHA256 }));
    renderDetail(detail, { api: { "subjectRequests.complete": complete } });

    await user.click(await screen.findByRole("button", { name: "Complete" }));
    const dialog = await screen.findByRole("dialog", { name: "Erase this subject's personal data?" });
    expect(dialog.textContent).toContain(
      "The IP addresses, user agents and salts of 5 consent records (3 not yet erased) will be erased for good.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(complete).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Complete" }));
    const again = await screen.findByRole("dialog", { name: "Erase this subject's personal data?" });
    expect(complete).not.toHaveBeenCalled();
    await user.click(within(again).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(complete).toHaveBeenCalledWith({ requestId: detail.request.id }));
  });

  it("asks before completing an access request, with no word of erasing", async () => {
    const user = userEvent.setup();
    renderDetail(detailFixture("in_progress", "access"));

    await user.click(await screen.findByRole("button", { name: "Complete" }));
    const dialog = await screen.findByRole("dialog", { name: "Produce the access export?" });
    expect(dialog.textContent).toContain(
      "The subject's 5 consent records, with their personal data, will be exported for the requester, with the evidence pack that proves them.",
    );
    expect(dialog.textContent).not.toMatch(/erase/i);
  });
});

describe("a completed erasure", () => {
  it("shows the receipt's hash and downloads the receipt", async () => {
    const user = userEvent.setup();
    const content = `${JSON.stringify({ document: { kind: "erasure" }, sha256: RECEIPT_SHA256 }, null, 2)}\n`;
    const fileName = `erasure-receipt-${completedErasureFixture.request.id}.json`;
    const download = vi.fn((_input: { requestId: string }) => ({
      fileName,
      contentType: "application/json",
      content,
      sha256: RECEIPT_SHA256,
    }));
    const createObjectURL = vi.fn((_blob: Blob) => "blob:receipt");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderDetail(completedErasureFixture, { api: { "subjectRequests.download": download } });

    expect(await screen.findByText(RECEIPT_SHA256)).toBeTruthy();
    // Under its label, in full.
    expect(screen.getByText(RECEIPT_SHA256).closest("div")?.parentElement?.textContent).toBe(`SHA-256${RECEIPT_SHA256}`);
    await user.click(screen.getByRole("button", { name: "Download erasure receipt" }));

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(download).toHaveBeenCalledWith({ requestId: completedErasureFixture.request.id });
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(fileName);
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(await blob.text()).toBe(content);
  });
});

describe("a completed access request", () => {
  it("offers the export and each subject's evidence pack, each downloaded as its own file", async () => {
    const user = userEvent.setup();
    const requestId = completedAccessFixture.request.id;
    const download = vi.fn((input: { requestId: string; evidencePack?: number }) => ({
      fileName:
        input.evidencePack === undefined ? `access-export-${requestId}.json` : `evidence-pack-${requestId}-${input.evidencePack + 1}.json`,
      contentType: "application/json",
      content: `{"pack":${input.evidencePack ?? "null"}}`,
      sha256: null,
    }));
    const createObjectURL = vi.fn((_blob: Blob) => "blob:file");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderDetail(completedAccessFixture, { api: { "subjectRequests.download": download } });

    expect(await screen.findByRole("button", { name: "Download access export" })).toBeTruthy();
    expect(screen.getByText("dev_a…ce: 5 records, up to checkpoint #1204")).toBeTruthy();
    expect(screen.getByText("dev_a…ne: 2 records, up to checkpoint #1190")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Download the evidence pack of dev_a…ne" }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(download).toHaveBeenLastCalledWith({ requestId, evidencePack: 1 });
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(`evidence-pack-${requestId}-2.json`);
    const [[blob] = []] = createObjectURL.mock.calls;
    expect(await blob?.text()).toBe('{"pack":1}');

    await user.click(screen.getByRole("button", { name: "Download access export" }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    expect(download).toHaveBeenLastCalledWith({ requestId });
  });

  it("shows no evidence pack for an erasure", async () => {
    renderDetail(completedErasureFixture);
    await screen.findByRole("button", { name: "Download erasure receipt" });
    expect(screen.queryByText("Evidence packs")).toBeNull();
    expect(screen.queryByRole("button", { name: /evidence pack/ })).toBeNull();
  });
});
