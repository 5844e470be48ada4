/**
 * The price the storefront preview shows: the tenant's per-track price in effect, in the first
 * currency that has one (the console's currency order, as storefronts get it), for people who may
 * read prices; otherwise, or while there is none, a sample.
 */
import { formatMinor, type TaxBehavior } from "@pc/shared";
import { useQuery } from "@tanstack/react-query";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export interface PreviewPrice {
  /** "NOK 149.00" / "kr 149,00", by the shared money formatter the Prices page uses. */
  amount: string;
  taxBehavior: TaxBehavior;
  /** True when it is the sample, not the tenant's price. */
  sample: boolean;
}

const SAMPLE = { unitAmount: 14900, currency: "NOK", taxBehavior: "inclusive" } as const;

export function usePreviewPrice(): PreviewPrice {
  const trpc = useTRPC();
  const { locale } = useFormat();
  const canReadPrices = useCan("prices.read");
  // The preview does without prices when they cannot be read: no error notice for it.
  const books = useQuery({ ...trpc.prices.list.queryOptions(), enabled: canReadPrices, meta: { errorHandling: "local" } });
  const inEffect = canReadPrices ? books.data?.find((book) => book.inEffect !== null)?.inEffect : undefined;
  if (!inEffect) return { amount: formatMinor(SAMPLE.unitAmount, SAMPLE.currency, locale), taxBehavior: SAMPLE.taxBehavior, sample: true };
  return {
    amount: formatMinor(inEffect.perTrack.unitAmount, inEffect.currency, locale),
    taxBehavior: inEffect.taxBehavior,
    sample: false,
  };
}
