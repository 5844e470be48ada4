/** Read-only views of a price book's versions: the one in effect, a scheduled one, an open draft. */
import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { CurrencyCode } from "@pc/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { StripeFeeNote } from "./MarginPreview";
import { PriceTable } from "./PriceTable";
import type { PriceVersion } from "./priceDiff";

export function TaxBadge({ taxBehavior }: { taxBehavior: string }) {
  const { t } = useTranslation();
  const known = taxBehavior === "inclusive" || taxBehavior === "exclusive";
  return (
    <Badge variant="outline" color="gray" tt="none">
      {known ? t(`prices.tax.${taxBehavior}Short`) : taxBehavior}
    </Badge>
  );
}

interface InEffectCardProps {
  currency: CurrencyCode;
  inEffect: PriceVersion | null;
  /** The soonest scheduled version, said when nothing is in effect yet. */
  firstScheduled: PriceVersion | undefined;
  /** "Edit prices" for editors. */
  action?: ReactNode;
}

export function InEffectCard({ currency, inEffect, firstScheduled, action }: InEffectCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = `in-effect-${currency}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} h="100%">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Group gap="xs">
              <Title order={3} size="h4" id={titleId}>
                {t("prices.inEffect.title")}
              </Title>
              {inEffect && (
                <Badge color="teal" variant="light" tt="none">
                  {t("prices.versionN", { version: inEffect.version })}
                </Badge>
              )}
              {inEffect && <TaxBadge taxBehavior={inEffect.taxBehavior} />}
            </Group>
            {inEffect?.effectiveFrom && (
              <Text size="sm" c="dimmed">
                {t("prices.inEffect.since", { date: format.dateTime(inEffect.effectiveFrom) })}
                {inEffect.basedOnVersion !== null && ` · ${t("prices.history.rollbackOf", { version: inEffect.basedOnVersion })}`}
              </Text>
            )}
          </div>
          {action}
        </Group>
        {inEffect ? (
          <>
            <PriceTable version={inEffect} />
            <StripeFeeNote currency={currency} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {firstScheduled?.effectiveFrom
              ? t("prices.inEffect.noneYetScheduled", {
                  currency,
                  version: firstScheduled.version,
                  date: format.dateTime(firstScheduled.effectiveFrom),
                })
              : t("prices.inEffect.none", { currency })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** An open draft as people without prices.edit see it. */
export function DraftReadOnlyCard({ draft }: { draft: PriceVersion }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = `draft-view-${draft.currency}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {t("prices.draftView.title")}
          </Title>
          <TaxBadge taxBehavior={draft.taxBehavior} />
        </Group>
        <Text size="sm" c="dimmed">
          {t("prices.draftView.savedAt", { when: format.dateTime(draft.updatedAt) })}
        </Text>
        {draft.changeSummary && <Text size="sm">{draft.changeSummary}</Text>}
        <PriceTable version={draft} />
      </Stack>
    </Card>
  );
}
