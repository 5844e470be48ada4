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
