// A connected account's state in plain words, for the Connect onboarding card: what state it is in,
// what Stripe still needs (grouped into items a person can act on), by when, and what stops (or has
// stopped) without it.
//
// The fields mirror Stripe's `account.requirements` (from Stripe's API reference): `currently_due`
// must be provided by `current_deadline` to keep the account enabled; what is not provided in time
// moves to `past_due` and the account is disabled (`disabled_reason` "requirements.past_due");
// `pending_verification` is what Stripe is still checking; `eventually_due` is needed only when
// later thresholds are reached, so it is not listed as due here. Which capability Stripe pauses
// when a deadline passes depends on the requirement, so before the deadline the wording says
// payments and payouts *may* be paused; afterwards it says what the flags show has stopped.

import type { Bilingual } from "./payout-failures.js";
import { requirementGroup } from "./requirement-labels.js";

export interface ConnectAccountSnapshot {
  readonly chargesEnabled: boolean;
  readonly payoutsEnabled: boolean;
  readonly detailsSubmitted: boolean;
  readonly requirements: {
    readonly currentlyDue: readonly string[];
    readonly pastDue: readonly string[];
    readonly eventuallyDue: readonly string[];
    /** Unix seconds, as Stripe sends it. */
    readonly currentDeadline: number | null;
    readonly disabledReason: string | null;
    readonly pendingVerification?: readonly string[];
  };
}

export type ConnectAccountState = "not_connected" | "onboarding_incomplete" | "restricted" | "pending_verification" | "active";

export interface DueRequirement {
  /** The item's code: a Stripe requirement code, or its group ("individual.dob" for dob.day/month/year). */
  readonly code: string;
  readonly label: Bilingual;
  /** True when any of the item's codes is past due. */
  readonly pastDue: boolean;
}

export interface ConnectAccountSummary {
  readonly state: ConnectAccountState;
  readonly headline: Bilingual;
  readonly chargesEnabled: boolean;
  readonly payoutsEnabled: boolean;
  /** Past-due items first, then the rest of what is currently due, each item once. */
  readonly due: readonly DueRequirement[];
  readonly deadline: Date | null;
  /** Something is past due, or the deadline has passed with something still due. */
  readonly overdue: boolean;
  /** What stops if the deadline is missed, or what has stopped; null when nothing is at stake. */
  readonly consequence: Bilingual | null;
}

export interface DescribeAccountOptions {
  /** Time zone for the deadline's date in `consequence` (default UTC); `deadline` itself is exact. */
  readonly timeZone?: string;
}

const HEADLINES = {
  not_connected: { en: "No Stripe account connected", nb: "Ingen Stripe-konto er koblet til" },
  onboarding_incomplete: { en: "Stripe onboarding is not finished", nb: "Registreringen hos Stripe er ikke fullført" },
  pending_verification: { en: "Stripe is verifying the details", nb: "Stripe kontrollerer opplysningene" },
  active: { en: "Active: ready for payments and payouts", nb: "Aktiv: klar for betalinger og utbetalinger" },
  activeWithDue: { en: "Active, but Stripe needs more information", nb: "Aktiv, men Stripe trenger flere opplysninger" },
  overdue: { en: "Restricted: information is overdue", nb: "Begrenset: opplysninger er ikke sendt inn i tide" },
  rejected: { en: "Restricted: Stripe has rejected the account", nb: "Begrenset: Stripe har avvist kontoen" },
  review: { en: "Restricted: Stripe is reviewing the account", nb: "Begrenset: Stripe gjennomgår kontoen" },
  paused: { en: "Restricted: the platform has paused the account", nb: "Begrenset: plattformen har satt kontoen på pause" },
  restricted: { en: "Restricted", nb: "Begrenset" },
} as const satisfies Record<string, Bilingual>;

function restrictedHeadline(overdue: boolean, disabledReason: string | null): Bilingual {
  if (overdue) return HEADLINES.overdue;
  if (disabledReason?.startsWith("rejected.")) return HEADLINES.rejected;
  if (disabledReason === "under_review" || disabledReason === "listed") return HEADLINES.review;
  if (disabledReason === "platform_paused") return HEADLINES.paused;
  return HEADLINES.restricted;
}

function dueItems(currentlyDue: readonly string[], pastDue: readonly string[]): DueRequirement[] {
  const items = new Map<string, DueRequirement>();
  const add = (code: string, isPastDue: boolean) => {
    const group = requirementGroup(code);
    const known = items.get(group.code);
    items.set(group.code, { code: group.code, label: group.label, pastDue: isPastDue || (known?.pastDue ?? false) });
  };
  for (const code of pastDue) add(code, true);
  for (const code of currentlyDue) add(code, false);
  return [...items.values()];
}

function formatDate(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(date);
}

