/**
 * The data-subject request forms as a person (and a screen reader) meets them: required fields are
 * `required`, not only marked with an asterisk; the date received defaults to today and is checked
 * in the browser (not in the future, not before the GDPR) before it is sent as the start of the
 * day picked; and the reject and verify dialogs refuse an empty reason or note before calling the
 * server, whose own refusals still show in the dialog.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TRPCClientError } from "@trpc/client";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../i18n";
import type { RouterOutputs } from "../../lib/trpc";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { dayOf } from "./FileSubjectRequestModal";
import { SubjectRequestPage } from "./SubjectRequestPage";
import { SubjectRequestsPage } from "./SubjectRequestsPage";
import { detailFixture, openRequestFixture } from "./subjectRequests.fixtures";

type Detail = RouterOutputs["subjectRequests"]["detail"];

afterEach(async () => {
  vi.restoreAllMocks();
  await i18n.changeLanguage("en");
});

/** The request list with its "File a request" dialog open, for staff or a partner admin. */
async function openFilingDialog(role: "compliance" | "partner_admin", file = vi.fn((_input: unknown) => openRequestFixture)) {
  const user = userEvent.setup();
  renderWithConsole(<SubjectRequestsPage />, {
    me: sessionOf(role),
    path: "/consent/requests",
    api: {
      "subjectRequests.list": () => ({ items: [], nextCursor: null }),
      "subjectRequests.file": file,
      "tenants.list": () => [],
    },
  });
  await user.click(await screen.findByRole("button", { name: "File a request" }));
  const dialog = await screen.findByRole("dialog", { name: "File a request" });
  return { user, dialog, file };
}

function dateReceived(dialog: HTMLElement): HTMLInputElement {
  return within(dialog).getByLabelText(/^Date received/) as HTMLInputElement;
}

