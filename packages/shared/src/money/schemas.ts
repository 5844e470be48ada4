// Zod schemas for money fields, shared by the server's procedures and the web forms so both refuse
// with the same message. Amounts are integer minor units (numbers: Stripe's SDK and our JSON use
// numbers, and Stripe's eight-digit limit keeps them far inside the safe-integer range).

import { z } from "zod";
import { checkMinorAmount, type ParseAmountOptions, parseAmount } from "./amounts.js";
import { CURRENCY_CODES, type CurrencyCode } from "./currencies.js";
import { BPS_PER_WHOLE } from "./split.js";

export const ZCurrency = z.enum(CURRENCY_CODES, { message: `Currency must be one of ${CURRENCY_CODES.join(", ")}` });

/** Integer minor units Stripe will charge in `currency`: a whole number, within its minimum and maximum. */
export function ZMinorAmount(currency: CurrencyCode) {
  return z.number({ message: "Amount must be a number" }).superRefine((minor, ctx) => {
    const problem = checkMinorAmount(minor, currency);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { moneyCode: problem.code } });
  });
}

/** A decimal string typed by a person, read into minor units of `currency` ("1 499,50" → 149950). */
export function ZAmountInput(currency: CurrencyCode, options?: ParseAmountOptions) {
  return z.string({ message: "Enter an amount" }).transform((text, ctx) => {
    const parsed = parseAmount(text, currency, options);
    if (parsed.ok) return parsed.minor;
    ctx.addIssue({ code: "custom", message: parsed.message, params: { moneyCode: parsed.code } });
    return z.NEVER;
  });
}

/** An amount whose currency sits beside it; the issue is reported on `unitAmount`. */
export const ZPriceAmount = z
  .object({ currency: ZCurrency, unitAmount: z.number({ message: "Amount must be a number" }) })
  .superRefine(({ currency, unitAmount }, ctx) => {
    const problem = checkMinorAmount(unitAmount, currency);
    if (problem) ctx.addIssue({ code: "custom", path: ["unitAmount"], message: problem.message, params: { moneyCode: problem.code } });
  });
export type PriceAmount = z.infer<typeof ZPriceAmount>;

const shareMessage = `Revenue share must be a whole number of basis points from 0 to ${BPS_PER_WHOLE} (0 % to 100 %; 1 basis point is 0.01 %)`;
export const ZRevenueShareBps = z.number({ message: shareMessage }).int(shareMessage).min(0, shareMessage).max(BPS_PER_WHOLE, shareMessage);

export const TAX_BEHAVIORS = ["inclusive", "exclusive"] as const;
export type TaxBehavior = (typeof TAX_BEHAVIORS)[number];
export const ZTaxBehavior = z.enum(TAX_BEHAVIORS, { message: 'Tax behaviour must be "inclusive" or "exclusive"' });

export const ZStripeFeeModel = z.object({
  percentBps: z.number().int().min(0).max(BPS_PER_WHOLE),
  fixedMinor: z.number().int().min(0).max(99_999_999),
});

export const ZFeeBorneBy = z.enum(["platform", "partner"]);
