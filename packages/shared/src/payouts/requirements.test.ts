import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readableRequirement, requirementGroup } from "./requirement-labels.js";
import { type ConnectAccountSnapshot, describeAccountState } from "./requirements.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const unix = (iso: string) => Date.parse(iso) / 1000;

const account = (overrides: Partial<ConnectAccountSnapshot> = {}, requirements: Partial<ConnectAccountSnapshot["requirements"]> = {}) => ({
  chargesEnabled: true,
  payoutsEnabled: true,
  detailsSubmitted: true,
  ...overrides,
  requirements: { currentlyDue: [], pastDue: [], eventuallyDue: [], currentDeadline: null, disabledReason: null, ...requirements },
});

describe("requirement labels", () => {
  it.each([
    ["business_type", "business_type", "Business type", "Type virksomhet"],
    ["external_account", "external_account", "Bank account for payouts", "Bankkonto for utbetalinger"],
    ["tos_acceptance.ip", "tos_acceptance", "Acceptance of Stripe's terms of service", "Godkjenning av Stripes tjenestevilkår"],
    ["individual.dob.month", "individual.dob", "Date of birth", "Fødselsdato"],
    ["representative.first_name", "representative.first_name", "First name (representative)", "Fornavn (representant)"],
    ["representative.address.line1", "representative.address", "Home address (representative)", "Bostedsadresse (representant)"],
    ["individual.verification.document", "individual.verification.document", "Identity document", "Legitimasjon (ID-dokument)"],
    ["individual.verification.document.back", "individual.verification.document", "Identity document", "Legitimasjon (ID-dokument)"],
    [
      "person_1AbcXyz.verification.additional_document",
      "person_1AbcXyz.verification.additional_document",
      "Additional document, such as proof of address (another person in the business)",
      "Tilleggsdokument, for eksempel bekreftelse på adresse (en annen person i virksomheten)",
    ],
    ["company.tax_id", "company.tax_id", "Organisation number (company tax ID)", "Organisasjonsnummer"],
    ["company.address.postal_code", "company.address", "Company address", "Forretningsadresse"],
    ["business_profile.mcc", "business_profile.mcc", "Industry", "Bransje"],
    [
      "business_profile.product_description",
      "business_profile.product_description",
      "Description of what is sold",
      "Beskrivelse av hva som selges",
    ],
    ["company.structure", "company.structure", "Company structure", "Company structure"],
    [
      "representative.relationship.percent_ownership",
      "representative.relationship.percent_ownership",
      "Representative relationship percent ownership",
      "Representative relationship percent ownership",
    ],
    ["company.constructor", "company.constructor", "Company constructor", "Company constructor"],
  ])("%s is %s: %s", (code, group, en, nb) => {
    expect(requirementGroup(code)).toEqual({ code: group, label: { en, nb } });
  });

  it("turns any code into readable words", () => {
    expect(readableRequirement("person_1Abc.relationship.owner")).toBe("Person relationship owner");
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z_]{1,12}(\.[a-z0-9_]{1,12}){0,3}$/), (code) => {
        const { label } = requirementGroup(code);
        expect(label.en.length).toBeGreaterThan(0);
        expect(label.nb.length).toBeGreaterThan(0);
        expect(label.en).not.toContain("undefined");
      }),
    );
  });
});