/** An error message shown under a field, and tied to it for screen readers. */
function errorOf(field: HTMLElement): string | null {
  if (field.getAttribute("aria-invalid") !== "true") return null;
  const ids = (field.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").find((text) => text !== "") ?? "";
}

describe("the filing form", () => {
  it("makes every field marked with an asterisk required for screen readers, the guardian's too", async () => {
    const { user, dialog } = await openFilingDialog("compliance");
    const fields = [
      within(dialog).getByRole("combobox", { name: /^Tenant/ }),
      within(dialog).getByRole("combobox", { name: /^Kind/ }),
      within(dialog).getByRole("textbox", { name: /^Subject id\(s\)/ }),
      within(dialog).getByRole("textbox", { name: /^Requester's email/ }),
      within(dialog).getByRole("combobox", { name: /^Received by/ }),
      dateReceived(dialog),
    ];
    for (const field of fields) expect((field as HTMLInputElement).required, field.getAttribute("id") ?? "").toBe(true);
    const minor = within(dialog).getByRole("checkbox", { name: "The subject is a minor; a guardian asks" });
    expect((minor as HTMLInputElement).required).toBe(false);

    await user.click(minor);
    const guardian = [
      within(dialog).getByRole("textbox", { name: /^Guardian's name/ }),
      within(dialog).getByRole("textbox", { name: /^Relationship to the child/ }),
      within(dialog).getByRole("combobox", { name: /^Guardian verified by/ }),
      within(dialog).getByRole("textbox", { name: /^How the guardian was verified/ }),
    ];
    for (const field of guardian) expect((field as HTMLInputElement).required).toBe(true);
  });

  it("takes today as the date received, refuses a future or pre-GDPR date in the browser, and sends the start of the day picked", async () => {
    const { user, dialog, file } = await openFilingDialog("partner_admin");
    const date = dateReceived(dialog);
    expect(date.type).toBe("date");
    expect(date.value).toBe(dayOf(new Date()));
    expect(date.max).toBe(dayOf(new Date()));
    expect(date.min).toBe("2018-05-25");
    await user.type(within(dialog).getByRole("textbox", { name: /^Subject id\(s\)/ }), "dev_letter");
    await user.type(within(dialog).getByRole("textbox", { name: /^Requester's email/ }), "writer@example.test");
    const submit = within(dialog).getByRole("button", { name: "File request" });

    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    fireEvent.change(date, { target: { value: dayOf(tomorrow) } });
    await user.click(submit);
    await waitFor(() => expect(errorOf(date)).toBe("The date received cannot be in the future"));
    fireEvent.change(date, { target: { value: "2018-05-24" } });
    await user.click(submit);
    await waitFor(() => expect(errorOf(date)).toBe("The date received cannot be before 25 May 2018, when the GDPR took effect"));
    fireEvent.change(date, { target: { value: "" } });
    await user.click(submit);
    await waitFor(() => expect(errorOf(date)).toBe("The date received must be a date"));
    expect(file).not.toHaveBeenCalled();

    fireEvent.change(date, { target: { value: "2025-03-14" } });
    await user.click(submit);
    await waitFor(() => expect(file).toHaveBeenCalledTimes(1));
    expect(file.mock.calls[0]?.[0]).toMatchObject({ subjectIds: ["dev_letter"], receivedAt: new Date(2025, 2, 14) });
  });

  it("labels the date received in Norwegian", async () => {
    await i18n.changeLanguage("nb");
    const user = userEvent.setup();
    renderWithConsole(<SubjectRequestsPage />, {
      me: sessionOf("partner_admin"),
      path: "/consent/requests",
      api: { "subjectRequests.list": () => ({ items: [], nextCursor: null }) },
    });
    await user.click(await screen.findByRole("button", { name: "Registrer en forespørsel" }));
    const dialog = await screen.findByRole("dialog", { name: "Registrer en forespørsel" });
    const date = within(dialog).getByLabelText(/^Mottatt dato/) as HTMLInputElement;
    fireEvent.change(date, { target: { value: "2017-01-01" } });
    await user.click(within(dialog).getByRole("button", { name: "Registrer" }));
    await waitFor(() =>
      expect(errorOf(date)).toBe("Mottaksdatoen kan ikke være før 25. mai 2018, da personvernforordningen (GDPR) trådte i kraft"),
    );
  });
});

/** The detail page of one request, with the workflow's mutations mocked. */
function renderDetail(detail: Detail, api: Record<string, (input: never) => unknown>) {
  return renderWithConsole(
    <Routes>
      <Route path="/consent/requests/:requestId" element={<SubjectRequestPage />} />
    </Routes>,
    {
      me: sessionOf("partner_admin"),
      path: `/consent/requests/${detail.request.id}`,
      api: { "subjectRequests.detail": () => detail, ...api },
    },
  );
}

describe("the reject and verify dialogs", () => {
  it("refuse an empty reason in the browser, say why next to the required field, and send a reason given", async () => {
    const user = userEvent.setup();
    let detail = detailFixture("in_progress");
    const reject = vi.fn((input: { requestId: string; reason: string }) => {
      detail = { ...detail, request: { ...detail.request, status: "rejected", rejectionReason: input.reason } };
      return detail.request;
    });
    renderDetail(detail, { "subjectRequests.detail": () => detail, "subjectRequests.reject": reject });

    await user.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject" });
    const reason = within(dialog).getByRole("textbox", { name: /^Reason for rejecting/ }) as HTMLTextAreaElement;
    expect(reason.required).toBe(true);
    expect(errorOf(reason)).toBeNull();
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(errorOf(reason)).toBe("Give the reason for rejecting the request"));
    await user.type(reason, "   ");
    // Typing clears the message; blanks alone are still no reason.
    expect(errorOf(reason)).toBeNull();
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(errorOf(reason)).toBe("Give the reason for rejecting the request"));
    expect(reject).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Reject" })).toBe(dialog);

    await user.clear(reason);
    await user.type(reason, "The requester could not show who they are ");
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() =>
      expect(reject).toHaveBeenLastCalledWith({ requestId: detail.request.id, reason: "The requester could not show who they are" }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("The requester could not show who they are")).toBeTruthy();
  });

  it("refuse an empty identity note the same way", async () => {
    const user = userEvent.setup();
    const verify = vi.fn((_input: { requestId: string; note: string }) => detailFixture("identity_verified").request);
    renderDetail(detailFixture("received"), { "subjectRequests.verifyIdentity": verify });

    await user.click(await screen.findByRole("button", { name: "Verify identity" }));
    const dialog = await screen.findByRole("dialog", { name: "Verify identity" });
    const note = within(dialog).getByRole("textbox", { name: /^How was the requester's identity verified\?/ }) as HTMLTextAreaElement;
    expect(note.required).toBe(true);
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(errorOf(note)).toBe("Describe how the requester's identity was verified"));
    expect(verify).not.toHaveBeenCalled();
  });

  it("still show what the server refuses", async () => {
    const user = userEvent.setup();
    const reject = vi.fn(() => {
      throw TRPCClientError.from({
        error: { code: -32012, message: "A completed or rejected request is final", data: { code: "PRECONDITION_FAILED" } },
      });
    });
    renderDetail(detailFixture("in_progress"), { "subjectRequests.reject": reject });

    await user.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject" });
    await user.type(within(dialog).getByRole("textbox", { name: /^Reason for rejecting/ }), "Duplicate of another request");
    await user.click(within(dialog).getByRole("button", { name: "Confirm" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("A completed or rejected request is final");
    expect(reject).toHaveBeenCalledTimes(1);
  });
});
