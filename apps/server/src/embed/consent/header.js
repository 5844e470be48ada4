/*!
 * Masterchannel consent banner for storefronts. Include it once per page:
 *
 *   <script src="https://<console>/embed/consent.js" data-tenant="<slug>" data-key="<publishable key>" async></script>
 *
 * Optional attributes: data-lang ("en" or "nb"; else the page's lang), data-banner-version.
 * Storefront CSP: script-src and connect-src must allow the console's origin; style-src needs
 * 'unsafe-inline' (the banner's styles are one <style> element).
 *
 * API: window.MasterchannelConsent
 *   .open()      opens the privacy settings (so does any element with data-mc-consent-settings)
 *   .get()       the visitor's current choice { purposes, action, consentId, policyVersion, at },
 *                or null (none yet, or not loaded yet)
 *   .withdraw()  withdraws consent: every opt-in purpose denied, recorded like any other choice
 * Events on document: "mc:consent" (detail { purposes, action, consentId, policyVersion }) after
 * each choice and once at load when a valid choice is stored; "mc:consent-recorded" (the ledger's
 * answer and the consentId); "mc:consent-error" ({ consentId, status, error }) when an event could
 * not be recorded.
 *
 * Storage: localStorage "mc-consent:<slug>" holds { subjectId, choice, outbox }, written only once
 * the visitor (or their browser's Global Privacy Control signal) has chosen. The banner asks again
 * when the stored choice names other purposes than the policy in force, or predates its re-consent
 * requirement (reconsent.since) or its latest material version (reconsentSince).
 *
 * Plain ES2019 without a build step: apps/server/src/embed/consent-script.ts joins the parts in
 * apps/server/src/embed/consent/ (this header first) inside one function, once at start-up.
 */
