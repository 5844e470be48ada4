/** A payout's status in words, with an icon: the colour is never the only signal. */
import { Badge } from "@mantine/core";
import type { PayoutStatusValue } from "@pc/shared";
import { IconBan, IconCircleCheck, IconCircleX, IconClock, IconTruckDelivery } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

const LOOK = {
  pending: { color: "gray", Icon: IconClock },
  in_transit: { color: "blue", Icon: IconTruckDelivery },
  paid: { color: "teal", Icon: IconCircleCheck },
  failed: { color: "red", Icon: IconCircleX },
  canceled: { color: "gray", Icon: IconBan },
} as const;

export function PayoutStatusBadge({ status }: { status: PayoutStatusValue }) {
  const { t } = useTranslation();
  const { color, Icon } = LOOK[status];
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={12} aria-hidden />} styles={NO_TRUNCATE} data-status={status}>
      {t(`payouts.status.${status}`)}
    </Badge>
  );
}
