import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { RecordDetail } from "./ConsentRecordPage";
import { brokenRecordFixture } from "./consentAudit.fixtures";

afterEach(() => vi.restoreAllMocks());

describe("the evidence pack download", () => {
  it("asks for the record's pack and saves it as a JSON file", async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => "blob:pack");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const { calls } = renderWithConsole(<RecordDetail detail={brokenRecordFixture} />, {
      me: sessionOf("partner_viewer"),
      // Only the download matters here, not the pack's content.
      api: { "consentAudit.evidencePack": () => ({ format: "masterchannel-consent-evidence/1" }) as never },
    });
    await user.click(screen.getByRole("button", { name: "Download evidence pack" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(calls.find((call) => call.path === "consentAudit.evidencePack")?.input).toEqual({
      recordId: brokenRecordFixture.record.recordId,
    });
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe(`${brokenRecordFixture.tenant.slug}-record-${brokenRecordFixture.record.seq}.evidence.json`);
  });
});
