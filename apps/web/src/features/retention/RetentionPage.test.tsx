import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "../../lib/trpc";
import { type ApiMocks, renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { RetentionPage } from "./RetentionPage";

const NORTHWAVE = { id: "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c", slug: "northwave", name: "Northwave" };
const CUTOFF = new Date("2025-05-01T00:00:00Z");

const overview: RouterOutputs["retention"]["overview"] = {
  limits: { defaultDays: 1095, minDays: 30, maxDays: 3650, updatedAt: new Date("2026-01-01T00:00:00Z") },
  dailyPurge: null,
  tenants: [{ tenant: NORTHWAVE, ownDays: 365, days: 365, holds: { tenant: false, subjects: 1 }, lastPurge: null }],
};

const preview: RouterOutputs["retention"]["preview"] = {
  generatedAt: new Date("2026-05-01T00:00:00Z"),
  tenants: [
    {
      tenant: NORTHWAVE,
      retentionDays: 365,
      cutoff: CUTOFF,
      tenantHeld: false,
      records: 1234,
      oldestReceivedAt: new Date("2024-01-01T00:00:00Z"),
      newestReceivedAt: new Date("2025-04-30T00:00:00Z"),
      firstSeq: 1,
      lastSeq: 1240,
      heldRecords: 6,
      awaitingCheckpoint: 0,
    },
  ],
};

const hold: RouterOutputs["retention"]["holds"][number] = {
  id: "0f5b0c9e-2f0a-4d55-9f0e-5f7e0a1b2c3d",
  tenant: NORTHWAVE,
  scope: "subject",
  subjectHint: "de…42",
  reason: "Chargeback dispute",
  placedByLabel: "compliance@masterchannel.test",
  placedAt: new Date("2026-04-01T00:00:00Z"),
  releasedAt: null,
  releasedByLabel: null,
  releaseReason: null,
  active: true,
};

function api(overrides: ApiMocks = {}): ApiMocks {
  return {
    "retention.overview": () => overview,
    "retention.preview": () => preview,
    "retention.holds": () => [hold],
    "retention.purges": () => [],
    ...overrides,
  };
}

describe("the retention page", () => {
  it("shows the periods, what a purge would remove and the holds, and purges only after a confirmation with the numbers", async () => {
    const user = userEvent.setup();
    const { calls } = renderWithConsole(<RetentionPage />, {
      me: sessionOf("compliance"),
      api: api({
        "retention.purge": (input) => ({
          id: "7d2d2d8e-4b1c-4f7e-8a55-0d3f1a2b3c4d",
          tenant: NORTHWAVE,
          trigger: "manual",
          jobRunId: null,
          requestedByLabel: "compliance@example.test",
          retentionDays: 365,
          cutoff: input.cutoff as Date,
          expectedRecords: input.expectedRecords,
          status: "queued",
          purgedRecords: 0,
          heldRecords: 6,
          firstSeq: null,
          lastSeq: null,
          batches: 0,
          anchors: 0,
          error: null,
          requestedAt: new Date(),
          startedAt: null,
          finishedAt: null,
        }),
      }),
    });
    const previewTable = await screen.findByRole("table", { name: "What a purge would remove now" });
    expect(within(previewTable).getByText("1,234")).toBeTruthy();
    expect(screen.getByText("Chargeback dispute")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Place a hold" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Purge now: Northwave" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/1,234 records of Northwave received before/)).toBeTruthy();
    expect(within(dialog).getByText("6 records under a legal hold stay.")).toBeTruthy();
    expect(calls.some((call) => call.path === "retention.purge")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Remove 1,234 records" }));
    await waitFor(() => expect(calls.find((call) => call.path === "retention.purge")?.input).toBeDefined());
    expect(calls.find((call) => call.path === "retention.purge")?.input).toEqual({
      tenantId: NORTHWAVE.id,
      cutoff: CUTOFF,
      expectedRecords: 1234,
    });
  });

  it("lets a partner viewer see its tenant's retention and holds, but change nothing", async () => {
    renderWithConsole(<RetentionPage />, { me: sessionOf("partner_viewer"), api: api() });
    expect(await screen.findByText("Chargeback dispute")).toBeTruthy();
    await screen.findByRole("table", { name: "What a purge would remove now" });
    expect(screen.queryByRole("button", { name: /Purge now/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Place a hold" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Change period/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Release" })).toBeNull();
  });
});
