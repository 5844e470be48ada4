// Inputs of the consent statistics (consentStats router), shared by the server and the web page,
// which keeps the same filters in the URL. Days are UTC calendar days, both ends included.

import { z } from "zod";
import { ZCountryCode, ZPurposeKey } from "./consent-audit.js";
import { ZPolicyKind } from "./policies.js";

export const STATS_GRANULARITIES = ["day", "week", "month"] as const;
export type StatsGranularity = (typeof STATS_GRANULARITIES)[number];

/** The longest range one request may span, in days (both ends included): two years. */
export const STATS_MAX_DAYS = 731;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** Days from `from` to `to`, both included (1 for the same day). */
export const daysInRange = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

const ZDay = (what: string) =>
  z.string({ message: `${what} must be a date (YYYY-MM-DD)` }).refine(isIsoDay, `${what} must be a date (YYYY-MM-DD)`);

export const ZConsentStatsInput = z
  .object({
    /** Staff: one tenant, or every tenant when left out. Partners: always their own (ignored). */
    tenantId: z.uuid({ message: "Unknown tenant" }).optional(),
    /** The first UTC day counted. */
    from: ZDay("The start"),
    /** The last UTC day counted. */
    to: ZDay("The end"),
    granularity: z.enum(STATS_GRANULARITIES, { message: "Choose day, week or month" }).default("day"),
    policyKind: ZPolicyKind.default("privacy"),
    /** Only this purpose's opt-in rates. */
    purpose: ZPurposeKey.optional(),
    /** Only records with this country hint. */
    country: ZCountryCode.optional(),
  })
  .refine((input) => !isIsoDay(input.from) || !isIsoDay(input.to) || input.from <= input.to, {
    path: ["to"],
    message: "The end must not come before the start",
  })
  .refine((input) => !isIsoDay(input.from) || !isIsoDay(input.to) || daysInRange(input.from, input.to) <= STATS_MAX_DAYS, {
    path: ["to"],
    message: `A range spans at most ${STATS_MAX_DAYS} days`,
  });
export type ConsentStatsInput = z.input<typeof ZConsentStatsInput>;
export type ConsentStatsFilters = z.output<typeof ZConsentStatsInput>;
