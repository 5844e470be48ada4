// Stripe's payout failure codes (`payout.failure_code`), in plain words for finance and partners:
// what happened, and what to do about it.
//
// Meanings paraphrase Stripe's own descriptions: its support article "Payout failure codes ... and
// how to resolve" and the payout `failure_code` documentation, read from stored copies through a
// search (no live fetch); the wording here is ours. What follows a failure is from Stripe's API
// reference: the amount returns to the connected account's balance (the payout's
// `failure_balance_transaction`), and a payout failure sets the external account's status to
// `errored` and stops scheduled payouts until the account details are updated. That Stripe does not
// retry a failed payout is written from knowledge of Stripe's behaviour, not from a page read: the
// money goes out with a later payout. The actions are ours: the partner changes bank details in
// Stripe's onboarding, not in the console.
//
// Each code has two actions: `action` is finance's ("Ask the partner to …"), `partnerAction` is the
// partner's own, shown on their Earnings page ("Add a new bank account …"), which reaches Stripe
// through the button under "Stripe account" on that page.

export interface Bilingual {
  readonly en: string;
  readonly nb: string;
}

export const PAYOUT_FAILURE_CODES = [
  "account_closed",
  "account_frozen",
  "bank_account_restricted",
  "bank_ownership_changed",
  "could_not_process",
  "debit_not_authorized",
  "declined",
  "incorrect_account_holder_address",
  "incorrect_account_holder_name",
  "incorrect_account_holder_tax_id",
  "insufficient_funds",
  "invalid_account_number",
  "invalid_currency",
  "no_account",
  "unsupported_card",
] as const;
export type PayoutFailureCode = (typeof PAYOUT_FAILURE_CODES)[number];

export interface PayoutFailureDescription {
  /** False for a code not in the table: the wording is then generic and names the code. */
  readonly known: boolean;
  readonly meaning: Bilingual;
  /** What finance does (or asks the partner to do). */
  readonly action: Bilingual;
  /** What the partner does, addressed to them: shown on their Earnings page. */
  readonly partnerAction: Bilingual;
}

// Said after every action where the bank details were the problem.
const AFTER_BANK_FIX: Bilingual = {
  en: "Stripe does not retry the payout: the money is back in the partner's Stripe balance, and payouts resume once the bank details are updated.",
  nb: "Stripe prøver ikke utbetalingen på nytt: pengene er tilbake i partnerens Stripe-saldo, og utbetalingene fortsetter når bankopplysningene er oppdatert.",
};

// The same, said to the partner.
const AFTER_BANK_FIX_PARTNER: Bilingual = {
  en: "The money is back in your Stripe balance and goes out with the next payout once the bank details are updated.",
  nb: "Pengene er tilbake i Stripe-saldoen din og betales ut med neste utbetaling når bankopplysningene er oppdatert.",
};

/** Where the partner changes bank details: Stripe, reached from the Earnings page's account card. */
const AT_STRIPE: Bilingual = {
  en: "at Stripe (the button under “Stripe account” on this page)",
  nb: "hos Stripe (knappen under «Stripe-konto» på denne siden)",
};

type Worded = (where: string) => string;

const entry = (
  meaning: Bilingual,
  action: Bilingual,
  partnerAction: { en: Worded; nb: Worded },
  after: { finance: Bilingual; partner: Bilingual } | null = { finance: AFTER_BANK_FIX, partner: AFTER_BANK_FIX_PARTNER },
) => {
  const partner = { en: partnerAction.en(AT_STRIPE.en), nb: partnerAction.nb(AT_STRIPE.nb) };
  return {
    meaning,
    action: after ? { en: `${action.en} ${after.finance.en}`, nb: `${action.nb} ${after.finance.nb}` } : action,
    partnerAction: after ? { en: `${partner.en} ${after.partner.en}`, nb: `${partner.nb} ${after.partner.nb}` } : partner,
  };
};

