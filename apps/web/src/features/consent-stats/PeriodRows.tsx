/**
 * The per-period tables under the charts: a 90-day range by day is 90 rows per table, so a table
 * shows the latest periods first-to-last up to a limit and a button shows every period (the chart
 * above already draws them all).
 */
import { Button, Group } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export const PERIOD_ROW_LIMIT = 14;

/** The last `PERIOD_ROW_LIMIT` rows until the person asks for all, and the button that toggles. */
export function usePeriodRows<Row>(rows: Row[]): { shown: Row[]; toggle: ReactNode } {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (rows.length <= PERIOD_ROW_LIMIT) return { shown: rows, toggle: null };
  return {
    shown: all ? rows : rows.slice(-PERIOD_ROW_LIMIT),
    toggle: (
      <Group justify="center">
        <Button variant="subtle" size="xs" onClick={() => setAll((value) => !value)} aria-expanded={all}>
          {all ? t("consentStats.latestPeriods", { count: PERIOD_ROW_LIMIT }) : t("consentStats.allPeriods", { count: rows.length })}
        </Button>
      </Group>
    ),
  };
}
