/**
 * One currency's price book: scheduled changes, the version in effect, the revenue share and the
 * draft (an editor for prices.edit, read-only otherwise), or its history.
 */
import { Button, Card, Group, Stack, Tabs, Text } from "@mantine/core";
import type { CurrencyCode } from "@pc/shared";
import { IconEdit, IconHistory, IconReceipt } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PriceDraftEditor } from "./PriceDraftEditor";
import { PriceHistory } from "./PriceHistory";
import type { PriceBook } from "./priceDiff";
import { nextVersionShareBps, RevenueShareCard } from "./RevenueShare";
import { ScheduledNotice } from "./ScheduledNotice";
import { DraftReadOnlyCard, InEffectCard } from "./VersionCards";

export type PriceBookView = "prices" | "history";

interface PriceBookPanelProps {
  currency: CurrencyCode;
  /** Undefined for a currency just added here, with nothing saved yet. */
  book: PriceBook | undefined;
  canEdit: boolean;
  canSetShare: boolean;
  view: PriceBookView;
  onViewChange: (view: PriceBookView) => void;
  /** Leaves a just-added currency that was never saved. */
  onAbandon: () => void;
  reload: () => Promise<PriceBook | undefined>;
}

export function PriceBookPanel({ currency, book, canEdit, canSetShare, view, onViewChange, onAbandon, reload }: PriceBookPanelProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(book === undefined);
  const draft = book?.draft ?? null;
  const inEffect = book?.inEffect ?? null;
  const scheduled = book?.scheduled ?? [];
  const showEditor = canEdit && (draft !== null || editing);
  const published = inEffect !== null || scheduled.length > 0;

  const startEditing = (
    <Button variant="light" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
      {published ? t("prices.editPrices") : t("prices.setUpPrices", { currency })}
    </Button>
  );

  return (
    <Tabs value={view} onChange={(value) => onViewChange(value === "history" ? "history" : "prices")} variant="pills">
      <Tabs.List aria-label={t("prices.viewsOf", { currency })} mb="md">
        <Tabs.Tab value="prices" leftSection={<IconReceipt size={16} />}>
          {t("prices.views.prices")}
        </Tabs.Tab>
        <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} disabled={book === undefined}>
          {t("prices.views.history")}
        </Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="prices">
        <Stack gap="md">
          {scheduled.map((version, index) => (
            <ScheduledNotice
              key={version.id}
              version={version}
              previous={index > 0 ? (scheduled[index - 1] ?? null) : inEffect}
              canEdit={canEdit}
              canSetShare={canSetShare}
            />
          ))}
          {book !== undefined && (
            <InEffectCard
              currency={currency}
              inEffect={inEffect}
              firstScheduled={scheduled[0]}
              action={canEdit && !showEditor && published ? startEditing : undefined}
            />
          )}
          {book !== undefined && <RevenueShareCard currency={currency} book={book} canSet={canSetShare} />}
          {showEditor && (
            <PriceDraftEditor
              currency={currency}
              book={book}
              revenueShareBps={nextVersionShareBps(book)}
              onClose={() => {
                setEditing(false);
                if (book === undefined) onAbandon();
              }}
              reload={reload}
            />
          )}
          {canEdit && !showEditor && !published && (
            <Card withBorder padding="lg">
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed">
                  {t("prices.noDraft")}
                </Text>
                {startEditing}
              </Group>
            </Card>
          )}
          {!canEdit && draft && <DraftReadOnlyCard draft={draft} />}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="history">
        {/* Read only when opened; the prices panel stays mounted so unsaved edits survive a look at the history. */}
        {view === "history" && <PriceHistory currency={currency} book={book} canEdit={canEdit} />}
      </Tabs.Panel>
    </Tabs>
  );
}
