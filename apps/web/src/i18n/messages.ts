/**
 * Messages that come as English sentences from outside the web app: the zod schemas in
 * @pc/shared (form validation) and the server (domain rules). They are looked up by their
 * English text; one without a translation is shown as it came.
 */
import i18n from "i18next";

const NB: Record<string, string> = {
  "Email is required": "E-post må fylles ut",
  "Email is too long": "E-postadressen er for lang",
  "Enter a valid email address": "Skriv inn en gyldig e-postadresse",
  "Password is required": "Passord må fylles ut",
  "Password is too long": "Passordet er for langt",
  "Password must be at least 12 characters": "Passordet må ha minst 12 tegn",
  "Password must be at most 256 characters": "Passordet kan ha høyst 256 tegn",
  "Name is required": "Navn må fylles ut",
  "Name must be at most 120 characters": "Navnet kan ha høyst 120 tegn",
  "Name must be at least 2 characters": "Navnet må ha minst 2 tegn",
  "This invitation link is not valid": "Denne invitasjonslenken er ikke gyldig",
  "Current password is required": "Nåværende passord må fylles ut",
  "Slug must be at least 3 characters": "Kortnavnet må ha minst 3 tegn",
  "Slug must be at most 40 characters": "Kortnavnet kan ha høyst 40 tegn",
  "Slug may hold lowercase letters, digits and inner hyphens only": "Kortnavnet kan bare ha små bokstaver, sifre og bindestrek inni",
  "Give a reason of at least 3 characters": "Oppgi en begrunnelse på minst 3 tegn",
  "Must be a valid id": "Må være en gyldig id",
  "A partner role needs a tenant": "En partnerrolle må knyttes til en partner",
  "Operator roles are not tied to a tenant": "Operatørroller er ikke knyttet til en partner",
  "Role must be partner_admin or partner_viewer": "Rollen må være partneradministrator eller partnerleser",
  "Role must be one of operator_admin, compliance, finance, partner_admin, partner_viewer": "Velg en gyldig rolle",
  "Role must be one of operator_admin, compliance, finance": "Velg en gyldig operatørrolle",
  "Wrong email or password": "Feil e-post eller passord",
  "Passwords do not match": "Passordene er ikke like",
  // Domain rules from the server.
  "This tenant is suspended": "Denne partneren er suspendert",
  "The current password is wrong": "Det nåværende passordet er feil",
  "Invitation not found, or no longer pending": "Fant ikke invitasjonen, eller den venter ikke lenger",
  "Member not found": "Fant ikke medlemmet",
  "Session not found, or already ended": "Fant ikke økten, eller den er allerede avsluttet",
  "Tenant not found": "Fant ikke partneren",
  "User not found": "Fant ikke brukeren",
  "This invitation link is not valid: it may have expired, been used or been revoked":
    "Denne invitasjonslenken er ikke gyldig: den kan ha utløpt, blitt brukt eller trukket tilbake",
  "A tenant needs at least one partner admin; make someone else admin first":
    "En partner må ha minst én partneradministrator; gjør noen andre til administrator først",
  "Choose a password to create your account": "Velg et passord for å opprette kontoen din",
  "The last operator admin cannot lose the role": "Den siste operatøradministratoren kan ikke miste rollen",
  "The new password must differ from the current one": "Det nye passordet må være forskjellig fra det nåværende",
  "The tenant is already active": "Partneren er allerede aktiv",
  "The tenant is already suspended": "Partneren er allerede suspendert",
  "The tenant is suspended; reactivate it before inviting people": "Partneren er suspendert; aktiver den igjen før du inviterer noen",
  "The tenant of this invitation is suspended": "Partneren i denne invitasjonen er suspendert",
};

/** Server messages that carry a value (an email, a slug). */
const NB_PATTERNS: [RegExp, string][] = [
  [/^(.+) is already a member of this tenant$/, "$1 er allerede medlem hos denne partneren"],
  [/^The slug "(.+)" is taken$/, "Kortnavnet «$1» er allerede i bruk"],
  [/^(.+) already has the operator role (.+)$/, "$1 har allerede operatørrollen $2"],
];

export function translateMessage(message: string): string {
  if (i18n.resolvedLanguage !== "nb") return message;
  const exact = NB[message];
  if (exact) return exact;
  for (const [pattern, replacement] of NB_PATTERNS) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}
