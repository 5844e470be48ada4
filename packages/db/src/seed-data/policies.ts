/**
 * The demo's policy documents as plain data, loaded by the seed: the privacy policy the storefronts
 * show today (seed-data/privacy-policy-2026-02-12.txt) as version 1.0, an editorial 1.1, a material
 * 2.0 that adds opt-in product analytics a few weeks before "now" (so the demo shows a re-consent
 * wave), a one-version terms of service, and one tenant's addendum.
 *
 * The markdown is an operator template: partner and operator details are {{variables}}, filled in
 * per tenant when rendered. Purposes are data, not templates, so they name vendors literally.
 * Sections shared by several versions are written once below, so what each version changes is
 * visible here and not only in a diff.
 */
import type { PolicyKind, PolicyPurpose } from "@pc/shared";
import type { DemoTenantSlug } from "../seed.js";

/** When a seeded version takes effect: a fixed date, or a number of days before the seed runs. */
export type SeedPolicyEffective =
  | { effectiveFrom: string; effectiveDaysBeforeSeed?: undefined }
  | { effectiveDaysBeforeSeed: number; effectiveFrom?: undefined };

export type SeedPolicyVersion = SeedPolicyEffective & {
  /** The number publishing gives it (nextPolicyVersion over the versions before it). */
  version: string;
  /** Users must consent again. A first version is never material: there is nothing to consent to again. */
  material: boolean;
  /** For a material version, what users are told when asked to consent again. */
  changeSummary: string;
  title: string;
  /** Starts with a level-1 heading; uses only POLICY_VARIABLES. */
  markdown: string;
  purposes: PolicyPurpose[];
};

