import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** After a change to keys, limits or origins: everything the ledger pages read is read again. */
export function useLedgerInvalidation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.ledger.pathFilter());
}
