/** After a price change: the price books, their history and the audit trail are stale. */
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

export function usePricesInvalidation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries(trpc.prices.pathFilter()), queryClient.invalidateQueries(trpc.audit.pathFilter())]);
}
