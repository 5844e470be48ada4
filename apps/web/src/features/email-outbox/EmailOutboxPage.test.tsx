import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { RouterOutputs } from "../../lib/trpc";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { EmailOutboxPage } from "./EmailOutboxPage";

type Item = RouterOutputs["emailOutbox"]["list"]["items"][number];
type Detail = RouterOutputs["emailOutbox"]["detail"];

const invitation: Item = {
  id: "7d2f3f0e-0000-4000-8000-000000000001",
  kind: "invitation",
  status: "pending",
  audience: "tenant",
  toEmail: "colleague@example.test",
  subject: "You are invited to the Partner Console for Northwave Records",
  tenantId: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c",
  tenantName: "Northwave",
  attempts: 0,
  nextAttemptAt: new Date("2026-05-01T10:00:00Z"),
  lastAttemptAt: null,
  lastError: null,
  createdAt: new Date("2026-05-01T10:00:00Z"),
  sentAt: null,
};

const failed: Item = {
  ...invitation,
  id: "7d2f3f0e-0000-4000-8000-000000000002",
  kind: "payout_failed",
  status: "failed",
  audience: "operator",
  toEmail: "finance@masterchannel.test",
  subject: "Payout failed: NOK 1,200.00 to Northwave Records",
  attempts: 1,
  lastError: "550 5.1.1 No such user",
};

const detailOf = (item: Item): Detail => ({
  ...item,
  fromName: "Northwave Records",
  replyTo: "support@northwave.test",
  bodyText: "Join Northwave Records in the Partner Console\n\nAccept the invitation: http://console.test/invite/abc",
  bodyHtml: '<!doctype html><html><body><h1>Join Northwave Records</h1><script>alert("x")</script></body></html>',
  messageId: null,
});

describe("the email outbox page", () => {
  it("shows a partner admin their mail, says delivery is off, and previews a mail in a sandboxed frame", async () => {
    const user = userEvent.setup();
    renderWithConsole(<EmailOutboxPage />, {
      me: sessionOf("partner_admin"),
      path: "/email-outbox",
      api: {
        "emailOutbox.delivery": () => ({ smtpConfigured: false }),
        "emailOutbox.list": () => ({ items: [invitation], nextCursor: null }),
        "emailOutbox.detail": () => detailOf(invitation),
      },
    });
    expect(await screen.findByText(/Delivery is off: no SMTP server is set up/)).toBeTruthy();
    const table = await screen.findByRole("table", { name: "Email outbox" });
    // Partners see no tenant column: all of it is their own.
    expect([...table.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["Queued", "Subject", "To", "Kind", "Status"]);
    expect(within(table).getByText("Pending")).toBeTruthy();

    await user.click(within(table).getByRole("button", { name: invitation.subject }));
    const drawer = await screen.findByRole("dialog", { name: "Mail" });
    const frame = (await within(drawer).findByTitle("Preview of the mail as HTML")) as HTMLIFrameElement;
    // sandbox="" grants nothing: no scripts, no same origin, no forms, no navigation.
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toBe(detailOf(invitation).bodyHtml);
    expect(within(drawer).getByText(/Accept the invitation: http:\/\/console.test\/invite\/abc/)).toBeTruthy();
    expect(within(drawer).queryByRole("button", { name: "Send again now" })).toBeNull();
  });

  it("lets an operator admin filter, see the tenant, and send a failed mail again", async () => {
    const user = userEvent.setup();
    const list = vi.fn((input: { status?: string }) => ({
      items: input.status === "failed" ? [failed] : [invitation, failed],
      nextCursor: null,
    }));
    const retry = vi.fn(() => ({ ...detailOf(failed), status: "pending" as const, attempts: 0 }));
    const { calls } = renderWithConsole(<EmailOutboxPage />, {
      me: sessionOf("operator_admin"),
      path: "/email-outbox",
      api: {
        "emailOutbox.delivery": () => ({ smtpConfigured: true }),
        "emailOutbox.list": list,
        "emailOutbox.detail": () => detailOf(failed),
        "emailOutbox.retry": retry,
      },
    });
    expect(await screen.findByText(/Delivery is on/)).toBeTruthy();
    const table = await screen.findByRole("table", { name: "Email outbox" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(within(table).getByText("550 5.1.1 No such user")).toBeTruthy();
    expect(within(table).getByText(/Staff only/)).toBeTruthy();

    await user.click(screen.getByRole("combobox", { name: "Status" }));
    await user.click(await screen.findByRole("option", { name: "Failed" }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ status: "failed", limit: 50 })));
    const filtered = await screen.findByRole("table", { name: "Email outbox" });
    await waitFor(() => expect(within(filtered).getAllByRole("row")).toHaveLength(2));

    await user.click(within(filtered).getByRole("button", { name: failed.subject }));
    const drawer = await screen.findByRole("dialog", { name: "Mail" });
    await user.click(await within(drawer).findByRole("button", { name: "Send again now" }));
    await waitFor(() => expect(retry).toHaveBeenCalled());
    expect(calls.find((call) => call.path === "emailOutbox.retry")?.input).toEqual({ emailId: failed.id });
  });

  it("is not shown to a partner viewer, and asks the server nothing", async () => {
    const { calls } = renderWithConsole(<EmailOutboxPage />, { me: sessionOf("partner_viewer"), path: "/email-outbox", api: {} });
    expect((await screen.findByRole("heading", { level: 1 })).textContent).toBe("No access");
    expect(screen.queryByRole("table")).toBeNull();
    expect(calls.map((call) => call.path)).not.toContain("emailOutbox.list");
  });
});
