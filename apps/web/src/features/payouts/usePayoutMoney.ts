/**
 * Amounts of the payout pages: always one currency at a time, through formatMinor in the person's
 * locale (see prices/useMoney). Rows carry their currency as text; a code outside our currency
 * table (which Stripe would not send for these accounts) is shown as the bare minor amount and code
 * rather than guessed at.
 */
import { isCurrencyCode } from "@pc/shared";
import { useMemo } from "react";
import { useMoney } from "../prices/useMoney";

export function usePayoutMoney() {
  const money = useMoney();
  return useMemo(
    () => ({
      ...money,
      /** The amount in its own currency: "1 499,50 kr" in nb, "NOK 1,499.50" in en. */
      amount: (minor: number, currency: string) => (isCurrencyCode(currency) ? money.format(minor, currency) : `${minor} ${currency}`),
    }),
    [money],
  );
}