// What the flags show has stopped, in both word orders Norwegian needs (after a leading clause the
// verb comes first: "Til …, er utbetalinger satt på pause").
function stopped(chargesEnabled: boolean, payoutsEnabled: boolean) {
  if (!chargesEnabled && !payoutsEnabled) {
    return {
      en: "payments and payouts are paused.",
      nb: "Betalinger og utbetalinger er satt på pause.",
      nbInverted: "er betalinger og utbetalinger satt på pause.",
      more: null,
    };
  }
  if (!chargesEnabled) {
    return {
      en: "payments are paused.",
      nb: "Betalinger er satt på pause.",
      nbInverted: "er betalinger satt på pause.",
      more: { en: "Payouts of the existing balance continue.", nb: "Saldoen som allerede er opptjent, blir fortsatt utbetalt." },
    };
  }
  return {
    en: "payouts are paused.",
    nb: "Utbetalinger er satt på pause.",
    nbInverted: "er utbetalinger satt på pause.",
    more: {
      en: "Payments still go through, and the money stays in the Stripe balance.",
      nb: "Betalinger går fortsatt gjennom, og pengene blir stående i Stripe-saldoen.",
    },
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface ConsequenceInput {
  readonly state: ConnectAccountState;
  readonly chargesEnabled: boolean;
  readonly payoutsEnabled: boolean;
  readonly anyDue: boolean;
  readonly overdue: boolean;
  readonly deadline: Date | null;
  readonly timeZone: string;
}

function consequence({ state, chargesEnabled, payoutsEnabled, anyDue, overdue, deadline, timeZone }: ConsequenceInput): Bilingual | null {
  if (state === "not_connected") return null;
  const byDeadline = deadline && {
    en: `by ${formatDate(deadline, "en-GB", timeZone)}`,
    nb: `innen ${formatDate(deadline, "nb-NO", timeZone)}`,
  };
  if (chargesEnabled && payoutsEnabled) {
    if (!anyDue) return null;
    if (overdue) {
      return {
        en: "The deadline has passed: Stripe may pause payments and payouts at any time until the information is provided.",
        nb: "Fristen har gått ut: Stripe kan når som helst sette betalinger og utbetalinger på pause til opplysningene er sendt inn.",
      };
    }
    return byDeadline
      ? {
          en: `If the information is not provided ${byDeadline.en}, Stripe may pause payments and payouts.`,
          nb: `Hvis opplysningene ikke er sendt inn ${byDeadline.nb}, kan Stripe sette betalinger og utbetalinger på pause.`,
        }
      : {
          en: "If the information is not provided, Stripe may later pause payments and payouts.",
          nb: "Hvis opplysningene ikke blir sendt inn, kan Stripe senere sette betalinger og utbetalinger på pause.",
        };
  }
  const what = stopped(chargesEnabled, payoutsEnabled);
  const lead: Bilingual | null =
    state === "onboarding_incomplete"
      ? { en: "Until onboarding is finished, ", nb: "Til registreringen er fullført, " }
      : overdue
        ? { en: "Until the overdue information is provided, ", nb: "Til de manglende opplysningene er sendt inn, " }
        : state === "pending_verification"
          ? { en: "While Stripe verifies the details, ", nb: "Mens Stripe kontrollerer opplysningene, " }
          : null;
  const sentences: Bilingual[] = [
    lead ? { en: lead.en + what.en, nb: lead.nb + what.nbInverted } : { en: capitalise(what.en), nb: what.nb },
  ];
  if (what.more) sentences.push(what.more);
  // One capability still works: say that missing the deadline may stop it too.
  if (anyDue && !overdue && byDeadline && state !== "onboarding_incomplete") {
    sentences.push(
      chargesEnabled
        ? {
            en: `If the information is not provided ${byDeadline.en}, Stripe may pause payments too.`,
            nb: `Hvis opplysningene ikke er sendt inn ${byDeadline.nb}, kan Stripe også sette betalinger på pause.`,
          }
        : {
            en: `If the information is not provided ${byDeadline.en}, Stripe may pause payouts too.`,
            nb: `Hvis opplysningene ikke er sendt inn ${byDeadline.nb}, kan Stripe også sette utbetalinger på pause.`,
          },
    );
  }
  return { en: sentences.map((s) => s.en).join(" "), nb: sentences.map((s) => s.nb).join(" ") };
}

/** The onboarding card's summary of `snapshot` (null: no connected account) as of `now`. */
export function describeAccountState(
  snapshot: ConnectAccountSnapshot | null,
  now: Date,
  { timeZone = "UTC" }: DescribeAccountOptions = {},
): ConnectAccountSummary {
  if (!snapshot) {
    return {
      state: "not_connected",
      headline: HEADLINES.not_connected,
      chargesEnabled: false,
      payoutsEnabled: false,
      due: [],
      deadline: null,
      overdue: false,
      consequence: null,
    };
  }
  const { chargesEnabled, payoutsEnabled, detailsSubmitted, requirements } = snapshot;
  const { currentlyDue, pastDue, currentDeadline, disabledReason, pendingVerification = [] } = requirements;
  const due = dueItems(currentlyDue, pastDue);
  const deadline = currentDeadline === null ? null : new Date(currentDeadline * 1000);
  const deadlinePassed = deadline !== null && now.getTime() >= deadline.getTime() && currentlyDue.length > 0;
  const overdue = pastDue.length > 0 || disabledReason === "requirements.past_due" || deadlinePassed;
  const disabled = !chargesEnabled || !payoutsEnabled;

  let state: ConnectAccountState;
  let headline: Bilingual;
  if (!detailsSubmitted) {
    [state, headline] = ["onboarding_incomplete", HEADLINES.onboarding_incomplete];
  } else if (overdue && (disabled || pastDue.length > 0)) {
    [state, headline] = ["restricted", restrictedHeadline(true, disabledReason)];
  } else if (
    disabledReason === "requirements.pending_verification" ||
    (disabled && disabledReason === null && pendingVerification.length > 0 && currentlyDue.length === 0)
  ) {
    [state, headline] = ["pending_verification", HEADLINES.pending_verification];
  } else if (disabled || disabledReason !== null) {
    [state, headline] = ["restricted", restrictedHeadline(false, disabledReason)];
  } else {
    [state, headline] = ["active", due.length > 0 ? HEADLINES.activeWithDue : HEADLINES.active];
  }

  return {
    state,
    headline,
    chargesEnabled,
    payoutsEnabled,
    due,
    deadline,
    overdue,
    consequence: consequence({ state, chargesEnabled, payoutsEnabled, anyDue: due.length > 0, overdue, deadline, timeZone }),
  };
}
