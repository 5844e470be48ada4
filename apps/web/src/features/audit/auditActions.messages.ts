/**
 * What each audit action the console records means, for people, in English and Norwegian bokmål
 * (merged into the app's resources as `audit.actions`, in i18n/en.ts and nb.ts). Nested by the
 * action's prefix, so `audit.actions.branding.publish` is the label of `branding.publish`; the
 * keys are also the filter's list of known actions. Actions of three parts nest one level more
 * (`ledger.key.rotate`). The server's list: grep `action: "` in apps/server/src.
 */
export const auditActionsEn = {
  addenda: {
    save_draft: "Policy addendum draft saved",
    discard_draft: "Policy addendum draft discarded",
    request_approval: "Policy addendum sent for approval",
    approve: "Policy addendum approved and published",
    reject: "Policy addendum sent back",
  },
  auth: {
    login: "Signed in",
    login_failed: "Sign-in failed",
  },
  branding: {
    save_draft: "Branding draft saved",
    discard_draft: "Branding draft discarded",
    publish: "Branding published or scheduled",
    rollback: "Branding rolled back",
    cancel_scheduled: "Scheduled branding withdrawn",
    set_powered_by: "“Powered by Masterchannel” switched",
    upload_asset: "Logo or favicon uploaded",
  },
  consent: {
    export: "Consent records exported",
    view_subject: "Consent records of a subject viewed by staff",
    evidence_pack: "Consent evidence pack downloaded",
  },
  domains: {
    add: "Custom domain added",
    check: "Custom domain checked",
    remove: "Custom domain removed",
  },
  earnings: {
    create_account: "Stripe account created for payouts",
  },
  email: {
    retry: "Failed mail sent again",
  },
  invitation: {
    accept: "Invitation accepted",
    revoke: "Invitation revoked",
  },
  ledger: {
    key: {
      rotate: "Consent publishable key rotated",
      expire: "Old consent key ended early",
    },
    limits: {
      update: "Consent ingestion limits changed",
      reset: "Consent ingestion limits reset to the defaults",
    },
    dev_origin: {
      add: "Consent development origin added",
      remove: "Consent development origin removed",
    },
  },
  payouts: {
    hold: "Partner’s payouts held",
    release: "Partner’s payouts released",
    export: "Payouts exported (CSV)",
  },
  policies: {
    save_draft: "Policy draft saved",
    discard_draft: "Policy draft discarded",
    request_approval: "Policy sent for approval",
    approve: "Policy version approved",
    reject_approval: "Policy approval refused",
    publish: "Policy version published or scheduled",
    retire: "Policy version retired",
  },
  prices: {
    save_draft: "Price draft saved",
    discard_draft: "Price draft discarded",
    publish: "Prices published or scheduled",
    rollback: "Prices rolled back",
    cancel_scheduled: "Scheduled prices withdrawn",
    set_revenue_share: "Revenue share changed",
    request_revenue_share: "Revenue share change requested",
    approve_revenue_share: "Revenue share change approved and published",
    reject_revenue_share: "Revenue share change rejected",
    withdraw_revenue_share: "Revenue share change request withdrawn",
  },
  sales: {
    export: "Sales exported (CSV)",
  },
  session: {
    revoke: "Session ended",
    revoke_all: "All of a user’s sessions ended",
    revoke_others: "Other sessions ended",
  },
  staff: {
    switch_tenant: "Staff switched tenant",
  },
  stripe_events: {
    replay: "Stripe webhook event replayed",
  },
  subject_request: {
    file: "Data-subject request filed",
    verify_identity: "Data-subject request: identity verified",
    start: "Data-subject request started",
    complete: "Data-subject request completed (erasure or access carried out)",
    reject: "Data-subject request rejected",
    download: "Data-subject request receipt or export downloaded",
  },
  team: {
    change_role: "Team member’s role changed",
    remove: "Team member removed",
  },
  tenant: {
    create: "Tenant created",
    reactivate: "Tenant reactivated",
    suspend: "Tenant suspended",
  },
  user: {
    change_password: "Password changed",
    change_role: "Operator role changed",
    invite: "User invited",
  },
};

