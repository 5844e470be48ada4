// Inputs of the payouts features: the storefront's checkout request (a plain HTTP route), finance's
// payout list, holds and exports, the partner's earnings views, and revenue share approvals.

import { z } from "zod";
import { CURRENCY_CODES } from "../money/currencies.js";
import { ZCurrency, ZRevenueShareBps } from "../money/schemas.js";
import { MAX_BUNDLE_TRACKS } from "./prices.js";
import { ZId } from "./tenants.js";
import { hasNoNul, nulMessage } from "./text.js";

/** Tracks one checkout may buy one by one. */
export const MAX_CHECKOUT_TRACKS = 100;

const ZReturnUrl = (name: string) =>
  z
    .string({ message: `${name} is required` })
    .max(2000, `${name} must be at most 2,000 characters`)
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), `${name} must be an http(s) URL`);

const countMessage = (what: string) =>
  `${what} must be a whole number from 1 to ${what === "tracks" ? MAX_CHECKOUT_TRACKS : MAX_BUNDLE_TRACKS}`;

/** `{ "tracks": 1, "currency": "NOK" }` or `{ "bundle": 5, "currency": "EUR" }`, with success and cancel URLs. */
export const ZCheckoutRequest = z
  .strictObject({
    tracks: z
      .number({ message: countMessage("tracks") })
      .int(countMessage("tracks"))
      .min(1, countMessage("tracks"))
      .max(MAX_CHECKOUT_TRACKS, countMessage("tracks"))
      .optional(),
    bundle: z
      .number({ message: countMessage("bundle") })
      .int(countMessage("bundle"))
      .min(1, countMessage("bundle"))
      .max(MAX_BUNDLE_TRACKS, countMessage("bundle"))
      .optional(),
    currency: z.string({ message: "currency is required" }).refine((code) => (CURRENCY_CODES as readonly string[]).includes(code), {
      message: `currency must be one of ${CURRENCY_CODES.join(", ")}`,
    }),
    successUrl: ZReturnUrl("successUrl"),
    cancelUrl: ZReturnUrl("cancelUrl"),
    customerEmail: z.email({ message: "customerEmail must be an email address" }).max(254).optional(),
    locale: z.enum(["auto", "en", "nb"], { message: "locale must be auto, en or nb" }).optional(),
  })
  .refine((input) => (input.tracks === undefined) !== (input.bundle === undefined), {
    message: "Ask for either tracks or a bundle",
    path: ["tracks"],
  });
export type CheckoutRequest = z.infer<typeof ZCheckoutRequest>;

export const PAYOUT_STATUS_VALUES = ["pending", "in_transit", "paid", "failed", "canceled"] as const;
export type PayoutStatusValue = (typeof PAYOUT_STATUS_VALUES)[number];

const ZDateBound = z.coerce.date({ message: "Must be a date" });
const ZMinorBound = z
  .number({ message: "Amount must be a number" })
  .int("Amount must be whole minor units")
  .min(0, "Amount cannot be negative");

export const PAYOUT_SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc", "arrival_desc", "arrival_asc"] as const;
export type PayoutSort = (typeof PAYOUT_SORTS)[number];

/** Finance's payout list: every filter optional; amounts in minor units of the chosen currency. */
export const ZPayoutFilters = z
  .object({
    tenantId: ZId.optional(),
    status: z.array(z.enum(PAYOUT_STATUS_VALUES)).max(PAYOUT_STATUS_VALUES.length).optional(),
    currency: ZCurrency.optional(),
    from: ZDateBound.optional(),
    to: ZDateBound.optional(),
    minAmount: ZMinorBound.optional(),
    maxAmount: ZMinorBound.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date" })
  .refine((f) => f.minAmount === undefined || f.maxAmount === undefined || f.minAmount <= f.maxAmount, {
    path: ["maxAmount"],
    message: "The highest amount is below the lowest",
  })
  .refine((f) => (f.minAmount === undefined && f.maxAmount === undefined) || f.currency !== undefined, {
    path: ["currency"],
    message: "Choose a currency to filter by amount (amounts are not comparable across currencies)",
  });
export type PayoutFilters = z.infer<typeof ZPayoutFilters>;

export const ZPayoutListInput = z.object({
  filters: ZPayoutFilters.default({}),
  sort: z.enum(PAYOUT_SORTS).default("created_desc"),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type PayoutListInput = z.infer<typeof ZPayoutListInput>;

export const ZPayoutIdInput = z.object({ payoutId: ZId });

const ZReason = z
  .string({ message: "Give a reason" })
  .trim()
  .min(5, "Give a reason of at least 5 characters")
  .max(500, "Keep the reason under 500 characters")
  .refine(hasNoNul, nulMessage("The reason"));

export const ZHoldPayoutsInput = z.object({ tenantId: ZId, reason: ZReason });
export const ZReleasePayoutsInput = z.object({ tenantId: ZId, reason: ZReason });

export const ZEarningsPageInput = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZOnboardingLinkInput = z.object({
  /** Where Stripe sends the partner back: a path of the console ("/earnings"). */
  returnPath: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*$/, "returnPath must be a path of the console")
    .max(200)
    .default("/earnings"),
});

export const ZStripeEventListInput = z.object({
  type: z.string().trim().max(100).optional(),
  tenantId: ZId.optional(),
  outcome: z.enum(["applied", "ignored", "unmatched"]).optional(),
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZStripeEventIdInput = z.object({
  eventId: z
    .string()
    .regex(/^evt_[A-Za-z0-9_]+$/, "Unknown event id")
    .max(255),
});

export const ZRequestRevenueShareInput = z.object({
  currency: ZCurrency,
  revenueShareBps: ZRevenueShareBps,
  effectiveFrom: z.coerce.date().optional(),
  reason: ZReason,
});

export const ZDecideRevenueShareInput = z.object({
  requestId: ZId,
  note: z.string().trim().max(500, "Keep the note under 500 characters").refine(hasNoNul, nulMessage("The note")).optional(),
});

export const ZRejectRevenueShareInput = z.object({ requestId: ZId, note: ZReason });
