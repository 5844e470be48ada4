// Inputs of the price book procedures, shared by the server and the web forms. Amounts are integer
// minor units checked against the currency beside them (its minimum, maximum and step); the
// revenue share is not part of a draft, so a partner's form cannot carry it.

import { z } from "zod";
import { checkMinorAmount } from "../money/amounts.js";
import { isCurrencyCode } from "../money/currencies.js";
import { ZCurrency, ZRevenueShareBps, ZTaxBehavior } from "../money/schemas.js";
import { hasNoNul, nulMessage } from "./text.js";

export const MAX_PRICE_BUNDLES = 10;
export const MIN_BUNDLE_TRACKS = 2;
export const MAX_BUNDLE_TRACKS = 100;
/** How far ahead a version may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const tracksMessage = `A bundle holds ${MIN_BUNDLE_TRACKS} to ${MAX_BUNDLE_TRACKS} tracks`;
const ZRevision = z
  .number({ message: "Revision must be a number" })
  .int("Revision must be a whole number")
  .positive("Revision must be positive");

export const ZPriceBundle = z.object({
  tracks: z
    .number({ message: tracksMessage })
    .int(tracksMessage)
    .min(MIN_BUNDLE_TRACKS, tracksMessage)
    .max(MAX_BUNDLE_TRACKS, tracksMessage),
  unitAmount: z.number({ message: "Amount must be a number" }),
});
export type PriceBundle = z.infer<typeof ZPriceBundle>;

export const ZSavePriceDraftInput = z
  .object({
    currency: ZCurrency,
    perTrack: z.object({ unitAmount: z.number({ message: "Amount must be a number" }) }),
    bundles: z.array(ZPriceBundle).max(MAX_PRICE_BUNDLES, `At most ${MAX_PRICE_BUNDLES} bundles`),
    taxBehavior: ZTaxBehavior,
    changeSummary: z
      .string()
      .trim()
      .max(500, "Keep the summary under 500 characters")
      .refine(hasNoNul, nulMessage("The summary"))
      .optional(),
    /** The draft's revision the editor started from; left out when no draft was open. */
    expectedRevision: ZRevision.optional(),
  })
  .superRefine((input, ctx) => {
    // The amounts' rules depend on the currency, so they are checked here, each under its field.
    if (!isCurrencyCode(input.currency)) return;
    const perTrack = checkMinorAmount(input.perTrack.unitAmount, input.currency);
    if (perTrack) ctx.addIssue({ code: "custom", path: ["perTrack", "unitAmount"], message: `Per-track price: ${perTrack.message}` });
    const seen = new Set<number>();
    input.bundles.forEach((bundle, index) => {
      const problem = checkMinorAmount(bundle.unitAmount, input.currency);
      if (problem) {
        ctx.addIssue({
          code: "custom",
          path: ["bundles", index, "unitAmount"],
          message: `Bundle of ${bundle.tracks} tracks: ${problem.message}`,
        });
      }
      if (seen.has(bundle.tracks)) {
        ctx.addIssue({ code: "custom", path: ["bundles", index, "tracks"], message: `Two bundles of ${bundle.tracks} tracks; keep one` });
      }
      seen.add(bundle.tracks);
    });
  });
export type SavePriceDraftInput = z.infer<typeof ZSavePriceDraftInput>;

export const ZPriceCurrencyInput = z.object({ currency: ZCurrency });

export const ZDiscardPriceDraftInput = z.object({ currency: ZCurrency, expectedRevision: ZRevision });

/** Left out, `effectiveFrom` means now; else it must lie in the future, at most a year ahead (checked by the server). */
export const ZPublishPricesInput = z.object({
  currency: ZCurrency,
  expectedRevision: ZRevision,
  effectiveFrom: z.date({ message: "Effective from must be a date and time" }).optional(),
});
export type PublishPricesInput = z.infer<typeof ZPublishPricesInput>;

export const ZRollbackPricesInput = z.object({
  currency: ZCurrency,
  version: z.number({ message: "Version must be a number" }).int("Version must be a whole number").positive("Version must be positive"),
});

/** A version scheduled for later, withdrawn before it takes effect. */
export const ZCancelScheduledPricesInput = ZRollbackPricesInput;

export const ZSetRevenueShareInput = z.object({
  currency: ZCurrency,
  revenueShareBps: ZRevenueShareBps,
  effectiveFrom: z.date({ message: "Effective from must be a date and time" }).optional(),
});
export type SetRevenueShareInput = z.infer<typeof ZSetRevenueShareInput>;
