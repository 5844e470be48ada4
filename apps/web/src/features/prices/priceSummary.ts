/**
 * A version's change summary in the reader's language. People's summaries are shown as typed; the
 * ones the server writes itself (a rollback, a revenue share change and the scheduled versions it
 * publishes again with the new share) are recognised and said with the share as a percentage.
 */
import type { TFunction } from "i18next";
import type { Money } from "./useMoney";

interface Summarised {
  changeSummary: string | null;
  basedOnVersion: number | null;
}

export function summaryOf(version: Summarised, t: TFunction, money: Money): string | null {
  const summary = version.changeSummary;
  if (!summary) return null;
  if (version.basedOnVersion !== null && summary === `Rollback to version ${version.basedOnVersion}`) {
    return t("prices.history.rollbackOf", { version: version.basedOnVersion });
  }
  const share = /^Revenue share set to (\d+) bps$/.exec(summary);
  if (share) return t("prices.history.shareSet", { percent: money.percent(Number(share[1])) });
  const republished = /^Version (\d+) with revenue share (\d+) bps$/.exec(summary);
  if (republished) {
    return t("prices.history.republishedWithShare", { version: republished[1], percent: money.percent(Number(republished[2])) });
  }
  return summary;
}
