/**
 * A payout that failed: finance's version (what to ask the partner) and the partner's own (what to
 * do), with the failure in plain words from @pc/shared's payout failure table.
 */
import { describePayoutFailure, formatMinor, isCurrencyCode } from "@pc/shared";
import type { EmailBrand } from "../brand.js";
import { formatMailDay, type RenderedEmail, renderEmail } from "./layout.js";

export interface PayoutFailedMail {
  audience: "finance" | "partner";
  tenantName: string;
  amount: number;
  currency: string;
  failureCode: string | null;
  failureMessage: string | null;
  arrivalDate: Date;
  stripePayoutId: string;
  url: string;
}

/** "1,499.50 NOK"-style amounts through the shared money formatting; an unknown currency stays plain. */
export function formatPayoutAmount(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  return isCurrencyCode(code) ? formatMinor(amount, code, "en-GB") : `${amount} (minor units) ${code}`;
}

export function payoutFailedEmail(brand: EmailBrand, mail: PayoutFailedMail): RenderedEmail {
  const amount = formatPayoutAmount(mail.amount, mail.currency);
  const failure = describePayoutFailure(mail.failureCode);
  const details: Array<[string, string]> = [
    ["Amount", amount],
    ["Currency", mail.currency.toUpperCase()],
    ["Expected arrival", formatMailDay(mail.arrivalDate)],
    ["Failure code", mail.failureCode ?? "(none given)"],
    ["Bank's message", mail.failureMessage ?? "(none given)"],
    ["Stripe payout", mail.stripePayoutId],
  ];
  if (mail.audience === "finance") {
    return renderEmail(brand, {
      subject: `Payout failed: ${amount} to ${mail.tenantName}`,
      preheader: failure.meaning.en,
      heading: `A payout to ${mail.tenantName} failed`,
      paragraphs: [failure.meaning.en, failure.action.en],
      details,
      action: { label: "Open the payout", url: mail.url },
    });
  }
  return renderEmail(brand, {
    subject: `Your payout of ${amount} failed`,
    preheader: failure.meaning.en,
    heading: "A payout to your bank account failed",
    paragraphs: [failure.meaning.en, failure.partnerAction.en],
    details,
    action: { label: "Open Earnings", url: mail.url },
  });
}
