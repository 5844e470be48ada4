/**
 * Messages that come as English sentences from outside the web app: the zod schemas in
 * @pc/shared (form validation) and the server (domain rules). They are looked up by their
 * English text; one without a translation is shown as it came.
 */
import i18n from "i18next";
import { emailOutboxServerMessagesNb, emailOutboxServerPatternsNb } from "../features/email-outbox/emailOutbox.serverMessages";
import { retentionServerMessagesNb, retentionServerPatternsNb } from "../features/retention/retention.serverMessages";

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
  "This version changes the revenue share; only finance or an operator admin can cancel it":
    "Denne versjonen endrer inntektsdelingen; bare økonomi eller en operatøradministrator kan trekke den tilbake",
  // Branding: the zod schemas of @pc/shared and the branding service.
  "Display name is required": "Visningsnavn må fylles ut",
  "Keep the display name under 80 characters": "Visningsnavnet kan ha høyst 80 tegn",
  "Legal entity name is required": "Juridisk navn må fylles ut",
  "Keep the legal entity name under 200 characters": "Det juridiske navnet kan ha høyst 200 tegn",
  "Legal address is required": "Juridisk adresse må fylles ut",
  "Keep the legal address under 500 characters": "Den juridiske adressen kan ha høyst 500 tegn",
  "Keep the summary under 500 characters": "Oppsummeringen kan ha høyst 500 tegn",
  "Colour must be a hex colour such as #1f6feb": "Fargen må være en heksadesimal farge som #1f6feb",
  "File must be a PNG, WebP or SVG image": "Filen må være et PNG-, WebP- eller SVG-bilde",
  "File must be at most 512 KB": "Filen kan være høyst 512 KB",
  "The file is empty": "Filen er tom",
  "The file is not a PNG, WebP or SVG image": "Filen er ikke et PNG-, WebP- eller SVG-bilde",
  "The file name must end in .png, .webp or .svg": "Filnavnet må slutte på .png, .webp eller .svg",
  "The SVG declares entities, which are not accepted": "SVG-filen deklarerer entiteter, og det godtas ikke",
  "The SVG is not UTF-8 text": "SVG-filen er ikke UTF-8-tekst",
  "The SVG has no size: give its root element a viewBox, or a width and height":
    "SVG-filen har ingen størrelse: gi rotelementet en viewBox, eller en bredde og høyde",
  "Nothing of this SVG is safe to keep": "Ingenting i denne SVG-filen er trygt å beholde",
  "This tenant has no branding in effect yet; publish its branding first":
    "Denne partneren har ingen gjeldende merkevare ennå; publiser merkevaren først",
  "Someone started a branding draft since you opened this page; reload to see it":
    "Noen har startet et utkast til merkevaren siden du åpnet siden; last inn på nytt for å se det",
  'This version changes "Powered by Masterchannel"; only Masterchannel staff can cancel it':
    "Denne versjonen endrer «Powered by Masterchannel»; bare Masterchannel-ansatte kan trekke den tilbake",
  // Versions (branding and prices alike).
  "Someone else saved this draft since you opened it; reload to see their changes":
    "Noen andre har lagret utkastet siden du åpnet det; last inn på nytt for å se endringene deres",
  "Effective from must be a valid date and time": "Gjelder fra må være en gyldig dato og et gyldig klokkeslett",
  "Effective from must be in the future; leave it out to publish now":
    "Gjelder fra må være frem i tid; la feltet stå tomt for å publisere nå",
  "Effective from may be at most a year ahead": "Gjelder fra kan være høyst ett år frem i tid",
  // Prices: the money and price book schemas of @pc/shared.
  "Enter an amount": "Skriv inn et beløp",
  "Amount must be a number": "Beløpet må være et tall",
  "Amount must be a number, like 149 or 149.50": "Beløpet må være et tall, som 149 eller 149,50",
  "Amount cannot be negative": "Beløpet kan ikke være negativt",
  "Amount must be a whole number of minor units": "Beløpet må være et helt antall minste enheter",
  "A bundle holds 2 to 100 tracks": "En pakke har fra 2 til 100 spor",
  "At most 10 bundles": "Høyst 10 pakker",
  'Tax behaviour must be "inclusive" or "exclusive"': "Merverdiavgiften må være inkludert eller ekskludert",
  "Revenue share must be a whole number of basis points from 0 to 10000 (0 % to 100 %; 1 basis point is 0.01 %)":
    "Inntektsandelen må være et helt antall basispunkter fra 0 til 10000 (0 % til 100 %; 1 basispunkt er 0,01 %)",
  // Custom domains: ZHostname and the domains service.
  "Host name must be a domain name such as shop.example.com": "Vertsnavnet må være et domenenavn som butikk.eksempel.no",
  "This host name is already in use": "Dette vertsnavnet er allerede i bruk",
  "This host name belongs to the console itself; use a host name under your own domain":
    "Dette vertsnavnet tilhører selve konsollen; bruk et vertsnavn under ditt eget domene",
  "Domain not found": "Fant ikke domenet",
  "TXT record found but its value does not match": "Fant en TXT-post, men verdien stemmer ikke",
  "The TXT record disappeared; the domain is disabled until it verifies again":
    "TXT-posten er borte; domenet er slått av til det er bekreftet igjen",
  "The TXT record's value no longer matches; the domain is disabled until it verifies again":
    "Verdien i TXT-posten stemmer ikke lenger; domenet er slått av til det er bekreftet igjen",
  "Not verified within 7 days: TXT record found but its value does not match":
    "Ikke bekreftet innen 7 dager: fant en TXT-post, men verdien stemmer ikke",
  // Policies and addenda: the schemas of @pc/shared and the policies and addenda services.
  "Title is required": "Tittel må fylles ut",
  "The policy text is required": "Teksten må fylles ut",
  "The addendum text is required": "Tilleggets tekst må fylles ut",
  "Keep the title under 200 characters": "Tittelen kan ha høyst 200 tegn",
  "Keep the policy text under 200000 characters": "Teksten kan ha høyst 200 000 tegn",
  "Keep the change summary under 2000 characters": "Oppsummeringen kan ha høyst 2000 tegn",
  "Keep the reason under 1000 characters": "Begrunnelsen kan ha høyst 1000 tegn",
  "Keep the addendum under 20000 characters": "Tillegget kan ha høyst 20 000 tegn",
  "Say in a few words what changed": "Si med noen få ord hva som er endret",
  "Say why the addendum is rejected": "Si hvorfor tillegget avvises",
  "Say why the change is not approved": "Si hvorfor endringen ikke godkjennes",
  "A material change needs a change summary: it is what users are told when asked to consent again":
    "En vesentlig endring trenger en oppsummering: det er den brukerne får vite når de blir bedt om å samtykke på nytt",
  "A purpose resting on consent (Art. 6(1)(a)) must be opt-in":
    "Et formål som bygger på samtykke (art. 6 nr. 1 a), må kreve samtykke først",
  "A strictly necessary purpose cannot be opt-in": "Et strengt nødvendig formål kan ikke kreve samtykke først",
  "Category must be strictly necessary, functional, analytics or marketing":
    "Kategorien må være strengt nødvendig, funksjonell, analyse eller markedsføring",
  "Legal basis must be GDPR Art. 6(1)(a), (b), (c) or (f)": "Rettslig grunnlag må være GDPR art. 6 nr. 1 a, b, c eller f",
  "Purpose key must be 2 to 40 lowercase letters, digits or underscores, starting with a letter":
    "Formålsnøkkelen må ha 2 til 40 små bokstaver, sifre eller understreker, og begynne med en bokstav",
  "Purpose name is required": "Formålets navn må fylles ut",
  "Purpose description is required": "Formålets beskrivelse må fylles ut",
  "Vendor name is required": "Leverandør må fylles ut",
  "Vendor legal entity is required": "Leverandørens juridiske enhet må fylles ut",
  "Transfer destination is required": "Hvor dataene går, må fylles ut",
  "Transfer mechanism is required": "Overføringsgrunnlag må fylles ut",
  "Retention is required": "Lagringstid må fylles ut",
  'Version must look like "2.1": a major and a minor number': "Versjonen må se ut som «2.1»: et hovednummer og et undernummer",
  "Approval was already requested for this draft": "Det er allerede bedt om godkjenning av dette utkastet",
  "Nobody has requested approval of this draft yet": "Ingen har bedt om godkjenning av dette utkastet ennå",
  "Nobody has requested approval of this draft": "Ingen har bedt om godkjenning av dette utkastet",
  "This draft is already approved": "Dette utkastet er allerede godkjent",
  "This draft is waiting for approval: approve or reject it first, or save it again to withdraw the request":
    "Dette utkastet venter på godkjenning: godkjenn eller avvis det først, eller lagre det på nytt for å trekke forespørselen tilbake",
  "A material change needs a second person's approval: you wrote, edited or submitted this draft":
    "En vesentlig endring må godkjennes av en annen person: du skrev, endret eller sendte inn dette utkastet",
  "This change asks for a second person's approval: you wrote, edited or submitted this draft":
    "Denne endringen ber om godkjenning fra en annen person: du skrev, endret eller sendte inn dette utkastet",
  "A material change needs approval by a second person with the compliance or operator admin role; request approval first":
    "En vesentlig endring må godkjennes av en annen person med rollen etterlevelse eller operatøradministrator; be om godkjenning først",
  "Only policy editors may compare the open draft": "Bare de som redigerer dokumentene, kan sammenligne det åpne utkastet",
  "Someone started a draft of this document since you opened it; reload to see it":
    "Noen har startet et utkast til dette dokumentet siden du åpnet det; last inn på nytt for å se det",
  "Someone started an addendum draft since you opened this page; reload to see it":
    "Noen har startet et utkast til tillegget siden du åpnet siden; last inn på nytt for å se det",
  "That tenant has no addendum of this kind waiting for approval": "Den partneren har ikke noe slikt tillegg som venter på godkjenning",
  "You wrote or submitted this addendum; another person must approve it":
    "Du skrev eller sendte inn dette tillegget; en annen person må godkjenne det",
  "This addendum is already waiting for approval": "Dette tillegget venter allerede på godkjenning",
  "No version of this document is in force yet": "Ingen versjon av dette dokumentet gjelder ennå",
  "Effective from must be a date and time": "Gjelder fra må være en dato og et klokkeslett",
  // Consent ledger: the ledger schemas of @pc/shared and the ledger service.
  "Choose how long the old key keeps working": "Velg hvor lenge den gamle nøkkelen skal virke",
  "The grace period must be whole hours": "Overgangsperioden må være hele timer",
  "The grace period cannot be negative": "Overgangsperioden kan ikke være negativ",
  "The old key can keep working for at most 30 days": "Den gamle nøkkelen kan virke i høyst 30 dager",
  "Unknown key": "Ukjent nøkkel",
  "This is the current key: rotate it to replace it": "Dette er den gjeldende nøkkelen: roter den for å erstatte den",
  "This key has already stopped working": "Denne nøkkelen har allerede sluttet å virke",
  "Choose a tenant": "Velg en partner",
  "The rate must be a number": "Raten må være et tall",
  "The rate must be a whole number of events a second": "Raten må være et helt antall hendelser i sekundet",
  "The rate must be at least 1 event a second": "Raten må være minst 1 hendelse i sekundet",
  "The burst must be a number": "Toppen må være et tall",
  "The burst must be a whole number of events": "Toppen må være et helt antall hendelser",
  "The burst must be at least the rate per second": "Toppen må være minst like stor som raten i sekundet",
  "The origin is required": "Opphav må fylles ut",
  "The origin is too long": "Opphavet er for langt",
  'An origin is a scheme, host and optional port, without a path or trailing slash, such as "http://localhost:5173"':
    "Et opphav er protokoll, vert og eventuelt port, uten sti eller skråstrek til slutt, som «http://localhost:5173»",
  "Keep the note under 200 characters": "Merknaden kan ha høyst 200 tegn",
  // Payouts, holds and earnings: the payouts schemas of @pc/shared and the payouts and Stripe account services.
  "Give a reason": "Oppgi en begrunnelse",
  "Give a reason of at least 5 characters": "Oppgi en begrunnelse på minst 5 tegn",
  "Keep the reason under 500 characters": "Begrunnelsen kan ha høyst 500 tegn",
  "Keep the note under 500 characters": "Merknaden kan ha høyst 500 tegn",
  "The reason cannot contain NUL characters": "Begrunnelsen kan ikke inneholde NUL-tegn",
  "The note cannot contain NUL characters": "Merknaden kan ikke inneholde NUL-tegn",
  "Must be a date": "Må være en dato",
  "Amount must be whole minor units": "Beløpet må være et helt antall minste enheter",
  "The end date is before the start date": "Sluttdatoen er før startdatoen",
  "The highest amount is below the lowest": "Høyeste beløp er lavere enn laveste beløp",
  "Choose a currency to filter by amount (amounts are not comparable across currencies)":
    "Velg en valuta for å filtrere på beløp (beløp i ulike valutaer kan ikke sammenlignes)",
  "Unknown event id": "Ukjent hendelses-id",
  "Payout not found": "Fant ikke utbetalingen",
  "This page link is no longer valid: start from the first page": "Denne sidelenken er ikke lenger gyldig: begynn på første side",
  "This partner has no Stripe account yet: there are no payouts to hold":
    "Denne partneren har ingen Stripe-konto ennå: det finnes ingen utbetalinger å holde tilbake",
  "This partner's payouts are already on hold": "Utbetalingene til denne partneren holdes allerede tilbake",
  "This partner's payouts are not on hold": "Utbetalingene til denne partneren holdes ikke tilbake",
  "This storefront cannot take payments yet: its Stripe account is not set up":
    "Denne nettbutikken kan ikke ta imot betalinger ennå: Stripe-kontoen er ikke satt opp",
  "This storefront cannot take payments yet: Stripe has not enabled charges on its account":
    "Denne nettbutikken kan ikke ta imot betalinger ennå: Stripe har ikke slått på betalinger for kontoen",
  // Revenue share changes that need a second person.
  "Revenue share request not found": "Fant ikke forespørselen om inntektsandel",
  "This request was decided meanwhile": "Forespørselen er avgjort i mellomtiden",
  "This request was already approved": "Forespørselen er allerede godkjent",
  "This request was already rejected": "Forespørselen er allerede avvist",
  "This request was already withdrawn": "Forespørselen er allerede trukket tilbake",
  "Someone other than the person who asked must approve a revenue share change":
    "En annen enn den som ba om endringen, må godkjenne en endring av inntektsandelen",
  "The requested start time has passed: reject this request and ask again with a new time":
    "Det ønskede starttidspunktet er passert: avvis forespørselen og be på nytt med et nytt tidspunkt",
  "Withdraw your own request instead of rejecting it": "Trekk tilbake din egen forespørsel i stedet for å avvise den",
  "Only the person who asked can withdraw the request; others approve or reject it":
    "Bare den som ba om endringen, kan trekke tilbake forespørselen; andre godkjenner eller avviser den",
  // Consent audit: the consent audit schemas of @pc/shared, the consent audit and evidence pack services.
  "This page link is malformed": "Denne sidelenken er ugyldig",
  "This page link belongs to another search": "Denne sidelenken hører til et annet søk",
  "Unknown tenant": "Ukjent partner",
  "Unknown action": "Ukjent handling",
  "Unknown consent record": "Ukjent samtykkepost",
  "The start must be a date": "Starttidspunktet må være en dato",
  "The end must be a date": "Sluttidspunktet må være en dato",
  "The end must come after the start": "Sluttidspunktet må være etter starttidspunktet",
  "At least one record a page": "Minst én post per side",
  "A purpose key is 2 to 40 lowercase letters, digits or underscores":
    "En formålsnøkkel har 2 til 40 små bokstaver, sifre eller understreker",
  "Choose granted, denied or acknowledged": "Velg samtykket, avslått eller bekreftet",
  "Choose the purpose the decision is about": "Velg formålet valget gjelder",
  "A country is two letters (ISO 3166-1)": "Et land skrives med to bokstaver (ISO 3166-1)",
  "Enter the subject id the storefront uses": "Skriv inn id-en nettbutikken bruker for personen",
  "The subject id cannot contain NUL characters": "Person-id-en kan ikke inneholde NUL-tegn",
  "Choose the tenant whose subject you are looking for": "Velg partneren som personen du leter etter, hører til",
  "Name a record (recordId) or a subject (subjectId)": "Oppgi en post (recordId) eller en person (subjectId)",
  "No such consent record": "Fant ikke samtykkeposten",
  "No consent records for this subject": "Ingen samtykkeposter for denne personen",
  "No signed checkpoint covers these records yet: checkpoints are signed every few minutes, try again shortly":
    "Ingen signerte kontrollpunkter dekker disse postene ennå: kontrollpunkter signeres med noen minutters mellomrom, prøv igjen om litt",
  // Data-subject requests: the subject requests schemas of @pc/shared and the subject requests service.
  "Unknown request": "Ukjent forespørsel",
  "Unknown status": "Ukjent status",
  "No such data-subject request": "Fant ikke forespørselen",
  "Choose access or erasure": "Velg innsyn eller sletting",
  "Choose how the request arrived": "Velg hvordan forespørselen kom inn",
  "Choose the tenant whose customer asks": "Velg partneren til kunden som spør",
  "The date received must be a date": "Mottaksdatoen må være en dato",
  "The date received cannot be in the future": "Mottaksdatoen kan ikke være frem i tid",
  "Overdue is yes or no": "Forfalt må være ja eller nei",
  "Enter the guardian's name": "Skriv inn navnet til den foresatte",
  "Say how the guardian is related to the child (e.g. mother)": "Si hvilket forhold den foresatte har til barnet (f.eks. mor)",
  "Choose how the guardian was verified": "Velg hvordan den foresatte ble bekreftet",
  "Describe how the guardian was verified": "Beskriv hvordan den foresatte ble bekreftet",
  "The guardian's name cannot contain NUL characters": "Navnet til den foresatte kan ikke inneholde NUL-tegn",
  "The relationship cannot contain NUL characters": "Forholdet til barnet kan ikke inneholde NUL-tegn",
  "The verification note cannot contain NUL characters": "Beskrivelsen av bekreftelsen kan ikke inneholde NUL-tegn",
  "Describe how the requester's identity was verified": "Beskriv hvordan avsenderens identitet ble bekreftet",
  "Give the reason for rejecting the request": "Oppgi grunnen til at forespørselen avvises",
  "Only a request just received can have its requester's identity verified":
    "Avsenderens identitet kan bare bekreftes for en forespørsel som nettopp er mottatt",
  "Verify the requester's identity before starting work on the request":
    "Bekreft avsenderens identitet før du starter arbeidet med forespørselen",
  "Verify the requester's identity and start work on the request before completing it":
    "Bekreft avsenderens identitet og start arbeidet med forespørselen før du fullfører den",
  "A completed or rejected request is final": "En fullført eller avvist forespørsel er endelig",
  "The request has no receipt or export yet: complete it first": "Forespørselen har ingen kvittering eller uttrekk ennå: fullfør den først",
  "The date received cannot be before 25 May 2018, when the GDPR took effect":
    "Mottaksdatoen kan ikke være før 25. mai 2018, da personvernforordningen (GDPR) trådte i kraft",
  "This request has no such evidence pack": "Forespørselen har ingen slik bevispakke",
  "Name the evidence pack by its number": "Oppgi bevispakken med nummeret dens",
  "The page size is a number": "Sidestørrelsen må være et tall",
  "The page size is a whole number": "Sidestørrelsen må være et heltall",
  "At least one request a page": "Minst én forespørsel per side",
  // Consent statistics: the consent statistics schema of @pc/shared and its service.
  "The start must be a date (YYYY-MM-DD)": "Starten må være en dato (ÅÅÅÅ-MM-DD)",
  "The end must be a date (YYYY-MM-DD)": "Slutten må være en dato (ÅÅÅÅ-MM-DD)",
  "The end must not come before the start": "Slutten kan ikke komme før starten",
  "Choose day, week or month": "Velg dag, uke eller måned",
  "No such tenant": "Fant ikke partneren",
  // Retention and legal holds (features/retention/retention.serverMessages.ts).
  ...retentionServerMessagesNb,
  ...emailOutboxServerMessagesNb,
  // Audit trail: the audit search schema of @pc/shared.
  "At least one event a page": "Minst én hendelse per side",
  "An actor filter has at most 200 characters": "Filteret «Utført av» kan ha høyst 200 tegn",
  "An action has at most 80 characters": "En handling kan ha høyst 80 tegn",
  "A target type has at most 80 characters": "Objekttypen kan ha høyst 80 tegn",
  "A target id has at most 200 characters": "Objekt-id-en kan ha høyst 200 tegn",
};

