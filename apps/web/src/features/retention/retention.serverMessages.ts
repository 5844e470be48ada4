/**
 * Norwegian for what the retention schemas of @pc/shared and the server's retention, legal hold
 * and evidence pack rules say (merged into i18n/messages.ts), exact sentences and patterns that
 * keep their values.
 */
export const retentionServerMessagesNb: Record<string, string> = {
  "The shortest period cannot be longer than the longest": "Den korteste lagringstiden kan ikke være lengre enn den lengste",
  "The default period must lie within the limits": "Standard lagringstid må ligge innenfor grensene",
  "The cutoff must be a date": "Skjæringstidspunktet må være en dato",
  "Unknown legal hold": "Ukjent rettslig tilbakehold",
  "Choose whether the hold covers the whole tenant or one subject": "Velg om tilbakeholdet dekker hele partneren eller én person",
  "Give the reason for the hold": "Oppgi begrunnelsen for tilbakeholdet",
  "Give the reason for releasing the hold": "Oppgi begrunnelsen for å oppheve tilbakeholdet",
  "A purge of this tenant is already queued or running": "En sletting hos denne partneren står allerede i kø eller pågår",
  "Nothing to purge: no record of this tenant is past its retention period":
    "Ingenting å slette: ingen post hos denne partneren har passert lagringstiden",
  "No such legal hold": "Fant ikke det rettslige tilbakeholdet",
  "This legal hold was already released": "Dette tilbakeholdet er allerede opphevet",
  "The process carrying it out stopped; what was removed stays removed, the next purge goes on":
    "Prosessen som utførte den, stoppet; det som ble fjernet, forblir fjernet, og neste sletting fortsetter",
  "The server stopped between batches; the next purge goes on": "Serveren stoppet mellom to omganger; neste sletting fortsetter",
};

const PERIODS: [string, string][] = [
  ["The default period", "Standard lagringstid"],
  ["The shortest period", "Den korteste lagringstiden"],
  ["The longest period", "Den lengste lagringstiden"],
  ["The retention period", "Lagringstiden"],
];

export const retentionServerPatternsNb: [RegExp, string][] = [
  ...PERIODS.flatMap(([en, nb]): [RegExp, string][] => [
    [new RegExp(`^${en} must be a number of days$`), `${nb} må være et antall dager`],
    [new RegExp(`^${en} must be a whole number of days$`), `${nb} må være et helt antall dager`],
    [new RegExp(`^${en} must be at least (\\d+) days?$`), `${nb} må være minst $1 dag`],
    [new RegExp(`^${en} must be at most (\\d+) days$`), `${nb} kan være høyst $1 dager`],
  ]),
  [
    /^These tenants' periods are shorter than (\d+) days: (.+)\. Change their periods first\.$/,
    "Lagringstiden til disse partnerne er kortere enn $1 dager: $2. Endre lagringstiden deres først.",
  ],
  [
    /^These tenants' periods are longer than (\d+) days: (.+)\. Change their periods first\.$/,
    "Lagringstiden til disse partnerne er lengre enn $1 dager: $2. Endre lagringstiden deres først.",
  ],
  [
    /^The retention period must lie within the operator's limits: from (\d+) to (\d+) days$/,
    "Lagringstiden må ligge innenfor operatørens grenser: fra $1 til $2 dager",
  ],
  [
    /^The cutoff is later than (.+)'s retention period of (\d+) days allows: preview again$/,
    "Skjæringstidspunktet er senere enn lagringstiden på $2 dager hos $1 tillater: se forhåndsvisningen på nytt",
  ],
  [
    /^The numbers changed since the preview: (\d+) records would now be removed, not (\d+)\. Preview again\.$/,
    "Tallene har endret seg siden forhåndsvisningen: $1 poster ville nå bli fjernet, ikke $2. Se forhåndsvisningen på nytt.",
  ],
  [
    /^This tenant's consent records are under a legal hold placed on (\S+): “(.*)”\. Nothing was erased; the hold must be released first\.$/s,
    "Samtykkepostene til denne partneren er under et rettslig tilbakehold satt $1: «$2». Ingenting ble slettet; tilbakeholdet må oppheves først.",
  ],
  [
    /^This subject's consent records are under a legal hold placed on (\S+): “(.*)”\. Nothing was erased; the hold must be released first\.$/s,
    "Samtykkepostene til denne personen er under et rettslig tilbakehold satt $1: «$2». Ingenting ble slettet; tilbakeholdet må oppheves først.",
  ],
  [
    /^This record was removed by retention on (\S+): its content is gone, so there is nothing to pack\. Its place in the chain is kept and still verifies\.$/,
    "Denne posten ble slettet etter lagringstiden $1: innholdet er borte, så det er ingenting å pakke. Plassen i kjeden er beholdt og kan fortsatt bekreftes.",
  ],
  [/^Nothing was purged: (.+)$/, "Ingenting ble slettet: $1"],
];
