// Amounts for CSV exports that a spreadsheet reads as numbers: no grouping, no currency symbol,
// "-" for negatives, and the decimal separator the reader's spreadsheet expects ("," for a
// Norwegian Excel, which would otherwise read "1234.50" as text or as a date).
//
// Named formatMinorForCsv because money/ already exports formatMinorPlain(minor, currency), which
// this builds on: the same exact digits, from the currency table's decimals (JPY and ISK whole
// units), so an ISK amount off its 100-step is still shown in full rather than silently rounded.

import { formatMinorPlain } from "../money/amounts.js";
import type { CurrencyCode } from "../money/currencies.js";

export interface CsvAmountOptions {
  /** Write "1234,50" instead of "1234.50". */
  readonly decimalComma?: boolean;
}

/** 123450 NOK → "1234.50" (or "1234,50"); 1234 JPY → "1234"; 123400 ISK → "1234"; −1200 NOK → "-12.00". */
export function formatMinorForCsv(amount: number, currency: CurrencyCode, { decimalComma = false }: CsvAmountOptions = {}): string {
  const plain = formatMinorPlain(amount, currency);
  return decimalComma ? plain.replace(".", ",") : plain;
}
