/**
 * Why a payout failed and what to do about it, in the console's language: Stripe's failure code,
 * its own message when it sent one that says more than the meaning, and the meaning and action from
 * @pc/shared's failure table. Finance reads finance's action ("Ask the partner to …"); the partner
 * reads their own (`audience="partner"`).
 */
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PayoutFailureView } from "./payouts.types";
import { useBilingual } from "./useBilingual";

/** Stripe's message without case, spacing or a closing full stop, to compare it with the meaning. */
const comparable = (text: string) =>
  text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "")
    .toLowerCase();

/** Whether Stripe's message says something the meaning does not already say. */
export function stripeMessageAddsToMeaning(failure: Pick<PayoutFailureView, "message" | "meaning">): boolean {
  if (!failure.message?.trim()) return false;
  const message = comparable(failure.message);
  return message !== comparable(failure.meaning.en) && message !== comparable(failure.meaning.nb);
}

export function PayoutFailureDetails({
  failure,
  withStripeMessage = false,
  audience = "finance",
}: {
  failure: PayoutFailureView;
  withStripeMessage?: boolean;
  audience?: "finance" | "partner";
}) {
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
      {withStripeMessage && stripeMessageAddsToMeaning(failure) && (
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
        {pick(audience === "partner" ? failure.partnerAction : failure.action)}
      </Text>
    </Stack>
  );
}
