/** How a consent event was given (accept all, reject all…) and the decision per purpose, as compact badges. */
import { Badge, Group, Tooltip, VisuallyHidden } from "@mantine/core";
import type { ConsentAction, ConsentDecision } from "@pc/shared";
import { IconCheck, IconLock, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

const ACTION_COLORS: Record<ConsentAction, string> = {
  accept_all: "teal",
  reject_all: "gray",
  save_custom: "blue",
  withdraw: "orange",
  gpc: "grape",
};

export function ConsentActionBadge({ action }: { action: ConsentAction }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={ACTION_COLORS[action]} tt="none" styles={NO_TRUNCATE}>
      {t(`ledger.records.actions.${action}`)}
    </Badge>
  );
}

export function GpcSignalBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("ledger.records.gpcSignalHint")} withinPortal>
      <Badge size="xs" variant="outline" color="grape" tt="none" styles={NO_TRUNCATE} tabIndex={0}>
        {t("ledger.records.gpcSignal")}
      </Badge>
    </Tooltip>
  );
}

const DECISION_STYLE: Record<ConsentDecision, { color: string; variant: "light" | "outline"; icon: typeof IconCheck }> = {
  granted: { color: "green", variant: "light", icon: IconCheck },
  denied: { color: "gray", variant: "light", icon: IconX },
  acknowledged: { color: "gray", variant: "outline", icon: IconLock },
};

/** One chip per purpose: granted green, denied grey, acknowledged (strictly necessary) outlined; the icon says it without colour. */
export function PurposeDecisions({ purposes }: { purposes: Readonly<Record<string, ConsentDecision>> }) {
  const { t } = useTranslation();
  // Opt-in purposes first (what the visitor actually chose), then the always-on ones.
  const entries = Object.entries(purposes).sort(
    ([keyA, a], [keyB, b]) => Number(a === "acknowledged") - Number(b === "acknowledged") || keyA.localeCompare(keyB),
  );
  return (
    <Group gap={4} wrap="wrap" maw={400}>
      {entries.map(([purpose, decision]) => {
        const style = DECISION_STYLE[decision];
        const decisionText = t(`ledger.records.decision.${decision}`);
        const label = t("ledger.records.decisionLabel", { purpose, decision: decisionText });
        return (
          <Tooltip key={purpose} label={label} withinPortal>
            <Badge
              size="xs"
              variant={style.variant}
              color={style.color}
              tt="none"
              styles={NO_TRUNCATE}
              leftSection={<style.icon size={10} aria-hidden />}
              data-decision={decision}
            >
              {purpose}
              <VisuallyHidden>: {decisionText}</VisuallyHidden>
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
