import type { UseMutationOptions } from "@tanstack/react-query";

/**
 * A tRPC procedure's `mutationOptions` itself (`trpc.team.invite.mutationOptions`, not a call of
 * it), for a shared component that adds its own callbacks to whichever procedure a page hands it.
 */
export type MutationOptionsOf<Input, Output, ProcedureError> = <Context = unknown>(
  options: Omit<UseMutationOptions<Output, ProcedureError, Input, Context>, "mutationKey" | "mutationFn">,
) => UseMutationOptions<Output, ProcedureError, Input, Context>;
