/**
 * Where a sale's money goes: gross, Stripe's estimated fee, the platform fee (the operator's
 * revenue share) and the partner share. The figures come from marginPreview of @pc/shared, whose
 * platform fee and partner share always add up to the gross.
 */
import { Group, Stack, Text } from "@mantine/core";
import { type CurrencyCode, DEFAULT_STRIPE_FEE_MODELS, type MarginPreview } from "@pc/shared";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "./useMoney";

function Figure({ label, value, strong, warn }: { label: string; value: string; strong?: boolean; warn?: boolean }) {
  return (
    <Stack gap={0} miw={92}>
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 600 : 400} c={warn ? "orange" : undefined} style={{ whiteSpace: "nowrap" }}>
        {value}
      </Text>
    </Stack>
  );
}

interface MarginFiguresProps {
  /** Null while the typed price is not a valid amount. */
  margin: MarginPreview | null;
  currency: CurrencyCode;
  revenueShareBps: number;
  /** Names the group ("Margin preview: per-track price"). */
  label: string;
}

/** The margin of one price, as a row of small figures beside its input. */
export function MarginFigures({ margin, currency, revenueShareBps, label }: MarginFiguresProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const show = (minor: number | undefined) => (minor === undefined ? "–" : money.format(minor, currency));
  return (
    <Group role="group" aria-label={label} gap="md" wrap="wrap" align="flex-start">
      <Figure label={t("prices.margin.gross")} value={show(margin?.gross)} />
      <Figure
        label={t("prices.margin.stripeFee")}
        value={show(margin?.estimatedStripeFee)}
        warn={margin ? margin.platformNet < 0 : false}
      />
      <Figure label={t("prices.margin.platformFee", { percent: money.percent(revenueShareBps) })} value={show(margin?.platformFee)} />
      <Figure label={t("prices.margin.partnerShare")} value={show(margin?.partnerShare)} strong />
    </Group>
  );
}

/** Says that Stripe's fee is an estimate, and who pays it. */
export function StripeFeeNote({ currency }: { currency: CurrencyCode }) {
  const { t } = useTranslation();
  const money = useMoney();
  const model = DEFAULT_STRIPE_FEE_MODELS[currency];
  const fee =
    model.fixedMinor > 0
      ? t("prices.margin.feeModel", { percent: money.percent(model.percentBps), fixed: money.format(model.fixedMinor, currency) })
      : money.percent(model.percentBps);
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconInfoCircle size={16} style={{ flexShrink: 0, marginTop: 2, opacity: 0.7 }} aria-hidden />
      <Text size="xs" c="dimmed">
        {t("prices.margin.note", { fee })}
      </Text>
    </Group>
  );
}
