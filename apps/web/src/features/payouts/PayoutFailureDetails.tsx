/**
 * Why a payout failed and what to do about it, in the console's language: Stripe's failure code,
 * its own message when it sent one, and the meaning and action from @pc/shared's failure table.
 */
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PayoutFailureView } from "./payouts.types";
import { useBilingual } from "./useBilingual";

export function PayoutFailureDetails({ failure, withStripeMessage = false }: { failure: PayoutFailureView; withStripeMessage?: boolean }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Text span fw={600}>
          {t("payouts.failure.code")}:
        </Text>{" "}
        <Text span ff="monospace" size="sm">
          {failure.code ?? t("payouts.failure.noCode")}
        </Text>
      </Text>
      {withStripeMessage && failure.message && (
        <Text size="sm">
          <Text span fw={600}>
            {t("payouts.failure.stripeMessage")}:
          </Text>{" "}
          {failure.message}
        </Text>
      )}
      <Text size="sm">
        <Text span fw={600}>
          {t("payouts.failure.meaning")}:
        </Text>{" "}
        {pick(failure.meaning)}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          {t("payouts.failure.action")}:
        </Text>{" "}
        {pick(failure.action)}
      </Text>
    </Stack>
  );
}