describe("describeAccountState", () => {
  it("says when no account is connected", () => {
    expect(describeAccountState(null, NOW)).toEqual({
      state: "not_connected",
      headline: { en: "No Stripe account connected", nb: "Ingen Stripe-konto er koblet til" },
      chargesEnabled: false,
      payoutsEnabled: false,
      due: [],
      deadline: null,
      overdue: false,
      consequence: null,
    });
  });

  it("lists what onboarding still needs, grouped, and what waits for it", () => {
    const summary = describeAccountState(
      account(
        { chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false },
        {
          currentlyDue: [
            "business_type",
            "individual.dob.day",
            "individual.dob.month",
            "individual.dob.year",
            "tos_acceptance.date",
            "tos_acceptance.ip",
            "external_account",
          ],
        },
      ),
      NOW,
    );
    expect(summary.state).toBe("onboarding_incomplete");
    expect(summary.due.map((item) => item.code)).toEqual(["business_type", "individual.dob", "tos_acceptance", "external_account"]);
    expect(summary.due.every((item) => !item.pastDue)).toBe(true);
    expect(summary.consequence).toEqual({
      en: "Until onboarding is finished, payments and payouts are paused.",
      nb: "Til registreringen er fullført, er betalinger og utbetalinger satt på pause.",
    });
  });

  it("is active with nothing due, and warns of the deadline when something is", () => {
    expect(describeAccountState(account({}, { eventuallyDue: ["company.tax_id"] }), NOW)).toMatchObject({
      state: "active",
      headline: { en: "Active: ready for payments and payouts" },
      due: [],
      overdue: false,
      consequence: null,
    });
    const due = describeAccountState(
      account({}, { currentlyDue: ["representative.id_number"], currentDeadline: unix("2026-03-15T00:00:00Z") }),
      NOW,
    );
    expect(due).toMatchObject({ state: "active", headline: { en: "Active, but Stripe needs more information" }, overdue: false });
    expect(due.deadline).toEqual(new Date("2026-03-15T00:00:00Z"));
    expect(due.consequence).toEqual({
      en: "If the information is not provided by 15 March 2026, Stripe may pause payments and payouts.",
      nb: "Hvis opplysningene ikke er sendt inn innen 15. mars 2026, kan Stripe sette betalinger og utbetalinger på pause.",
    });
    // The date is the deadline's day in the time zone asked for.
    const late = describeAccountState(account({}, { currentlyDue: ["company.name"], currentDeadline: unix("2026-03-15T23:30:00Z") }), NOW, {
      timeZone: "Europe/Oslo",
    });
    expect(late.consequence?.en).toContain("by 16 March 2026");
  });

  it("calls a passed deadline overdue even before Stripe moves the item to past due", () => {
    const summary = describeAccountState(
      account({}, { currentlyDue: ["company.name"], currentDeadline: unix("2026-02-28T00:00:00Z") }),
      NOW,
    );
    expect(summary).toMatchObject({ state: "active", overdue: true });
    expect(summary.consequence?.en).toBe(
      "The deadline has passed: Stripe may pause payments and payouts at any time until the information is provided.",
    );
  });

  it("says what has stopped when something is past due", () => {
    const summary = describeAccountState(
      account(
        { payoutsEnabled: false },
        {
          currentlyDue: ["company.address.city", "company.address.line1", "representative.verification.document"],
          pastDue: ["company.address.line1"],
          disabledReason: "requirements.past_due",
          currentDeadline: null,
        },
      ),
      NOW,
    );
    expect(summary).toMatchObject({ state: "restricted", overdue: true, headline: { en: "Restricted: information is overdue" } });
    expect(summary.due).toEqual([
      { code: "company.address", label: { en: "Company address", nb: "Forretningsadresse" }, pastDue: true },
      {
        code: "representative.verification.document",
        label: expect.objectContaining({ en: "Identity document (representative)" }),
        pastDue: false,
      },
    ]);
    expect(summary.consequence).toEqual({
      en: "Until the overdue information is provided, payouts are paused. Payments still go through, and the money stays in the Stripe balance.",
      nb: "Til de manglende opplysningene er sendt inn, er utbetalinger satt på pause. Betalinger går fortsatt gjennom, og pengene blir stående i Stripe-saldoen.",
    });
  });

  it("waits while Stripe verifies, and names other restrictions", () => {
    const pending = describeAccountState(
      account(
        { payoutsEnabled: false },
        { disabledReason: "requirements.pending_verification", pendingVerification: ["individual.verification.document"] },
      ),
      NOW,
    );
    expect(pending).toMatchObject({ state: "pending_verification", headline: { nb: "Stripe kontrollerer opplysningene" } });
    expect(pending.consequence?.nb).toBe(
      "Mens Stripe kontrollerer opplysningene, er utbetalinger satt på pause. Betalinger går fortsatt gjennom, og pengene blir stående i Stripe-saldoen.",
    );
    const rejected = describeAccountState(
      account({ chargesEnabled: false, payoutsEnabled: false }, { disabledReason: "rejected.fraud" }),
      NOW,
    );
    expect(rejected).toMatchObject({ state: "restricted", headline: { en: "Restricted: Stripe has rejected the account" } });
    expect(rejected.consequence?.en).toBe("Payments and payouts are paused.");
    const chargesOnly = describeAccountState(
      account(
        { chargesEnabled: false },
        { disabledReason: "under_review", currentlyDue: ["business_profile.url"], currentDeadline: unix("2026-04-01T00:00:00Z") },
      ),
      NOW,
    );
    expect(chargesOnly.headline.en).toBe("Restricted: Stripe is reviewing the account");
    expect(chargesOnly.consequence?.en).toBe(
      "Payments are paused. Payouts of the existing balance continue. If the information is not provided by 1 April 2026, Stripe may pause payouts too.",
    );
  });

  it("never lists an item twice, and lists past-due items first", () => {
    const code = fc.constantFrom(
      "individual.dob.day",
      "individual.dob.year",
      "company.name",
      "tos_acceptance.ip",
      "tos_acceptance.date",
      "external_account",
      "x.y",
    );
    fc.assert(
      fc.property(fc.array(code), fc.array(code), (currentlyDue, pastDue) => {
        const { due } = describeAccountState(account({}, { currentlyDue, pastDue }), NOW);
        const codes = due.map((item) => item.code);
        expect(new Set(codes).size).toBe(codes.length);
        const firstCurrent = due.findIndex((item) => !item.pastDue);
        if (firstCurrent >= 0) expect(due.slice(firstCurrent).every((item) => !item.pastDue)).toBe(true);
        expect(due.some((item) => item.pastDue)).toBe(pastDue.length > 0);
      }),
    );
  });
});
