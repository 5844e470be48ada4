/** Tenant changes and what they make stale: the tenant lists, details and the session's own view. */
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

export function useInvalidateTenants() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.tenants.pathFilter()),
      queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
  };
}
