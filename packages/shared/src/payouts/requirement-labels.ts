// Stripe's requirement codes (`account.requirements.currently_due` and friends, e.g.
// "representative.dob.day", "company.address.city", "tos_acceptance.ip") as items a person can act
// on. Codes that are one thing to a person are grouped: the three parts of a date of birth, the
// lines of an address, the date and IP of the terms acceptance, the front and back of a document.
// A code we have no words for is turned into readable words ("company.structure" → "Company
// structure"); those are Stripe's English field names, so the Norwegian label repeats them.

import type { Bilingual } from "./payout-failures.js";

export interface RequirementGroup {
  /** The group's code: the requirement code up to the grouped part ("representative.dob"). */
  readonly code: string;
  readonly label: Bilingual;
}

// Whose detail it is, for the person fields: the account holder (an individual), the company's
// representative, or another person (owner, director, executive: "person_1Abc…").
type Subject = "individual" | "representative" | "person";

const SUBJECT_SUFFIX: Record<Subject, Bilingual> = {
  individual: { en: "", nb: "" },
  representative: { en: " (representative)", nb: " (representant)" },
  person: { en: " (another person in the business)", nb: " (en annen person i virksomheten)" },
};

const PERSON_FIELDS: Readonly<Record<string, Bilingual>> = {
  first_name: { en: "First name", nb: "Fornavn" },
  last_name: { en: "Last name", nb: "Etternavn" },
  dob: { en: "Date of birth", nb: "Fødselsdato" },
  address: { en: "Home address", nb: "Bostedsadresse" },
  email: { en: "Email address", nb: "E-postadresse" },
  phone: { en: "Phone number", nb: "Telefonnummer" },
  id_number: { en: "National identity number", nb: "Fødselsnummer eller annet ID-nummer" },
  ssn_last_4: { en: "Last four digits of the social security number", nb: "De fire siste sifrene i amerikansk personnummer (SSN)" },
  "verification.document": { en: "Identity document", nb: "Legitimasjon (ID-dokument)" },
  "verification.additional_document": {
    en: "Additional document, such as proof of address",
    nb: "Tilleggsdokument, for eksempel bekreftelse på adresse",
  },
  "relationship.title": { en: "Job title", nb: "Stillingstittel" },
  political_exposure: { en: "Whether the person is politically exposed", nb: "Om personen er politisk eksponert" },
};

const COMPANY_FIELDS: Readonly<Record<string, Bilingual>> = {
  name: { en: "Company name", nb: "Firmanavn" },
  tax_id: { en: "Organisation number (company tax ID)", nb: "Organisasjonsnummer" },
  address: { en: "Company address", nb: "Forretningsadresse" },
  phone: { en: "Company phone number", nb: "Firmaets telefonnummer" },
  owners_provided: { en: "Confirmation that all owners are listed", nb: "Bekreftelse på at alle eiere er oppgitt" },
  directors_provided: { en: "Confirmation that all directors are listed", nb: "Bekreftelse på at alle styremedlemmer er oppgitt" },
  executives_provided: { en: "Confirmation that all executives are listed", nb: "Bekreftelse på at alle ledere er oppgitt" },
  "verification.document": { en: "Company registration document", nb: "Dokumentasjon på at firmaet er registrert (firmaattest)" },
};

const OTHER_FIELDS: Readonly<Record<string, Bilingual>> = {
  business_type: { en: "Business type", nb: "Type virksomhet" },
  external_account: { en: "Bank account for payouts", nb: "Bankkonto for utbetalinger" },
  tos_acceptance: { en: "Acceptance of Stripe's terms of service", nb: "Godkjenning av Stripes tjenestevilkår" },
  "business_profile.url": { en: "Website", nb: "Nettsted" },
  "business_profile.mcc": { en: "Industry", nb: "Bransje" },
  "business_profile.product_description": { en: "Description of what is sold", nb: "Beskrivelse av hva som selges" },
  "business_profile.name": { en: "Public business name", nb: "Virksomhetens offentlige navn" },
};

// The segment after which the rest of a code is one item: dob.day → dob, address.line1 → address,
// tos_acceptance.date → tos_acceptance, verification.document.front → verification.document.
function groupLength(segments: readonly string[]): number {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    if (segment === "dob" || segment.startsWith("address") || segment === "tos_acceptance") return i + 1;
    if (segment === "verification" && /^(additional_)?document$/.test(segments[i + 1] ?? "")) return i + 2;
  }
  return segments.length;
}

// Own keys only, so a code like "company.constructor" never reads the prototype.
const lookup = (table: Readonly<Record<string, Bilingual>>, key: string): Bilingual | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

const subjectOf = (segment: string): Subject | null =>
  segment === "individual" || segment === "representative" ? segment : /^person_/.test(segment) ? "person" : null;

/** "person_1Abc.relationship.percent_ownership" → "Person relationship percent ownership". */
export function readableRequirement(code: string): string {
  const words = code
    .split(".")
    .map((segment) => (/^person_/.test(segment) ? "person" : segment))
    .join(" ")
    .replace(/[_\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : code;
}

/** The item a requirement code belongs to, with its label. */
export function requirementGroup(code: string): RequirementGroup {
  const segments = code.split(".");
  const groupCode = segments.slice(0, groupLength(segments)).join(".");
  const [head = "", ...rest] = groupCode.split(".");
  const field = rest.join(".");
  const subject = subjectOf(head);
  let label: Bilingual | undefined;
  if (subject) {
    const base = lookup(PERSON_FIELDS, field);
    const suffix = SUBJECT_SUFFIX[subject];
    label = base && { en: base.en + suffix.en, nb: base.nb + suffix.nb };
  } else if (head === "company") {
    label = lookup(COMPANY_FIELDS, field);
  } else {
    label = lookup(OTHER_FIELDS, groupCode);
  }
  if (!label) {
    const words = readableRequirement(groupCode);
    label = { en: words, nb: words };
  }
  return { code: groupCode, label };
}
