/**
 * Norwegian for what the email outbox schemas of @pc/shared and the server's outbox rules say
 * (merged into i18n/messages.ts), exact sentences and patterns that keep their values.
 */
export const emailOutboxServerMessagesNb: Record<string, string> = {
  "No such mail in the outbox": "Fant ikke e-posten i utboksen",
  "Unknown mail": "Ukjent e-post",
  "Unknown mail status": "Ukjent status for e-post",
  "Unknown kind of mail": "Ukjent type e-post",
  "At least one mail a page": "Minst én e-post per side",
  "This mail changed meanwhile; reload it": "E-posten er endret i mellomtiden; last den inn på nytt",
};

const STATUSES_NB: [string, string][] = [
  ["pending", "venter"],
  ["sending", "sendes"],
  ["sent", "er sendt"],
  ["cancelled", "er avbrutt"],
];

export const emailOutboxServerPatternsNb: [RegExp, string][] = [
  [/^At most (\d+) mails a page$/, "Høyst $1 e-poster per side"],
  ...STATUSES_NB.map(([en, nb]): [RegExp, string] => [
    new RegExp(`^Only a failed mail can be sent again; this one is ${en}$`),
    `Bare en mislykket e-post kan sendes på nytt; denne ${nb}`,
  ]),
];