export const auditActionsNb: typeof auditActionsEn = {
  addenda: {
    save_draft: "Utkast til tillegg lagret",
    discard_draft: "Utkast til tillegg forkastet",
    request_approval: "Tillegg sendt til godkjenning",
    approve: "Tillegg godkjent og publisert",
    reject: "Tillegg sendt tilbake",
  },
  auth: {
    login: "Logget inn",
    login_failed: "Mislykket innlogging",
  },
  branding: {
    save_draft: "Utkast til merkevare lagret",
    discard_draft: "Utkast til merkevare forkastet",
    publish: "Merkevare publisert eller planlagt",
    rollback: "Merkevare rullet tilbake",
    cancel_scheduled: "Planlagt merkevare trukket tilbake",
    set_powered_by: "«Powered by Masterchannel» endret",
    upload_asset: "Logo eller favikon lastet opp",
  },
  consent: {
    export: "Samtykkeoppføringer eksportert",
    view_subject: "Samtykkeoppføringer for en registrert vist av ansatte",
    evidence_pack: "Bevispakke for samtykker lastet ned",
  },
  domains: {
    add: "Eget domene lagt til",
    check: "Eget domene sjekket",
    remove: "Eget domene fjernet",
  },
  earnings: {
    create_account: "Stripe-konto opprettet for utbetalinger",
  },
  email: {
    retry: "Mislykket e-post sendt på nytt",
  },
  invitation: {
    accept: "Invitasjon godtatt",
    revoke: "Invitasjon trukket tilbake",
  },
  ledger: {
    key: {
      rotate: "Publiserbar samtykkenøkkel rotert",
      expire: "Gammel samtykkenøkkel avsluttet før tiden",
    },
    limits: {
      update: "Grenser for innsending av samtykke endret",
      reset: "Grenser for innsending av samtykke satt tilbake til standard",
    },
    dev_origin: {
      add: "Utviklingsopphav for samtykke lagt til",
      remove: "Utviklingsopphav for samtykke fjernet",
    },
  },
  payouts: {
    hold: "Utbetalinger til partner holdt tilbake",
    release: "Utbetalinger til partner frigitt",
    export: "Utbetalinger eksportert (CSV)",
  },
  policies: {
    save_draft: "Dokumentutkast lagret",
    discard_draft: "Dokumentutkast forkastet",
    request_approval: "Dokument sendt til godkjenning",
    approve: "Dokumentversjon godkjent",
    reject_approval: "Godkjenning av dokument avslått",
    publish: "Dokumentversjon publisert eller planlagt",
    retire: "Dokumentversjon avviklet",
  },
  prices: {
    save_draft: "Utkast til priser lagret",
    discard_draft: "Utkast til priser forkastet",
    publish: "Priser publisert eller planlagt",
    rollback: "Priser rullet tilbake",
    cancel_scheduled: "Planlagte priser trukket tilbake",
    set_revenue_share: "Inntektsandel endret",
    request_revenue_share: "Endring av inntektsandel forespurt",
    approve_revenue_share: "Endring av inntektsandel godkjent og publisert",
    reject_revenue_share: "Endring av inntektsandel avvist",
    withdraw_revenue_share: "Forespørsel om endring av inntektsandel trukket tilbake",
  },
  sales: {
    export: "Salg eksportert (CSV)",
  },
  session: {
    revoke: "Økt avsluttet",
    revoke_all: "Alle øktene til en bruker avsluttet",
    revoke_others: "Andre økter avsluttet",
  },
  staff: {
    switch_tenant: "Ansatt byttet partner",
  },
  stripe_events: {
    replay: "Stripe-webhookhendelse spilt av på nytt",
  },
  subject_request: {
    file: "Forespørsel fra registrert mottatt",
    verify_identity: "Forespørsel fra registrert: identitet bekreftet",
    start: "Forespørsel fra registrert påbegynt",
    complete: "Forespørsel fra registrert fullført (sletting eller innsyn utført)",
    reject: "Forespørsel fra registrert avvist",
    download: "Kvittering eller eksport for forespørsel lastet ned",
  },
  team: {
    change_role: "Rollen til et teammedlem endret",
    remove: "Teammedlem fjernet",
  },
  tenant: {
    create: "Partner opprettet",
    reactivate: "Partner aktivert igjen",
    suspend: "Partner suspendert",
  },
  user: {
    change_password: "Passord byttet",
    change_role: "Operatørrolle endret",
    invite: "Bruker invitert",
  },
};

/** "branding.publish", "ledger.key.rotate" and the rest: the dotted paths to every label. */
type LabelPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${LabelPaths<T[K]>}` }[keyof T & string];
export type KnownAuditAction = LabelPaths<typeof auditActionsEn>;

function labelPaths(labels: object, prefix = ""): string[] {
  return Object.entries(labels).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : labelPaths(value as object, `${prefix}${key}.`),
  );
}

export const KNOWN_AUDIT_ACTIONS = labelPaths(auditActionsEn) as KnownAuditAction[];

export function isKnownAuditAction(action: string): action is KnownAuditAction {
  return (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action);
}
