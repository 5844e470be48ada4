/**
 * Back from Stripe's onboarding: Stripe sends the partner to /earnings?onboarding=returned (done, or
 * left on purpose) or ?onboarding=expired (the link timed out). Says which, reads the account again
 * (Stripe's webhook may already have updated it), and takes the parameter out of the address so a
 * reload does not say it twice.
 */
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc";

export function useOnboardingReturn() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const onboarding = searchParams.get("onboarding");
  const handled = useRef(false);

  useEffect(() => {
    if (handled.current || (onboarding !== "returned" && onboarding !== "expired")) return;
    handled.current = true;
    if (onboarding === "returned") {
      notifications.show({
        id: "earnings-onboarding",
        color: "teal",
        title: t("earnings.onboarding.returnedTitle"),
        message: t("earnings.onboarding.returned"),
      });
    } else {
      notifications.show({
        id: "earnings-onboarding",
        color: "orange",
        title: t("earnings.onboarding.expiredTitle"),
        message: t("earnings.onboarding.expired"),
      });
    }
    void queryClient.invalidateQueries(trpc.earnings.pathFilter());
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("onboarding");
        return next;
      },
      { replace: true },
    );
  }, [onboarding, queryClient, setSearchParams, t, trpc]);
}
