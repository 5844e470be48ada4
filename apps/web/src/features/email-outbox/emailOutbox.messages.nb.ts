import type { emailOutboxEn } from "./emailOutbox.messages";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Email outbox texts in Norwegian bokmål. */
export const emailOutboxNb: Strings<typeof emailOutboxEn> = {
  title: "Utgående e-post",
  description:
    "All e-post konsollen har lagt i kø: invitasjoner, endringer i vilkår, mislykkede utbetalinger og frister for innsyn og sletting, og hvordan leveringen gikk.",
  descriptionPartner:
    "E-post konsollen har lagt i kø til teamet ditt: invitasjoner, endringer i vilkår, mislykkede utbetalinger og frister for innsyn og sletting.",
  delivery: {
    on: "Levering er på: e-post sendes over SMTP innen omtrent 15 sekunder, og et mislykket forsøk prøves igjen senere.",
    off: "Levering er av: ingen SMTP-server er satt opp (SMTP_URL), så ingenting sendes. E-posten venter her; åpne en for å lese den.",
  },
  filters: {
    status: "Status",
    kind: "Type",
    any: "Alle",
  },
  statuses: {
    pending: "Venter",
    sending: "Sendes",
    sent: "Sendt",
    failed: "Mislyktes",
    cancelled: "Avbrutt",
  },
  kinds: {
    invitation: "Invitasjon",
    policy_material_published: "Vesentlig endring i vilkår",
    payout_failed: "Mislykket utbetaling",
    subject_request_deadline: "Frist for forespørsel",
  },
  audiences: {
    operator: "Bare ansatte",
    tenant: "Partner",
  },
  columns: {
    created: "Lagt i kø",
    to: "Til",
    subject: "Emne",
    kind: "Type",
    tenant: "Partner",
    status: "Status",
  },
  empty: "Ingen e-post passer.",
  loadMore: "Vis flere",
  end_one: "{{count}} e-post vist: det er alt.",
  end_other: "Alle {{count}} e-poster vist.",
  attempts_one: "{{count}} forsøk",
  attempts_other: "{{count}} forsøk",
  nextAttempt: "neste forsøk {{when}}",
  detail: {
    title: "E-post",
    to: "Til",
    from: "Avsendernavn",
    replyTo: "Svar går til",
    audience: "Synlig for",
    created: "Lagt i kø",
    sent: "Sendt",
    attempts: "Forsøk",
    nextAttempt: "Neste forsøk",
    lastError: "Siste feil",
    messageId: "Message-ID",
    text: "Ren tekst",
    html: "HTML-forhåndsvisning",
    htmlFrame: "Forhåndsvisning av e-posten som HTML",
    noHtml: "Denne e-posten har ingen HTML-versjon.",
    retry: "Send på nytt nå",
    retried: "E-posten er lagt i kø igjen.",
    none: "–",
  },
};
