import {
  ZAuditListInput,
  ZConsentSearchInput,
  ZDownloadSubjectRequestInput,
  ZFileSubjectRequestInput,
  ZListSubjectRequestsInput,
} from "@pc/shared";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from ".";
import { translateMessage } from "./messages";

describe("translateMessage", () => {
  afterEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("leaves messages in English when the console is in English", () => {
    expect(translateMessage("Give a reason of at least 5 characters")).toBe("Give a reason of at least 5 characters");
  });

  it("says the payouts and revenue share messages of the server in Norwegian, values kept", async () => {
    await i18n.changeLanguage("nb");
    expect(translateMessage("Give a reason of at least 5 characters")).toBe("Oppgi en begrunnelse på minst 5 tegn");
    expect(translateMessage("This partner's payouts are already on hold")).toBe(
      "Utbetalingene til denne partneren holdes allerede tilbake",
    );
    expect(translateMessage("A NOK revenue share change is already waiting for approval")).toBe(
      "En endring av inntektsandelen i NOK venter allerede på godkjenning",
    );
    expect(translateMessage("The EUR revenue share is already 2000 bps")).toBe("Inntektsandelen i EUR er allerede 2000 basispunkter");
    expect(translateMessage("There is no stored event evt_123")).toBe("Det finnes ingen lagret hendelse evt_123");
    expect(translateMessage("This request was already withdrawn")).toBe("Forespørselen er allerede trukket tilbake");
  });

  it("says the consent audit, data-subject request and audit trail messages in Norwegian, values kept", async () => {
    await i18n.changeLanguage("nb");
    expect(translateMessage("No such consent record")).toBe("Fant ikke samtykkeposten");
    expect(translateMessage("This page link belongs to another search")).toBe("Denne sidelenken hører til et annet søk");
    expect(translateMessage("A completed or rejected request is final")).toBe("En fullført eller avvist forespørsel er endelig");
    expect(translateMessage("Choose access or erasure")).toBe("Velg innsyn eller sletting");
    expect(translateMessage("An actor filter has at most 200 characters")).toBe("Filteret «Utført av» kan ha høyst 200 tegn");
    expect(translateMessage("The chain from these records to a checkpoint is longer than 200000 links")).toBe(
      "Kjeden fra disse postene til et kontrollpunkt er lengre enn 200000 ledd",
    );
    expect(translateMessage("The guardian's name has at most 200 characters")).toBe("Navnet til den foresatte kan ha høyst 200 tegn");
    expect(translateMessage("At most 10 subject ids in one request")).toBe("Høyst 10 person-id-er i én forespørsel");
    expect(translateMessage("At most 200 requests a page")).toBe("Høyst 200 forespørsler per side");
    expect(translateMessage("This request has no such evidence pack")).toBe("Forespørselen har ingen slik bevispakke");
  });

  it("has Norwegian for what the consent audit, subject request and audit schemas actually say", async () => {
    await i18n.changeLanguage("nb");
    const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
      (result.error?.issues ?? []).map((issue) => issue.message);
    const said = [
      ...messages(
        ZConsentSearchInput.safeParse({
          subjectId: "x".repeat(129),
          country: "NOR",
          decision: "granted",
          from: "2025-02-01",
          to: "2025-01-01",
          limit: 201,
        }),
      ),
      ...messages(
        ZFileSubjectRequestInput.safeParse({
          tenantId: "nope",
          kind: "delete",
          subjectIds: Array.from({ length: 11 }, (_, i) => `s${i}`),
          requesterEmail: "a@example.com",
          channel: "fax",
          receivedAt: "0226-05-14",
          guardian: { name: "n".repeat(201), relationship: "", verificationMethod: "x", verificationNote: "\u0000" },
        }),
      ),
      ...messages(ZAuditListInput.safeParse({ actor: "a".repeat(201), targetType: "t".repeat(81), limit: 0 })),
      ...messages(ZListSubjectRequestsInput.safeParse({ limit: 0 })),
      ...messages(ZListSubjectRequestsInput.safeParse({ limit: 201 })),
      ...messages(ZListSubjectRequestsInput.safeParse({ limit: 1.5 })),
      ...messages(ZDownloadSubjectRequestInput.safeParse({ requestId: "5b0f7c1e-0000-4000-8000-000000000001", evidencePack: -1 })),
    ];
    expect(said.length).toBeGreaterThan(10);
    for (const message of said) expect(translateMessage(message), message).not.toBe(message);
  });
});
