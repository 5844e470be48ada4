import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithConsole, sessionOf } from "../../test/renderWithConsole";
import { HoldPayoutsModal, type HoldTarget } from "./HoldPayoutsModal";
import { BEATLAB, NORTHWAVE, NOW } from "./payouts.fixtures";

// A modal caught while it fades out: Mantine's test environment unmounts a closed modal at once, so
// this one stays in the page after closing, with its title and content, as it does while fading.
vi.mock("@mantine/core", async (importOriginal) => {
  const mantine = await importOriginal<typeof import("@mantine/core")>();
  function FadingModal({ opened, title, children }: { opened: boolean; title?: ReactNode; children?: ReactNode }) {
    return (
      <section role="dialog" aria-labelledby="fading-title" data-opened={opened}>
        <h2 id="fading-title">{title}</h2>
        {children}
      </section>
    );
  }
  return { ...mantine, Modal: FadingModal };
});

function Harness({ first }: { first: HoldTarget }) {
  const [target, setTarget] = useState<HoldTarget | null>(first);
  return <HoldPayoutsModal target={target} onClose={() => setTarget(null)} />;
}

function renderModal(first: HoldTarget) {
  const hold = vi.fn(() => ({ held: true as const, since: NOW }));
  const release = vi.fn(() => ({ held: false as const }));
  renderWithConsole(<Harness first={first} />, {
    me: sessionOf("finance", { tenant: null }),
    api: { "payouts.hold": hold, "payouts.release": release },
  });
  return { hold, release };
}

describe("the hold modal while it closes", () => {
  it("keeps the partner's name and the Hold wording after a hold is confirmed", async () => {
    const user = userEvent.setup();
    const { hold } = renderModal({ tenantId: BEATLAB.id, tenantName: "Beatlab", action: "hold" });

    const dialog = screen.getByRole("dialog", { name: "Hold the payouts of Beatlab" });
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "Bank details under review");
    await user.click(within(dialog).getByRole("button", { name: "Hold payouts" }));
    await waitFor(() => expect(hold).toHaveBeenCalled());

    await waitFor(() => expect(dialog.getAttribute("data-opened")).toBe("false"));
    expect(screen.getByRole("dialog", { name: "Hold the payouts of Beatlab" })).toBe(dialog);
    expect(within(dialog).getByRole("button", { name: "Hold payouts" })).toBeTruthy();
  });

  it("keeps the Release wording after a release is confirmed, not Hold's", async () => {
    const user = userEvent.setup();
    const { release } = renderModal({ tenantId: NORTHWAVE.id, tenantName: "Northwave", action: "release" });

    const dialog = screen.getByRole("dialog", { name: "Release the payouts of Northwave" });
    await user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "Chargebacks settled");
    await user.click(within(dialog).getByRole("button", { name: "Release payouts" }));
    await waitFor(() => expect(release).toHaveBeenCalled());

    await waitFor(() => expect(dialog.getAttribute("data-opened")).toBe("false"));
    expect(screen.getByRole("dialog", { name: "Release the payouts of Northwave" })).toBe(dialog);
    expect(within(dialog).queryByRole("button", { name: "Hold payouts" })).toBeNull();
    expect(dialog.textContent).not.toContain("Hold");
  });
});
