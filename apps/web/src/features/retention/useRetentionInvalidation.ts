/** After any retention change: every retention query (settings, preview, holds, purges) reads again. */
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

export function useRetentionInvalidation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.retention.pathKey() });
}
