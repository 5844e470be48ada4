import { ZRejectSubjectRequestInput } from "@pc/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TRPCClientError } from "@trpc/client";
import { Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RouterOutputs } from "../../lib/trpc";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { SubjectRequestPage } from "./SubjectRequestPage";
import { SubjectRequestsPage } from "./SubjectRequestsPage";
import {
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

/** A refused input, as the server's error formatter answers a zod error. */
function badRequest(fieldErrors: Record<string, string[]>): Error {
  const message = Object.values(fieldErrors).flat().join(" ");
  return TRPCClientError.from({ error: { code: -32600, message, data: { code: "BAD_REQUEST", fieldErrors, formErrors: [] } } });
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
      api: { "subjectRequests.list": () => ({ items: [overdueRequestFixture, openRequestFixture], truncated: false }) },
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
          "subjectRequests.list": () => ({ items: [], truncated: false }),
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
    expect(dialog.textContent).toContain("The subject's 5 consent records, with their personal data, will be exported for the requester.");
    expect(dialog.textContent).not.toMatch(/erase/i);
  });

  it("rejects only with a reason", async () => {
    const user = userEvent.setup();
    let detail = detailFixture("in_progress");
    // As the server does: the shared schema refuses an empty reason.
    const reject = vi.fn((input: { requestId: string; reason: string }) => {
      const parsed = ZRejectSubjectRequestInput.safeParse(input);
      if (!parsed.success) throw badRequest({ reason: parsed.error.issues.map((issue) => issue.message) });
      detail = { ...detail, request: { ...detail.request, status: "rejected", rejectionReason: parsed.data.reason } };
      return detail.request;
    });
    renderDetail(detail, { api: { "subjectRequests.detail": () => detail, "subjectRequests.reject": reject } });

    await user.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject" });
    const reason = within(dialog).getByRole("textbox", { name: /^Reason for rejecting/ });
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("Give the reason for rejecting the request");
    // Still open, still in progress.
    expect(screen.getByRole("dialog", { name: "Reject" })).toBe(dialog);
    expect(screen.queryByText("Rejected")).toBeNull();

    await user.type(reason, "The requester could not show who they are");
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() =>
      expect(reject).toHaveBeenLastCalledWith({ requestId: detail.request.id, reason: "The requester could not show who they are" }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("Rejected")).toBeTruthy();
    expect(screen.getByText("The requester could not show who they are")).toBeTruthy();
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
