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
});