/** Server messages that carry a value (an email, a slug). */
const NB_PATTERNS: [RegExp, string][] = [
  [/^(.+) is already a member of this tenant$/, "$1 er allerede medlem hos denne partneren"],
  [/^The slug "(.+)" is taken$/, "Kortnavnet «$1» er allerede i bruk"],
  [/^(.+) already has the operator role (.+)$/, "$1 har allerede operatørrollen $2"],
  // Branding.
  [/^The file is ([\d.]+) KB; images may be at most (\d+) KB$/, "Filen er $1 KB; bilder kan være høyst $2 KB"],
  [/^The file is an? (\S+) image; upload a PNG, WebP or SVG$/, "Filen er et $1-bilde; last opp PNG, WebP eller SVG"],
  [
    /^A logo must be at least (\d+) px on its shorter side; this image is (.+)$/,
    "En logo må være minst $1 px på den korte siden; dette bildet er $2",
  ],
  [
    /^A favicon must be at least (\d+) px on its shorter side; this image is (.+)$/,
    "Et favikon må være minst $1 px på den korte siden; dette bildet er $2",
  ],
  [/^Images may be at most (\d+) px on a side; this (?:one|SVG) is (.+)$/, "Bilder kan være høyst $1 px på hver side; dette er $2"],
  [/^The (logo|favicon) must be an image uploaded for this brand$/, "Bildet må være lastet opp for denne merkevaren"],
  [/^These colours are too hard to read to publish\. (.+)$/, "Disse fargene er for vanskelige å lese til å publiseres. $1"],
  [/^There is no branding version (\d+)$/, "Det finnes ingen merkevareversjon $1"],
  [/^There is no branding version (\d+) scheduled for later$/, "Det finnes ingen merkevareversjon $1 som er planlagt fram i tid"],
  [
    /^Branding version (\d+) is scheduled for (.+); cancel it first, or schedule this change after it$/,
    "Merkevareversjon $1 er planlagt til $2; trekk den tilbake først, eller planlegg denne endringen etter den",
  ],
  [
    /^Branding version (\d+) took effect or was cancelled meanwhile$/,
    "Merkevareversjon $1 har trådt i kraft eller er trukket tilbake i mellomtiden",
  ],
  [
    /^This draft was published or discarded since you opened it; reload to see the current (.+)$/,
    "Utkastet er publisert eller forkastet siden du åpnet det; last inn på nytt for å se det gjeldende",
  ],
  [
    /^There is no open (.+) draft; it may have been published or discarded since you opened it$/,
    "Det finnes ikke noe åpent utkast; det kan være publisert eller forkastet siden du åpnet det",
  ],
  // Change summaries the server writes itself.
  [/^Rollback to version (\d+)$/, "Tilbakerulling til versjon $1"],
  // Prices.
  [
    /^([A-Z]{3}) version (\d+) is scheduled for (.+); cancel it first, or schedule this change after it$/,
    "$1-versjon $2 er planlagt til $3; trekk den tilbake først, eller planlegg denne endringen etter den",
  ],
  [/^There is no ([A-Z]{3}) version (\d+) scheduled for later$/, "Det finnes ingen $1-versjon $2 som er planlagt fram i tid"],
  [
    /^([A-Z]{3}) version (\d+) took effect or was cancelled meanwhile$/,
    "$1-versjon $2 har trådt i kraft eller er trukket tilbake i mellomtiden",
  ],
  [/^Amount is below the ([A-Z]{3}) minimum of (.+)$/, "Beløpet er under minstebeløpet i $1 på $2"],
  [/^Amount is above the ([A-Z]{3}) maximum of (.+)$/, "Beløpet er over høyeste beløp i $1 på $2"],
  [/^([A-Z]{3}) amounts have at most (\d+) decimals$/, "Beløp i $1 har høyst $2 desimaler"],
  [/^([A-Z]{3}) amounts must be whole units$/, "Beløp i $1 må være hele enheter"],
  [/^Two bundles of (\d+) tracks; keep one$/, "To pakker med $1 spor; behold én"],
  [/^There is no ([A-Z]{3}) version (\d+)$/, "Det finnes ingen versjon $2 i $1"],
  [/^Publish ([A-Z]{3}) prices before setting their revenue share$/, "Publiser priser i $1 før du setter inntektsandelen"],
  [/^The ([A-Z]{3}) revenue share is already (\d+) bps$/, "Inntektsandelen i $1 er allerede $2 basispunkter"],
  [
    /^A ([A-Z]{3}) revenue share change is already waiting for approval$/,
    "En endring av inntektsandelen i $1 venter allerede på godkjenning",
  ],
  // Payouts and webhook events.
  [/^There is no stored event (\S+)$/, "Det finnes ingen lagret hendelse $1"],
  // A "powered by" change carried into a scheduled version (before the general ones below).
  [/^"Powered by Masterchannel" shown \(scheduled version (\d+)\)$/, "«Powered by Masterchannel» vises (planlagt versjon $1)"],
  [/^"Powered by Masterchannel" hidden \(scheduled version (\d+)\)$/, "«Powered by Masterchannel» skjules (planlagt versjon $1)"],
  [/^"Powered by Masterchannel" shown(.*)$/, "«Powered by Masterchannel» vises$1"],
  [/^"Powered by Masterchannel" hidden(.*)$/, "«Powered by Masterchannel» skjules$1"],
  // Custom domains: what a check found.
  [/^no TXT record at (\S+)$/, "Ingen TXT-post på $1"],
  [/^Not verified within 7 days: no TXT record at (\S+)$/, "Ikke bekreftet innen 7 dager: ingen TXT-post på $1"],
  [
    /^DNS look-up of (\S+) failed \((\w+)\); it is tried again at the next check$/,
    "DNS-oppslaget av $1 feilet ($2); det prøves igjen ved neste sjekk",
  ],
  [
    /^Not verified within 7 days: DNS look-up of (\S+) failed \((\w+)\); it is tried again at the next check$/,
    "Ikke bekreftet innen 7 dager: DNS-oppslaget av $1 feilet ($2); det prøves igjen ved neste sjekk",
  ],
  [/^A tenant can have at most (\d+) domains; remove one first$/, "En partner kan ha høyst $1 domener; fjern ett først"],
  // Policies and addenda.
  [/^Unknown variables? (.+); (?:known:|the variables are) (.+)$/, "Ukjent variabel $1; variablene som finnes, er $2"],
  [/^Purpose key (\S+) appears twice$/, "Formålsnøkkelen $1 forekommer to ganger"],
  [/^At most (\d+) purposes$/, "Høyst $1 formål"],
  [
    /^Purpose key (\S+) meant (.+) \((.+)\) in (\S+); use a new key for a different purpose$/,
    "Formålsnøkkelen $1 betydde $2 ($3) i $4; bruk en ny nøkkel for et annet formål",
  ],
  [
    /^Version (\S+) is out of sequence: the next material version is (\S+)$/,
    "Versjon $1 kommer ikke i rekkefølge: neste vesentlige versjon er $2",
  ],
  [
    /^Version (\S+) is out of sequence: the next editorial version is (\S+)$/,
    "Versjon $1 kommer ikke i rekkefølge: neste redaksjonelle versjon er $2",
  ],
  [
    /^(Privacy policy|Terms of service) (\S+) is scheduled for (\S+); retire it first, or schedule this version after it$/,
    "Versjon $2 er planlagt til $3; trekk den tilbake først, eller planlegg denne versjonen etter den",
  ],
  [
    /^(Privacy policy|Terms of service) (\S+) is scheduled after (\S+) and builds on it; retire (\S+) first$/,
    "Versjon $2 er planlagt etter $3 og bygger på den; trekk tilbake $4 først",
  ],
  [
    /^(Privacy policy|Terms of service) (\S+) is the only version in force; publish the version that replaces it instead of retiring it$/,
    "Versjon $2 er den eneste som gjelder; publiser versjonen som skal erstatte den i stedet for å trekke den tilbake",
  ],
  [/^(Privacy policy|Terms of service) (\S+) is already retired$/, "Versjon $2 er allerede trukket tilbake"],
  [/^(Privacy policy|Terms of service) (\S+) was retired meanwhile$/, "Versjon $2 er trukket tilbake i mellomtiden"],
  [
    /^There is no open (privacy policy|terms of service) draft; it may have been published or discarded since you opened it$/,
    "Det finnes ikke noe åpent utkast; det kan være publisert eller forkastet siden du åpnet det",
  ],
  [/^There is no open (privacy policy|terms of service) draft$/, "Det finnes ikke noe åpent utkast"],
  [/^There is no (privacy policy|terms of service) version (\S+)$/, "Det finnes ingen versjon $2"],
  [/^There is no version (\S+) of this document$/, "Det finnes ingen versjon $1 av dette dokumentet"],
  [
    /^Addendum version (\d+) is scheduled for (\S+); schedule this one after it$/,
    "Tillegg versjon $1 er planlagt til $2; planlegg dette etter det",
  ],
  // Consent ledger.
  [/^The rate can be at most ([\d,]+) events a second$/, "Raten kan være høyst $1 hendelser i sekundet"],
  [/^The burst must hold at least one full batch \((\d+) events\)$/, "Toppen må romme minst én full pakke ($1 hendelser)"],
  [/^The burst can be at most ([\d,]+) events$/, "Toppen kan være høyst $1 hendelser"],
  [/^(\S+) is already listed$/, "$1 står allerede på listen"],
  [/^(\S+) is not listed$/, "$1 står ikke på listen"],
  // Consent audit.
  [/^A subject id has at most (\d+) characters$/, "En person-id kan ha høyst $1 tegn"],
  [/^At most (\d+) records a page$/, "Høyst $1 poster per side"],
  [
    /^The chain from these records to a checkpoint is longer than (\d+) links$/,
    "Kjeden fra disse postene til et kontrollpunkt er lengre enn $1 ledd",
  ],
  // Data-subject requests.
  [/^At most (\d+) subject ids in one request$/, "Høyst $1 person-id-er i én forespørsel"],
  [/^The guardian's name has at most (\d+) characters$/, "Navnet til den foresatte kan ha høyst $1 tegn"],
  [/^The relationship has at most (\d+) characters$/, "Forholdet til barnet kan ha høyst $1 tegn"],
  [/^The verification note has at most (\d+) characters$/, "Beskrivelsen av bekreftelsen kan ha høyst $1 tegn"],
  [/^The note has at most (\d+) characters$/, "Merknaden kan ha høyst $1 tegn"],
  [/^The reason has at most (\d+) characters$/, "Begrunnelsen kan ha høyst $1 tegn"],
  [/^At most (\d+) requests a page$/, "Høyst $1 forespørsler per side"],
  // Consent statistics.
  [/^A range spans at most (\d+) days$/, "En periode kan være høyst $1 dager"],
  // Retention and legal holds.
  ...retentionServerPatternsNb,
  // Email outbox.
  ...emailOutboxServerPatternsNb,
  // Audit trail.
  [/^At most (\d+) events a page$/, "Høyst $1 hendelser per side"],
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
