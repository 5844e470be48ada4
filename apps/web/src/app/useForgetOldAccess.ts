/**
 * When the session's access changes under the open console (another tenant chosen, or the error
 * handler found the person removed from their tenant, the tenant suspended, a role changed), what
 * was cached was read under the old access. Runs after the render that shows the new access, so
 * the page that just gave way (say, a team that is no longer theirs) is forgotten, not fetched again.
 */
import { partialMatchKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { accessSignature } from "../lib/session";
import { type Me, useTRPC } from "../lib/trpc";

export function useForgetOldAccess(me: Me | null | undefined) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const signature = accessSignature(me);
  const shown = useRef(signature);

  useEffect(() => {
    const before = shown.current;
    shown.current = signature;
    // Signing in and out replace the whole cache themselves.
    if (before === signature || before === "" || signature === "") return;
    const meKey = trpc.auth.me.queryKey();
    const readBefore = (query: { queryKey: readonly unknown[] }) => !partialMatchKey(query.queryKey, meKey);
    // Nothing shows these: drop them, so no other tenant's rows flash up when a page opens later.
    queryClient.removeQueries({ predicate: (query) => readBefore(query) && query.getObserversCount() === 0 });
    // The page on screen reads its data again; a fetch already under way (a tenant switch) is kept.
    void queryClient.invalidateQueries({ predicate: readBefore }, { cancelRefetch: false });
  }, [signature, queryClient, trpc]);
}
