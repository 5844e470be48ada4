// Inputs of the ledger procedures (publishable keys, ingestion limits, development origins, recent
// records), shared by the server and the web forms.

import { z } from "zod";
import { MAX_CONSENT_BATCH } from "../ledger/wire.js";

/** Up to 30 days: long enough to redeploy every storefront, short enough that a leaked key dies. */
export const MAX_KEY_GRACE_HOURS = 30 * 24;

export const ZRotateKeyInput = z.object({
  graceHours: z
    .number({ message: "Choose how long the old key keeps working" })
    .int("The grace period must be whole hours")
    .min(0, "The grace period cannot be negative")
    .max(MAX_KEY_GRACE_HOURS, `The old key can keep working for at most ${MAX_KEY_GRACE_HOURS / 24} days`),
});

export const ZKeyIdInput = z.object({ keyId: z.uuid({ message: "Unknown key" }) });

/** Where the operator set no limit: lets a busy storefront through, 2,000 events a second with bursts of 20,000. */
export const DEFAULT_RATE_PER_SECOND = 2000;
export const DEFAULT_BURST = 20_000;
export const MAX_RATE_PER_SECOND = 1_000_000;
export const MAX_BURST = 10_000_000;

export const ZIngestSettingsInput = z
  .object({
    tenantId: z.uuid({ message: "Choose a tenant" }),
    ratePerSecond: z
      .number({ message: "The rate must be a number" })
      .int("The rate must be a whole number of events a second")
      .min(1, "The rate must be at least 1 event a second")
      .max(MAX_RATE_PER_SECOND, `The rate can be at most ${MAX_RATE_PER_SECOND.toLocaleString("en-GB")} events a second`),
    burst: z
      .number({ message: "The burst must be a number" })
      .int("The burst must be a whole number of events")
      .min(MAX_CONSENT_BATCH, `The burst must hold at least one full batch (${MAX_CONSENT_BATCH} events)`)
      .max(MAX_BURST, `The burst can be at most ${MAX_BURST.toLocaleString("en-GB")} events`),
  })
  .refine((input) => input.burst >= input.ratePerSecond, { path: ["burst"], message: "The burst must be at least the rate per second" });

/** A browser origin: scheme, host and optional port, nothing else ("http://localhost:5173"). */
export const ZOrigin = z
  .string({ message: "The origin is required" })
  .trim()
  .max(200, "The origin is too long")
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text;
    } catch {
      return false;
    }
  }, 'An origin is a scheme, host and optional port, without a path or trailing slash, such as "http://localhost:5173"');

export const ZAddDevOriginInput = z.object({
  origin: ZOrigin,
  note: z.string().trim().max(200, "Keep the note under 200 characters").default(""),
});

export const ZLedgerTenantInput = z.object({ tenantId: z.uuid({ message: "Choose a tenant" }) });

export const ZRemoveDevOriginInput = z.object({ origin: z.string().min(1).max(200) });

export const ZRecentRecordsInput = z.object({
  limit: z.number().int().min(1).max(100).default(25),
});
