/** What the console did with a webhook event: applied it, ignored its type, or found no tenant for it. */
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

export const EVENT_OUTCOMES = ["applied", "ignored", "unmatched"] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

export function OutcomeBadge({ outcome }: { outcome: EventOutcome }) {
  const { t } = useTranslation();
  const color = outcome === "applied" ? "teal" : outcome === "ignored" ? "gray" : "orange";
  return (
    <Badge color={color} variant="light" styles={NO_TRUNCATE}>
      {t(`payouts.events.outcomes.${outcome}`)}
    </Badge>
  );
}
