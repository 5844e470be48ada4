/** What the ledger procedures answer, as the pages use it. */
import type { RouterOutputs } from "../../lib/trpc";

export type LedgerOverview = RouterOutputs["ledger"]["overview"];
export type PublishableKey = RouterOutputs["ledger"]["keys"][number];
export type ConsentRecord = RouterOutputs["ledger"]["recentRecords"]["records"][number];
export type LedgerVerificationReport = RouterOutputs["ledger"]["verify"];
export type IngestSetting = RouterOutputs["ledger"]["ingestSettings"][number];
export type DevOrigin = RouterOutputs["ledger"]["devOrigins"][number];
