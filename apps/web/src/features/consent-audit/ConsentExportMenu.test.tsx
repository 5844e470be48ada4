import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { ConsentExportMenu, consentExportUrl } from "./ConsentExportMenu";

const TENANT = "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c";

/** A fetch answered by a stream the test feeds chunk by chunk; aborting the request errors the stream. */
function streamingFetch(headers: Record<string, string>) {
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const encoder = new TextEncoder();
  const fetchMock = vi.fn((_url: string, init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        feed = controller;
      },
    });
    init?.signal?.addEventListener("abort", () => feed.error(new DOMException("The operation was aborted.", "AbortError")));
    return Promise.resolve(new Response(body, { status: 200, headers }));
  });
  vi.stubGlobal("fetch", fetchMock);
  return {
    fetchMock,
    send: (text: string) => feed.enqueue(encoder.encode(text)),
    end: () => feed.close(),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the consent records export", () => {
  it("sends the search's filters, as the search procedure gets them", () => {
    const filters = { tenant: TENANT, from: "2026-05-01", country: "NO", subject: "dev_alice", decision: "granted" };
    const url = new URL(consentExportUrl("csv-nb", filters, { staff: true }), "http://console.test");
    expect(url.pathname).toBe("/api/exports/consent-records.csv");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenantId: TENANT,
      from: new Date("2026-05-01T00:00:00").toISOString(),
      country: "NO",
      subjectId: "dev_alice",
      variant: "nb",
    });
    // Partners never send a tenant (the server uses theirs); staff without a tenant cannot search by subject.
    expect(consentExportUrl("ndjson", filters, { staff: false })).not.toContain("tenantId");
    expect(consentExportUrl("ndjson", { subject: "dev_alice" }, { staff: true })).toBe("/api/exports/consent-records.ndjson?");
  });

  it("shows rows so far against the estimate while streaming, then saves the file", async () => {
    const user = userEvent.setup();
    const stream = streamingFetch({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="consent-records-2026-05-03.csv"',
      "x-estimated-total": "4",
    });
    const createObjectURL = vi.fn((_blob: Blob) => "blob:export");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderWithConsole(<ConsentExportMenu filters={{ country: "SE" }} staff={false} />, { me: sessionOf("partner_viewer"), api: {} });

    await user.click(screen.getByRole("button", { name: "Export the records of this search" }));
    await user.click(await screen.findByRole("menuitem", { name: "CSV" }));
    expect(stream.fetchMock).toHaveBeenCalledWith("/api/exports/consent-records.csv?country=SE&variant=standard", expect.anything());
    expect(await screen.findByText("0 of about 4 records")).toBeTruthy();

    stream.send("record_id,tenant_slug\r\na,northwave\r\n");
    expect(await screen.findByText("1 of about 4 records")).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Export progress" }).getAttribute("aria-valuenow")).toBe("25");
    stream.send("b,northwave\r\nc,north");
    expect(await screen.findByText("2 of about 4 records")).toBeTruthy();
    stream.send("wave\r\nd,northwave\r\n");
    stream.end();

    expect(await screen.findByText("4 records exported")).toBeTruthy();
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe("consent-records-2026-05-03.csv");
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(await blob.text()).toBe("record_id,tenant_slug\r\na,northwave\r\nb,northwave\r\nc,northwave\r\nd,northwave\r\n");
  });

  it("counts NDJSON lines without an estimate, and cancels without saving", async () => {
    const user = userEvent.setup();
    const stream = streamingFetch({ "content-type": "application/x-ndjson" });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderWithConsole(<ConsentExportMenu filters={{ tenant: TENANT }} staff />, { me: sessionOf("compliance"), api: {} });

    await user.click(screen.getByRole("button", { name: "Export the records of this search" }));
    await user.click(await screen.findByRole("menuitem", { name: "NDJSON" }));
    expect(stream.fetchMock.mock.calls[0]?.[0]).toBe(`/api/exports/consent-records.ndjson?tenantId=${TENANT}`);
    stream.send('{"seq":1}\n{"seq":2}\n');
    expect(await screen.findByText("2 records so far")).toBeTruthy();
    // The menu waits while an export runs.
    expect(screen.getByRole("button", { name: "Export the records of this search" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByText("The export was cancelled")).toBeTruthy();
    const signal = stream.fetchMock.mock.calls[0]?.[1]?.signal;
    expect(signal?.aborted).toBe(true);
    expect(click).not.toHaveBeenCalled();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("shows the server's reason when the export is refused", async () => {
    const user = userEvent.setup();
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          Response.json({ error: { code: "BAD_REQUEST", message: "country: A country is two letters (ISO 3166-1)" } }, { status: 400 }),
        ),
      ),
    );
    renderWithConsole(<ConsentExportMenu filters={{ country: "Norway" }} staff />, { me: sessionOf("compliance"), api: {} });
    await user.click(screen.getByRole("button", { name: "Export the records of this search" }));
    await user.click(await screen.findByRole("menuitem", { name: "CSV for Norwegian spreadsheets" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("country: A country is two letters (ISO 3166-1)"));
  });
});
