/** To a tenant's admins: the operator published a material change of a policy template. */
import type { EmailBrand } from "../brand.js";
import { formatMailDate, type RenderedEmail, renderEmail } from "./layout.js";

export interface PolicyMaterialPublishedMail {
  operatorName: string;
  /** "Privacy policy" or "Terms of service". */
  documentLabel: string;
  version: string;
  title: string;
  effectiveFrom: Date;
  changeSummary: string;
  tenantName: string;
  url: string;
}

export function policyMaterialPublishedEmail(brand: EmailBrand, mail: PolicyMaterialPublishedMail): RenderedEmail {
  const document = mail.documentLabel.toLowerCase();
  return renderEmail(brand, {
    subject: `Material change: ${mail.documentLabel} ${mail.version} takes effect on ${formatMailDate(mail.effectiveFrom)}`,
    preheader: `Customers of ${mail.tenantName} will be asked to consent again.`,
    heading: `A material change to the ${document}`,
    paragraphs: [
      `${mail.operatorName} published version ${mail.version} of the ${document} template that ${mail.tenantName}'s storefront uses. It is a material change: from the time it takes effect, your customers are asked to consent again.`,
      "Read the new version, and check that your own addendum still fits it.",
    ],
    details: [
      ["Document", `${mail.documentLabel} — ${mail.title}`],
      ["Version", mail.version],
      ["Takes effect", formatMailDate(mail.effectiveFrom)],
      ["What changed", mail.changeSummary.trim() || "(no summary given)"],
    ],
    action: { label: "Open the policy", url: mail.url },
  });
}
