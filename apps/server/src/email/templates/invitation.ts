/** The invitation to join the console, branded as the tenant (or the operator for staff invitations). */
import type { EmailBrand } from "../brand.js";
import { type EmailContent, formatMailDate, type RenderedEmail, renderEmail } from "./layout.js";

export interface InvitationMail {
  inviter: string;
  roleLabel: string;
  /** The tenant's display name, or the operator's for staff. */
  place: string;
  url: string;
  expiresAt: Date;
}

export function invitationEmail(brand: EmailBrand, mail: InvitationMail): RenderedEmail {
  const content: EmailContent = {
    subject: `You are invited to the Partner Console for ${mail.place}`,
    preheader: `${mail.inviter} invited you as ${mail.roleLabel}.`,
    heading: `Join ${mail.place} in the Partner Console`,
    paragraphs: [`${mail.inviter} invited you to the Partner Console as ${mail.roleLabel} for ${mail.place}.`],
    action: { label: "Accept the invitation", url: mail.url },
    note: `The link works once and expires on ${formatMailDate(mail.expiresAt)}. If you did not expect this invitation, ignore this mail.`,
  };
  return renderEmail(brand, content);
}
