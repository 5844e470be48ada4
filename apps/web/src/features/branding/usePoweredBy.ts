/** The "Powered by Masterchannel" flag of the version in effect, and switching it (operator staff only). */
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { BrandingState } from "./branding.types";

export function usePoweredBy(state: BrandingState) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canChange = useCan("branding.set_powered_by");
  const mutation = useMutation(
    trpc.branding.setPoweredBy.mutationOptions({
      onSuccess: async (_result, { poweredBy }) => {
        notifications.show({ color: "teal", message: poweredBy ? t("branding.poweredBy.turnedOn") : t("branding.poweredBy.turnedOff") });
        await queryClient.invalidateQueries(trpc.branding.pathFilter());
      },
    }),
  );
  const hasPublished = state.inEffect !== null;
  return {
    // Drafts copy the flag from the version in effect, and switching it publishes at once.
    checked: state.inEffect?.poweredBy ?? state.draft?.poweredBy ?? true,
    canChange: canChange && hasPublished,
    /** Why the switch is off limits, when it is. */
    reason: canChange ? (hasPublished ? undefined : t("branding.poweredBy.needsPublished")) : t("branding.poweredBy.onlyStaff"),
    pending: mutation.isPending,
    onChange: (poweredBy: boolean) => mutation.mutateAsync({ poweredBy }),
  };
}
