import { describe, expect, it } from "vitest";
import { describePayoutFailure, isPayoutFailureCode, PAYOUT_FAILURE_CODES } from "./payout-failures.js";

describe("describePayoutFailure", () => {
  it("has a meaning and an action in both languages for every Stripe code", () => {
    expect(PAYOUT_FAILURE_CODES).toHaveLength(15);
    for (const code of PAYOUT_FAILURE_CODES) {
      const entry = describePayoutFailure(code);
      expect(entry.known, code).toBe(true);
      for (const text of [entry.meaning.en, entry.meaning.nb, entry.action.en, entry.action.nb]) {
        expect(text, code).toMatch(/^[A-ZÆØÅ].*\.$/s);
        expect(text, code).not.toMatch(/_|\s{2}/);
      }
      expect(entry.meaning.nb).not.toBe(entry.meaning.en);
      expect(entry.action.nb).not.toBe(entry.action.en);
    }
  });

  it("has a partner's own action in both languages for every code, addressed to the partner and not to finance", () => {
    for (const code of [...PAYOUT_FAILURE_CODES, "bank_on_holiday", null]) {
      const { partnerAction, action } = describePayoutFailure(code);
      for (const text of [partnerAction.en, partnerAction.nb]) {
        expect(text, String(code)).toMatch(/^[A-ZÆØÅ].*\.$/s);
        expect(text, String(code)).not.toMatch(/_|\s{2}/);
      }
      expect(partnerAction.nb, String(code)).not.toBe(partnerAction.en);
      expect(partnerAction.en, String(code)).not.toBe(action.en);
      // Finance's wording ("Ask the partner …", "the partner's balance") is not the partner's.
      expect(partnerAction.en, String(code)).not.toMatch(/\bpartner\b/i);
      expect(partnerAction.nb, String(code)).not.toMatch(/partneren|partnerens/i);
      expect(partnerAction.en, String(code)).toMatch(/\byour\b/);
      expect(partnerAction.nb, String(code)).toMatch(/\b(din|ditt|dine)\b|banken/);
    }
  });

  it("tells the partner where to add a new bank account, and that the money comes back with the next payout", () => {
    const closed = describePayoutFailure("account_closed");
    expect(closed.partnerAction.en).toBe(
      "Add a new bank account at Stripe (the button under “Stripe account” on this page). The money is back in your Stripe balance and goes out with the next payout once the bank details are updated.",
    );
    expect(closed.partnerAction.nb).toBe(
      "Legg inn en ny bankkonto hos Stripe (knappen under «Stripe-konto» på denne siden). Pengene er tilbake i Stripe-saldoen din og betales ut med neste utbetaling når bankopplysningene er oppdatert.",
    );
    const funds = describePayoutFailure("insufficient_funds").partnerAction.en;
    expect(funds).toMatch(/^Nothing to fix at your bank\./);
    expect(funds).not.toContain("bank details are updated");
  });

  it("tells the partner where to fix bank details, and that Stripe does not retry", () => {
    const closed = describePayoutFailure("account_closed");
    expect(closed.meaning).toEqual({ en: "The bank account has been closed.", nb: "Bankkontoen er avsluttet." });
    expect(closed.action.en).toBe(
      "Ask the partner to add a new bank account in Stripe onboarding. Stripe does not retry the payout: the money is back in the partner's Stripe balance, and payouts resume once the bank details are updated.",
    );
    expect(closed.action.nb).toContain("Stripe-registreringen");
    expect(describePayoutFailure("insufficient_funds").action.en).toMatch(/^Nothing to fix at the bank\./);
    expect(describePayoutFailure("insufficient_funds").action.en).not.toContain("bank details are updated");
  });

  it("names an unknown code, and says when there is none", () => {
    const unknown = describePayoutFailure("bank_on_holiday");
    expect(unknown.known).toBe(false);
    expect(unknown.meaning.en).toBe('Stripe reported the failure code "bank_on_holiday", which this console does not know.');
    expect(unknown.meaning.nb).toBe("Stripe oppga feilkoden «bank_on_holiday», som konsollen ikke kjenner til.");
    expect(describePayoutFailure(null)).toMatchObject({
      known: false,
      meaning: { en: "Stripe gave no failure code for this payout." },
    });
    expect(describePayoutFailure("")).toEqual(describePayoutFailure(null));
    // Not fooled by the prototype.
    expect(describePayoutFailure("toString").known).toBe(false);
    expect(isPayoutFailureCode("constructor")).toBe(false);
  });
});
