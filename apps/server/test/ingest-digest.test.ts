/** The ingestion path's fast personal-data digest gives exactly the digest of @pc/shared. */
import { personalDataDigest } from "@pc/shared";
import fc from "fast-check";
import { expect, it } from "vitest";
import { fastPersonalDataDigest } from "../src/ledger/ingest.service.js";

it("equals personalDataDigest for any address, user agent and salt", () => {
  const text = fc.option(fc.string({ unit: "binary", maxLength: 80 }), { nil: null });
  fc.assert(
    fc.property(text, text, fc.string({ maxLength: 40 }), (ip, userAgent, salt) => {
      expect(fastPersonalDataDigest({ ip, userAgent, salt })).toBe(personalDataDigest({ ip, userAgent, salt }));
    }),
    { numRuns: 2000 },
  );
});