const TABLE: Readonly<Record<PayoutFailureCode, Omit<PayoutFailureDescription, "known">>> = {
  account_closed: entry(
    { en: "The bank account has been closed.", nb: "Bankkontoen er avsluttet." },
    {
      en: "Ask the partner to add a new bank account in Stripe onboarding.",
      nb: "Be partneren legge inn en ny bankkonto i Stripe-registreringen.",
    },
    { en: (at) => `Add a new bank account ${at}.`, nb: (at) => `Legg inn en ny bankkonto ${at}.` },
  ),
  account_frozen: entry(
    { en: "The bank has frozen the account.", nb: "Banken har sperret kontoen." },
    {
      en: "Ask the partner to contact their bank to lift the freeze, or to add another bank account in Stripe onboarding.",
      nb: "Be partneren kontakte banken sin for å få opphevet sperren, eller legge inn en annen bankkonto i Stripe-registreringen.",
    },
    {
      en: (at) => `Contact your bank to lift the freeze, or add another bank account ${at}.`,
      nb: (at) => `Kontakt banken din for å få opphevet sperren, eller legg inn en annen bankkonto ${at}.`,
    },
  ),
  bank_account_restricted: entry(
    {
      en: "The bank account limits the kind or number of payments it can receive, usually because it is a savings account or another account that is not an ordinary current account.",
      nb: "Bankkontoen har begrensninger på hva slags eller hvor mange innbetalinger den kan ta imot, som regel fordi det er en sparekonto eller en annen konto som ikke er en vanlig brukskonto.",
    },
    {
      en: "Ask the partner to add an ordinary current (checking) account in Stripe onboarding.",
      nb: "Be partneren legge inn en vanlig brukskonto i Stripe-registreringen.",
    },
    { en: (at) => `Add an ordinary current (checking) account ${at}.`, nb: (at) => `Legg inn en vanlig brukskonto ${at}.` },
  ),
  bank_ownership_changed: entry(
    {
      en: "The bank account is no longer valid because its bank branch has changed owner.",
      nb: "Bankkontoen er ikke lenger gyldig fordi bankfilialen har fått ny eier.",
    },
    {
      en: "Ask the partner to get the current account details from their bank (or use another account) and enter them in Stripe onboarding.",
      nb: "Be partneren hente de nye kontoopplysningene fra banken (eller bruke en annen konto) og legge dem inn i Stripe-registreringen.",
    },
    {
      en: (at) => `Get the current account details from your bank (or use another account) and enter them ${at}.`,
      nb: (at) => `Hent de nye kontoopplysningene fra banken (eller bruk en annen konto), og legg dem inn ${at}.`,
    },
  ),
  could_not_process: entry(
    { en: "The bank could not process the payout.", nb: "Banken kunne ikke behandle utbetalingen." },
    {
      en: "Ask the partner to check the bank details in Stripe onboarding and correct any mistake; if they are right, contact Stripe support.",
      nb: "Be partneren kontrollere bankopplysningene i Stripe-registreringen og rette eventuelle feil. Er de riktige, kontakt Stripes kundestøtte.",
    },
    {
      en: (at) => `Check the bank details ${at} and correct any mistake; if they are right, tell Masterchannel's finance team.`,
      nb: (at) => `Kontroller bankopplysningene ${at}, og rett eventuelle feil. Er de riktige, si fra til økonomiteamet i Masterchannel.`,
    },
  ),
  debit_not_authorized: entry(
    {
      en: "The bank account does not allow debits. Stripe requires an account that can be both paid into and debited.",
      nb: "Bankkontoen tillater ikke trekk. Stripe krever en konto som både kan motta innbetalinger og belastes.",
    },
    {
      en: "Ask the partner to have their bank allow debits from Stripe, or to add another bank account in Stripe onboarding.",
      nb: "Be partneren få banken til å tillate trekk fra Stripe, eller legge inn en annen bankkonto i Stripe-registreringen.",
    },
    {
      en: (at) => `Ask your bank to allow debits from Stripe, or add another bank account ${at}.`,
      nb: (at) => `Be banken din tillate trekk fra Stripe, eller legg inn en annen bankkonto ${at}.`,
    },
  ),
  declined: entry(
    { en: "The bank declined the payout.", nb: "Banken avviste utbetalingen." },
    {
      en: "Ask the partner to ask their bank why before the next payout; if the account cannot receive payouts, add another one in Stripe onboarding.",
      nb: "Be partneren spørre banken om årsaken før neste utbetaling. Kan kontoen ikke ta imot utbetalinger, må partneren legge inn en annen konto i Stripe-registreringen.",
    },
    {
      en: (at) => `Ask your bank why before the next payout; if the account cannot receive payouts, add another one ${at}.`,
      nb: (at) => `Spør banken din om årsaken før neste utbetaling. Kan kontoen ikke ta imot utbetalinger, legg inn en annen konto ${at}.`,
    },
  ),
  incorrect_account_holder_address: entry(
    {
      en: "The bank reports that the account holder's address on file is wrong.",
      nb: "Banken melder at adressen som er registrert på kontoinnehaveren, er feil.",
    },
    {
      en: "Ask the partner to correct the account holder's address in Stripe onboarding so that it matches the bank's records.",
      nb: "Be partneren rette adressen til kontoinnehaveren i Stripe-registreringen, slik at den stemmer med bankens opplysninger.",
    },
    {
      en: (at) => `Correct the account holder's address ${at} so that it matches your bank's records.`,
      nb: (at) => `Rett adressen til kontoinnehaveren ${at}, slik at den stemmer med bankens opplysninger.`,
    },
  ),
  incorrect_account_holder_name: entry(
    {
      en: "The bank reports that the account holder's name on file is wrong.",
      nb: "Banken melder at navnet som er registrert på kontoinnehaveren, er feil.",
    },
    {
      en: "Ask the partner to correct the account holder's name in Stripe onboarding so that it matches the bank's records exactly.",
      nb: "Be partneren rette navnet på kontoinnehaveren i Stripe-registreringen, slik at det stemmer nøyaktig med bankens opplysninger.",
    },
    {
      en: (at) => `Correct the account holder's name ${at} so that it matches your bank's records exactly.`,
      nb: (at) => `Rett navnet på kontoinnehaveren ${at}, slik at det stemmer nøyaktig med bankens opplysninger.`,
    },
  ),
  incorrect_account_holder_tax_id: entry(
    {
      en: "The bank reports that the account holder's tax ID on file (organisation number or national ID number) is wrong.",
      nb: "Banken melder at skatte-ID-en som er registrert på kontoinnehaveren (organisasjonsnummer eller fødselsnummer), er feil.",
    },
    {
      en: "Ask the partner to correct the tax ID in Stripe onboarding so that it matches the bank's records.",
      nb: "Be partneren rette skatte-ID-en i Stripe-registreringen, slik at den stemmer med bankens opplysninger.",
    },
    {
      en: (at) => `Correct the tax ID ${at} so that it matches your bank's records.`,
      nb: (at) => `Rett skatte-ID-en ${at}, slik at den stemmer med bankens opplysninger.`,
    },
  ),
  insufficient_funds: entry(
    {
      en: "The partner's Stripe balance did not cover the payout, for example because refunds or disputes were taken from it after the payout was created.",
      nb: "Partnerens Stripe-saldo dekket ikke utbetalingen, for eksempel fordi refusjoner eller tvister ble trukket fra saldoen etter at utbetalingen ble opprettet.",
    },
    {
      en: "Nothing to fix at the bank. Check the partner's balance for refunds, disputes and transfer reversals; the amount stays in the balance and goes out with a later payout once the balance covers it. Contact Stripe support if payouts keep failing.",
      nb: "Det er ingenting å rette hos banken. Se etter refusjoner, tvister og tilbakeførte overføringer i partnerens saldo. Beløpet blir stående i saldoen og utbetales senere, når saldoen dekker det. Kontakt Stripes kundestøtte hvis utbetalingene fortsetter å feile.",
    },
    {
      en: () =>
        "Nothing to fix at your bank. Refunds or disputes took money from your Stripe balance after the payout was created (see “Refunds and disputes” on this page). The amount stays in your balance and goes out with a later payout once the balance covers it.",
      nb: () =>
        "Det er ingenting å rette hos banken. Refusjoner eller tvister ble trukket fra Stripe-saldoen din etter at utbetalingen ble opprettet (se «Refusjoner og tvister» på denne siden). Beløpet blir stående i saldoen og utbetales senere, når saldoen dekker det.",
    },
    null,
  ),
  invalid_account_number: entry(
    {
      en: "The bank code looks right, but the account number is invalid.",
      nb: "Bankkoden ser riktig ut, men kontonummeret er ugyldig.",
    },
    {
      en: "Ask the partner to enter the account number (IBAN) again in Stripe onboarding.",
      nb: "Be partneren legge inn kontonummeret (IBAN) på nytt i Stripe-registreringen.",
    },
    { en: (at) => `Enter the account number (IBAN) again ${at}.`, nb: (at) => `Legg inn kontonummeret (IBAN) på nytt ${at}.` },
  ),
  invalid_currency: entry(
    {
      en: "The bank could not process the payout because the account cannot receive this currency.",
      nb: "Banken kunne ikke behandle utbetalingen fordi kontoen ikke kan ta imot denne valutaen.",
    },
    {
      en: "Ask the partner to add a bank account in the payout currency in Stripe onboarding, or to ask their bank to accept the currency.",
      nb: "Be partneren legge inn en bankkonto i utbetalingsvalutaen i Stripe-registreringen, eller be banken om å ta imot valutaen.",
    },
    {
      en: (at) => `Add a bank account in the payout currency ${at}, or ask your bank to accept the currency.`,
      nb: (at) => `Legg inn en bankkonto i utbetalingsvalutaen ${at}, eller be banken din om å ta imot valutaen.`,
    },
  ),
  no_account: entry(
    {
      en: "The bank found no account with these details; they are probably wrong.",
      nb: "Banken fant ingen konto med disse opplysningene. De er trolig feil.",
    },
    {
      en: "Ask the partner to check the bank details and enter them again in Stripe onboarding.",
      nb: "Be partneren kontrollere bankopplysningene og legge dem inn på nytt i Stripe-registreringen.",
    },
    {
      en: (at) => `Check the bank details and enter them again ${at}.`,
      nb: (at) => `Kontroller bankopplysningene, og legg dem inn på nytt ${at}.`,
    },
  ),
  unsupported_card: entry(
    {
      en: "The bank no longer supports payouts to this debit card.",
      nb: "Banken støtter ikke lenger utbetalinger til dette debetkortet.",
    },
    {
      en: "Ask the partner to add a bank account, or another debit card, in Stripe onboarding.",
      nb: "Be partneren legge inn en bankkonto eller et annet debetkort i Stripe-registreringen.",
    },
    {
      en: (at) => `Add a bank account, or another debit card, ${at}.`,
      nb: (at) => `Legg inn en bankkonto eller et annet debetkort ${at}.`,
    },
  ),
};