export interface SeedPolicyAddendum {
  tenantSlug: DemoTenantSlug;
  kind: PolicyKind;
  version: number;
  effectiveFrom: string;
  changeSummary: string;
  /** Appended below the template when rendered, so it starts at level 2. */
  markdown: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The effective time of a seeded version when the seed runs at `seededAt`. */
export function seedPolicyEffectiveFrom(version: SeedPolicyEffective, seededAt: Date): Date {
  if (version.effectiveFrom !== undefined) return new Date(version.effectiveFrom);
  return new Date(seededAt.getTime() - version.effectiveDaysBeforeSeed * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Consent purposes. Descriptions, vendors, destinations and retention follow the seed text where
// it states them; where it is silent the wording stays neutral.

const PREFERENCES: PolicyPurpose = {
  key: "preferences",
  name: "Preferences",
  description:
    "Saves essential preferences and settings, such as these privacy settings. Uses cookies and similar technologies required for these functions.",
  category: "strictly_necessary",
  // Remembering the visitor's privacy choices is what lets the Service demonstrate consent (GDPR Art. 7(1)).
  legalBasis: "6(1)(c)",
  vendor: { name: "Masterchannel", legalEntity: "Masterchannel AS" },
  transfer: { destination: "Your device (browser storage)", mechanism: "No transfer" },
  retention: "As long as needed to remember your settings",
  optIn: false,
};

const STRIPE_CHECKOUT: PolicyPurpose = {
  key: "stripe_checkout",
  name: "Stripe Checkout",
  description:
    "Completes purchases. Stripe only uses cookies and similar technologies when you start a checkout session, and your usage data, user ID, name and email address are only shared with Stripe Payments Europe Limited as part of payment processing.",
  category: "strictly_necessary",
  legalBasis: "6(1)(b)",
  vendor: { name: "Stripe", legalEntity: "Stripe Payments Europe, Ltd." },
  transfer: { destination: "USA", mechanism: "EU-US Data Privacy Framework" },
  retention: "As long as necessary to provide access to the Service and deliver purchased products or additional services",
  optIn: false,
};

const AUDIO_MASTERING_DATA: PolicyPurpose = {
  key: "audio_mastering_data",
  name: "Audio Mastering Data",
  description: "Performs AI mastering on your uploaded tracks. The data collected are the audio files themselves and their metadata.",
  category: "strictly_necessary",
  legalBasis: "6(1)(b)",
  vendor: { name: "Masterchannel", legalEntity: "Masterchannel AS" },
  transfer: { destination: "Masterchannel AS, Norway (EEA)", mechanism: "Within the EEA" },
  retention: "As long as necessary to provide access to the Service and deliver purchased products or additional services",
  optIn: false,
};

const TIDIO: PolicyPurpose = {
  key: "tidio",
  name: "Tidio Support Chat",
  description:
    "Lets you chat with support. Tidio uses cookies and similar technologies, and your usage data, user ID, name and email address are shared with Tidio LLC. No data is sent or stored before you consent, and you can opt out at any time.",
  category: "functional",
  legalBasis: "6(1)(a)",
  vendor: { name: "Tidio", legalEntity: "Tidio LLC" },
  transfer: { destination: "USA", mechanism: "EU-US Data Privacy Framework" },
  retention: "As long as needed to provide the support chat",
  optIn: true,
};

const PRODUCT_ANALYTICS: PolicyPurpose = {
  key: "product_analytics",
  name: "Product Analytics",
  description:
    "Counts pages visited and features used, so that we can see which parts of the Service work well and which need improvement. Uses Plausible Analytics, which sets no cookies, stores no IP addresses and keeps only aggregated statistics. Nothing is sent before you consent, and you can opt out at any time.",
  category: "analytics",
  legalBasis: "6(1)(a)",
  vendor: { name: "Plausible Analytics", legalEntity: "Plausible Insights OÜ" },
  transfer: { destination: "EEA (Germany)", mechanism: "Within the EEA (no transfer outside the EEA)" },
  retention: "Aggregated statistics only, not linked to any personal data; the daily visitor identifier is discarded after 24 hours",
  optIn: true,
};

// ---------------------------------------------------------------------------------------------
// Privacy policy sections.

const PRIVACY_TITLE = "Privacy Policy";

const PRIVACY_HEADER = `# Privacy Policy

Last Updated: {{policy.effectiveDate}} (version {{policy.version}})

This Privacy Policy (“Policy”) governs the collection, use, and disclosure of personal and anonymous data when using the white-labelled online mastering service (“Service”) offered through one of our partners, {{partner.legalName}} (“Partner”), but powered by {{operator.legalName}} (“Operator”). By using the Service, you (“User”) agree to the practices described in this Policy.`;

const PERSONAL_DATA = `## Collection and Use of Personal Data

Personal data provided during the use of the Service, including but not limited to name, email address, and billing information, will be collected and stored solely by Stripe, the payment provider, to fulfill the order for purchased products or additional services.

Data transmission to and from Stripe is protected using industry-standard TLS encryption to ensure the security of personal data during payment processing.

Personal data will not be used for any purposes other than providing access to the Service and delivering purchased products or additional services. This includes communication, e.g., by email, regarding the delivery of purchased products or additional services.`;

const TRACKING_DATA_V1 = `## Collection and Use of Anonymous Tracking Data

The Service collects anonymous tracking data to improve its functionality and user experience.

Anonymous tracking data includes information about User interactions with the Service, such as pages visited, features used, and other non-personal data.

The sole purpose of collecting anonymous tracking data is to monitor and analyze Service usage patterns, identify areas for improvement, and enhance the overall Service performance.

Anonymous tracking data will not be used to personally identify Users and will not be linked to any personal data provided by Users.`;

const TRACKING_DATA_V2 = `## Collection and Use of Anonymous Tracking Data

With your consent, the Service collects anonymous tracking data to improve its functionality and user experience (“Product Analytics”, described under Analytics below).

Anonymous tracking data includes information about User interactions with the Service, such as pages visited, features used, and other non-personal data.

The sole purpose of collecting anonymous tracking data is to monitor and analyze Service usage patterns, identify areas for improvement, and enhance the overall Service performance.

Anonymous tracking data will not be used to personally identify Users and will not be linked to any personal data provided by Users.

Product Analytics is off until you turn it on in the privacy settings, and you can withdraw your consent at any time with effect for the future.`;

const cookies = (firstSentence: string) => `## Cookies and Similar Technologies

${firstSentence}

Cookies are small text files that are placed on your device when you visit a website. They are widely used to make websites work or improve the efficiency of a website. Cookies help with functionality, security, and analytics.

Users have the option to modify their browser settings to refuse cookies or provide alerts when cookies are being sent. However, disabling cookies may affect certain features and functionality of the Service.`;

// The seed reads "We use cookies on this service the Service …": a leftover edit, fixed here.
const COOKIES_V1 = cookies("We use cookies on the Service to enhance user experience and collect anonymous tracking data.");
const COOKIES_V2 = cookies(
  "We use cookies and similar technologies on the Service to enhance user experience. Anonymous tracking data is collected only with your consent (see Analytics below).",
);

const COOKIE_TYPES_INTRO = `## Types of Cookies We Use

We categorize our cookies into the following groups based on their function and whether they are strictly necessary for the Service.`;

const strictlyNecessary = (legalBasis: string) => `### Strictly Necessary Cookies

These are essential for the website to function and cannot be switched off in our systems. The legal basis for this is ${legalBasis}. These include:

- **Preferences:** Strictly necessary to save essential preferences and settings, such as these privacy settings. Uses cookies and similar technologies required for these functions.
- **Stripe Checkout:** Strictly necessary to complete purchases. Stripe only uses cookies and similar technologies when you start a checkout session, and your usage data, user ID, name, and email address are only shared with Stripe Payments Europe Limited as part of payment processing. Your data is typically transmitted to a server in the USA and saved there. Stripe Payments Europe Limited certifies compliance with the principles of the EU-US data protection agreement “Data Privacy Framework” and thus an adequate level of protection for data processing is ensured. For more information on data protection from Stripe, see <https://stripe.com/privacy>.
- **Audio Mastering Data:** Strictly necessary to perform AI mastering on your uploaded tracks. The data we collect are the audio files themselves and their metadata.`;

const functional = (legalBasis: string) => `### Functional & Performance Cookies

These enhance your experience but are not strictly required for the site to load.

- **Tidio Support Chat:** Lets you chat with support. Tidio uses cookies and similar technologies, and your usage data, user ID, name, and email address are shared with Tidio LLC. No data is sent or stored before you consent, and you can opt out at any time. Disabling this setting will reload the page. The legal basis for this is ${legalBasis}. Your data is typically transmitted to a server in the USA and saved there. Tidio LLC certifies compliance with the principles of the EU-US data protection agreement “Data Privacy Framework” and thus an adequate level of protection for data processing is ensured. For more information on data protection from Tidio, see <https://www.tidio.com/privacy-policy/>.`;

const STRICTLY_NECESSARY_V1 = strictlyNecessary("Art. 6.1.b and c, GDPR");
const STRICTLY_NECESSARY_V1_1 = strictlyNecessary("GDPR Art. 6(1)(b) and (c)");
const FUNCTIONAL_V1 = functional("Art. 6.1.a GDPR");
const FUNCTIONAL_V1_1 = functional("GDPR Art. 6(1)(a)");

const ANALYTICS_V2 = `### Analytics

These help us understand how the Service is used. They run only if you consent.

- **Product Analytics:** Counts pages visited and features used, so that we can see which parts of the Service work well and which need improvement. It uses Plausible Analytics, provided by Plausible Insights OÜ, Estonia. Plausible Analytics sets no cookies and stores no IP addresses: it recognises a visit only by an identifier derived from your IP address and browser that changes every day and is discarded after 24 hours, and it keeps only aggregated statistics. Your data is processed on servers in the EU (Germany) and is not transferred outside the EEA. No data is sent before you consent, and you can opt out at any time. The legal basis for this is GDPR Art. 6(1)(a). For more information on data protection from Plausible, see <https://plausible.io/data-policy>.`;

const THIRD_PARTY = `## Third-Party Services

The Service may contain links to third-party websites or services for additional functionalities or references.

This Privacy Policy does not govern the data practices of third-party websites or services. Users are encouraged to review the privacy policies of such third parties before interacting with them.`;

const retention = (trackingData: string) => `## Data Retention

Personal data collected by us and Stripe for order fulfillment will be retained for as long as necessary to provide access to the Service and deliver purchased products or additional services.

${trackingData}`;

const RETENTION_V1 = retention(
  "Anonymous tracking data will be retained for analytical purposes, but it will not be linked to any personal data.",
);
const RETENTION_V2 = retention(
  "Product Analytics keeps only aggregated statistics, retained for analytical purposes and not linked to any personal data; the daily visitor identifier is discarded after 24 hours.",
);

const SECURITY = `## Data Security

{{partner.name}} and {{operator.legalName}} employ reasonable and appropriate technical and organizational measures to protect personal data from unauthorized access, loss, misuse, or alteration.

However, no data transmission over the internet or storage system can be guaranteed to be 100% secure. Users acknowledge that any information provided to the Service is done at their own risk.`;

const children = (contact: string) => `## Children’s Privacy

The Service is not intended for use by children under the age of 13. We do not knowingly collect personal data from children under 13. If you are a parent or guardian and believe that your child has provided personal data on the Service, please contact ${contact} to have the data removed.`;

const CHILDREN_V1 = children("us at {{operator.supportEmail}}");
const CHILDREN_V1_1 = children(
  "{{partner.name}} at {{partner.supportEmail}} or the privacy team of {{operator.name}} at {{operator.supportEmail}}",
);

const CHANGES = `## Changes to the Privacy Policy

{{partner.name}} and {{operator.legalName}} reserve the right to update or modify this Privacy Policy at any time without prior notice.

Users will be informed of any material changes to this Policy by posting the updated version on the Service or through other reasonable means.`;

const CONTACT_V1 = `## Contact Information

For any questions, concerns, or inquiries regarding this Privacy Policy or data practices, please contact the privacy team at {{operator.supportEmail}}.`;

const CONTACT_V1_1 = `## Contact Information

For any questions, concerns, or inquiries regarding this Privacy Policy or data practices, please contact {{partner.name}} at {{partner.supportEmail}}, or the privacy team of {{operator.name}} at {{operator.supportEmail}}.

- Partner: {{partner.legalName}}, {{partner.legalAddress}}, {{partner.supportEmail}}
- Operator: {{operator.legalName}}, {{operator.supportEmail}}`;

const CLOSING =
  "By using the Service, you acknowledge that you have read, understood, and agree to this Privacy Policy and the data practices described herein.";

const document = (...sections: string[]) => `${sections.join("\n\n")}\n`;

export const PRIVACY_POLICY_VERSIONS: SeedPolicyVersion[] = [
  {
    version: "1.0",
    material: false,
    effectiveFrom: "2026-02-12T00:00:00Z",
    changeSummary: "First version: the privacy policy the storefronts show from 12 February 2026.",
    title: PRIVACY_TITLE,
    markdown: document(
      PRIVACY_HEADER,
      PERSONAL_DATA,
      TRACKING_DATA_V1,
      COOKIES_V1,
      COOKIE_TYPES_INTRO,
      STRICTLY_NECESSARY_V1,
      FUNCTIONAL_V1,
      THIRD_PARTY,
      RETENTION_V1,
      SECURITY,
      CHILDREN_V1,
      CHANGES,
      CONTACT_V1,
      CLOSING,
    ),
    purposes: [PREFERENCES, STRIPE_CHECKOUT, AUDIO_MASTERING_DATA, TIDIO],
  },
  {
    version: "1.1",
    material: false,
    effectiveFrom: "2026-04-15T00:00:00Z",
    changeSummary:
      "Clarifies the contact details: questions, and requests to remove a child’s data, can also go to the storefront’s own support address, and the contact section lists the partner’s legal name and address. Legal bases are written as GDPR Art. 6(1)(a), (b) and (c). No purpose or processing changes.",
    title: PRIVACY_TITLE,
    markdown: document(
      PRIVACY_HEADER,
      PERSONAL_DATA,
      TRACKING_DATA_V1,
      COOKIES_V1,
      COOKIE_TYPES_INTRO,
      STRICTLY_NECESSARY_V1_1,
      FUNCTIONAL_V1_1,
      THIRD_PARTY,
      RETENTION_V1,
      SECURITY,
      CHILDREN_V1_1,
      CHANGES,
      CONTACT_V1_1,
      CLOSING,
    ),
    purposes: [PREFERENCES, STRIPE_CHECKOUT, AUDIO_MASTERING_DATA, TIDIO],
  },
  {
    version: "2.0",
    material: true,
    effectiveDaysBeforeSeed: 21,
    changeSummary:
      "We would like to measure how the service is used so we can improve it: a new, optional Product Analytics setting uses Plausible Analytics (Plausible Insights OÜ), which sets no cookies and keeps the data in the EU. It stays off unless you turn it on, and you can change your choice at any time.",
    title: PRIVACY_TITLE,
    markdown: document(
      PRIVACY_HEADER,
      PERSONAL_DATA,
      TRACKING_DATA_V2,
      COOKIES_V2,
      COOKIE_TYPES_INTRO,
      STRICTLY_NECESSARY_V1_1,
      FUNCTIONAL_V1_1,
      ANALYTICS_V2,
      THIRD_PARTY,
      RETENTION_V2,
      SECURITY,
      CHILDREN_V1_1,
      CHANGES,
      CONTACT_V1_1,
      CLOSING,
    ),
    purposes: [PREFERENCES, STRIPE_CHECKOUT, AUDIO_MASTERING_DATA, TIDIO, PRODUCT_ANALYTICS],
  },
];

// ---------------------------------------------------------------------------------------------
// Terms of service: one version, no purposes.

const TERMS_OF_SERVICE_1_0 = `# Terms of Service

Effective: {{policy.effectiveDate}} (version {{policy.version}})

These Terms of Service (“Terms”) govern your use of the online AI audio-mastering service (“Service”) sold by {{partner.legalName}}, {{partner.legalAddress}} (“{{partner.name}}”, “we”, “us”), and powered by {{operator.legalName}} (“Operator”). By uploading a track or buying a mastering, you (“User”, “you”) accept these Terms.

## 1. The Service

The Service masters audio tracks you upload with software developed and run by {{operator.name}}: it analyses each track and produces a mastered version for you to download. {{partner.name}} sells the Service to you and is your contracting party; {{operator.name}} provides the technology on behalf of {{partner.name}}.

## 2. Who May Use the Service

You must be at least 13 years old to use the Service. If you are under the age of majority where you live, you may only buy with the permission of a parent or guardian. If you use the Service for a business, you confirm that you may bind that business to these Terms.

## 3. Your Tracks

- You keep all rights in the tracks you upload and in their mastered versions.
- You grant {{partner.name}} and {{operator.name}} a non-exclusive, worldwide, royalty-free licence to store, process and transmit your tracks only as needed to provide the Service to you.
- You confirm that you own the tracks or hold the rights needed to have them mastered, and that they do not infringe the rights of anyone else.
- Uploaded tracks and their metadata are handled as described in the Privacy Policy.

## 4. Prices and Payment

Prices are shown on the storefront before you buy, per track or as a bundle of tracks, in the currency shown and stating whether taxes are included. Payment is processed by Stripe through Stripe Checkout; {{partner.name}} does not see or store your card details. A bundle gives you the number of masterings stated when you buy it.

## 5. Delivery and Right of Withdrawal

A mastering is digital content, supplied as soon as processing starts. If you are a consumer in the EEA, you have a right to withdraw from a purchase within 14 days. By asking for a mastering to start straight away, you expressly agree that supply begins within the withdrawal period and acknowledge that you lose the right of withdrawal once it has begun. If a mastering fails or the delivered file is defective, write to {{partner.supportEmail}} and we will run it again or refund the price of that mastering.

## 6. Acceptable Use

You must not:

- upload content that is unlawful or that you do not have the rights to;
- interfere with, overload, or try to reverse engineer the Service;
- access the Service by automated means other than those we offer;
- resell the Service without the written agreement of {{partner.name}}.

We may suspend access that breaks these rules, and will tell you why.

## 7. Results

Mastering is done by AI software. Results depend on the source material and are partly a matter of taste, and we do not guarantee that a mastered track meets a particular loudness, sound, or the requirements of a particular distributor or platform. Please check each mastered track before you publish it.

## 8. Availability and Changes to the Service

We aim to keep the Service available but cannot promise that it is never interrupted. We may change or improve features. If we discontinue the Service, we will give reasonable notice and refund masterings you have paid for but not used.

## 9. Liability

Nothing in these Terms limits liability that cannot be limited by law, including your rights as a consumer and liability for intent or gross negligence. Otherwise, the total liability of {{partner.name}} under these Terms is limited to the amount you paid for the Service in the 12 months before the claim, and neither {{partner.name}} nor {{operator.name}} is liable for indirect or consequential loss, such as lost profits. Keep copies of your original tracks.

## 10. Privacy

How personal data is handled is described in the Privacy Policy on this storefront.

## 11. Changes to These Terms

We may update these Terms. The version and effective date are shown at the top. We will tell you of material changes before they take effect, and the Terms in force when you bought a mastering apply to that purchase.

## 12. Governing Law

These Terms are governed by the law of the country where {{partner.legalName}} is established. If you are a consumer, you keep the protection of the mandatory consumer law of the country where you live and may bring a claim in its courts.

## 13. Contact

{{partner.legalName}}, {{partner.legalAddress}}, {{partner.supportEmail}}
`;

export const TERMS_OF_SERVICE_VERSIONS: SeedPolicyVersion[] = [
  {
    version: "1.0",
    material: false,
    effectiveFrom: "2026-02-12T00:00:00Z",
    changeSummary: "First version of the terms of service.",
    title: "Terms of Service",
    markdown: TERMS_OF_SERVICE_1_0,
    purposes: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Tenant addenda: Northwave's newsletter, which is not part of the Service.

export const DEMO_ADDENDA: SeedPolicyAddendum[] = [
  {
    tenantSlug: "northwave",
    kind: "privacy",
    version: 1,
    effectiveFrom: "2026-03-02T00:00:00Z",
    changeSummary: "Explains that the Northwave Records newsletter is separate from the Service.",
    markdown: `## {{partner.name}} Addendum

This addendum is added by {{partner.legalName}} and applies in addition to the Privacy Policy above.

### Our Newsletter Is Separate

The {{partner.name}} newsletter is not part of the Service. If you sign up for it, {{partner.legalName}} processes your email address for that purpose on the basis of your consent (GDPR Art. 6(1)(a)), separately from the Service and its privacy settings.

- Buying a mastering or using the Service never signs you up for the newsletter.
- {{operator.name}} does not receive or process newsletter data.
- You can unsubscribe at any time through the link in every newsletter, or by writing to {{partner.supportEmail}}.
`,
  },
];
