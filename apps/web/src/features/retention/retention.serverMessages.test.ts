import {
  ZPlaceLegalHoldInput,
  ZReleaseLegalHoldInput,
  ZRetentionLimitsInput,
  ZRetentionPurgeInput,
  ZTenantRetentionInput,
} from "@pc/shared";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { translateMessage } from "../../i18n/messages";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.message);

describe("retention messages in Norwegian", () => {
  afterEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("has Norwegian for what the retention schemas actually say", async () => {
    await i18n.changeLanguage("nb");
    const tenantId = "2c0c55e9-8c4a-4cc4-971d-402bebfebf5c";
    const said = [
      ...messages(ZRetentionLimitsInput.safeParse({ defaultDays: 0.5, minDays: 0, maxDays: 40_000 })),
      ...messages(ZRetentionLimitsInput.safeParse({ defaultDays: "x", minDays: 500, maxDays: 100 })),
      ...messages(ZRetentionLimitsInput.safeParse({ defaultDays: 10, minDays: 30, maxDays: 100 })),
      ...messages(ZTenantRetentionInput.safeParse({ tenantId: "nope", days: 0 })),
      ...messages(ZRetentionPurgeInput.safeParse({ tenantId, cutoff: "not a date", expectedRecords: 1 })),
      ...messages(ZPlaceLegalHoldInput.safeParse({ scope: "everything", tenantId, reason: "x" })),
      ...messages(ZPlaceLegalHoldInput.safeParse({ scope: "subject", tenantId, subjectId: " ", reason: " " })),
      ...messages(ZReleaseLegalHoldInput.safeParse({ tenantId, holdId: "nope", reason: "" })),
    ];
    expect(said.length).toBeGreaterThan(10);
    for (const message of said) expect(translateMessage(message), message).not.toBe(message);
  });

  it("says the server's retention refusals in Norwegian, values kept", async () => {
    await i18n.changeLanguage("nb");
    expect(translateMessage("The retention period must lie within the operator's limits: from 30 to 3650 days")).toBe(
      "Lagringstiden må ligge innenfor operatørens grenser: fra 30 til 3650 dager",
    );
    expect(translateMessage("These tenants' periods are shorter than 500 days: Northwave (400). Change their periods first.")).toBe(
      "Lagringstiden til disse partnerne er kortere enn 500 dager: Northwave (400). Endre lagringstiden deres først.",
    );
    expect(translateMessage("The numbers changed since the preview: 12 records would now be removed, not 13. Preview again.")).toBe(
      "Tallene har endret seg siden forhåndsvisningen: 12 poster ville nå bli fjernet, ikke 13. Se forhåndsvisningen på nytt.",
    );
    expect(
      translateMessage(
        "This subject's consent records are under a legal hold placed on 2031-02-03: “Dispute 44”. Nothing was erased; the hold must be released first.",
      ),
    ).toBe(
      "Samtykkepostene til denne personen er under et rettslig tilbakehold satt 2031-02-03: «Dispute 44». Ingenting ble slettet; tilbakeholdet må oppheves først.",
    );
    expect(translateMessage("The default period must be at least 1 day")).toBe("Standard lagringstid må være minst 1 dag");
  });
});
