/** Reading a ledger verification report for people. */
import type { LedgerVerificationReport } from "./ledger.types";

/**
 * The last sequence number the report shows to be good. A checkpoint whose signature fails is found
 * before any record is read, so then no record is known good, whatever `verifiedThrough` says.
 */
export function knownGoodThrough(report: LedgerVerificationReport): number {
  return report.problem?.reason === "bad-checkpoint" ? 0 : report.verifiedThrough;
}