export function isPayoutFailureCode(code: string): code is PayoutFailureCode {
  return Object.hasOwn(TABLE, code);
}

/** The table's entry for `code`, or a generic one that names the code Stripe sent (or says it sent none). */
export function describePayoutFailure(code: string | null): PayoutFailureDescription {
  if (code !== null && isPayoutFailureCode(code)) return { known: true, ...TABLE[code] };
  return {
    known: false,
    meaning:
      code === null || code.trim() === ""
        ? { en: "Stripe gave no failure code for this payout.", nb: "Stripe oppga ingen feilkode for denne utbetalingen." }
        : {
            en: `Stripe reported the failure code "${code}", which this console does not know.`,
            nb: `Stripe oppga feilkoden «${code}», som konsollen ikke kjenner til.`,
          },
    action: {
      en: "Look at the payout in the Stripe Dashboard, and the code in Stripe's documentation. The money is back in the partner's Stripe balance.",
      nb: "Se på utbetalingen i Stripe-dashbordet, og slå opp koden i Stripes dokumentasjon. Pengene er tilbake i partnerens Stripe-saldo.",
    },
    partnerAction: {
      en: "The money is back in your Stripe balance. Ask Masterchannel's finance team what to do before the next payout.",
      nb: "Pengene er tilbake i Stripe-saldoen din. Spør økonomiteamet i Masterchannel hva du skal gjøre før neste utbetaling.",
    },
  };
}
