/** The filters of /consent/stats: edited here, applied to the URL by "Show". */
import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from "@mantine/core";
import { POLICY_KINDS, STATS_GRANULARITIES } from "@pc/shared";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TenantFilterSelect } from "../../components/TenantFilterSelect";
import { useFilterDraft } from "../../lib/urlFilters";
import type { StatsFilters } from "./consentStatsParams";

/** The purposes the operator's policies name today; any other key can be typed. */
const KNOWN_PURPOSES = ["preferences", "stripe_checkout", "audio_mastering_data", "tidio", "product_analytics"];

export function ConsentStatsFilters({
  staff,
  filters,
  range,
  onShow,
}: {
  staff: boolean;
  filters: StatsFilters;
  /** The range shown (the URL's, or the default). */
  range: { from: string; to: string };
  onShow: (filters: StatsFilters) => void;
}) {
  const { t } = useTranslation();
  const { draft, set } = useFilterDraft<StatsFilters>({ ...filters, ...range });

  function submit(event: FormEvent) {
    event.preventDefault();
    onShow({ ...draft, country: draft.country?.toUpperCase() });
  }

  return (
    <form onSubmit={submit} aria-label={t("consentStats.filters.label")}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {staff && (
          <TenantFilterSelect
            label={t("consentStats.filters.tenant")}
            placeholder={t("consentStats.filters.allTenants")}
            value={draft.tenant ?? null}
            onChange={set("tenant")}
          />
        )}
        <TextInput
          type="date"
          label={t("consentStats.filters.from")}
          value={draft.from ?? ""}
          onChange={(e) => set("from")(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("consentStats.filters.to")}
          value={draft.to ?? ""}
          onChange={(e) => set("to")(e.currentTarget.value)}
        />
        <Select
          label={t("consentStats.filters.granularity")}
          data={STATS_GRANULARITIES.map((value) => ({ value, label: t(`consentStats.filters.${value}`) }))}
          value={draft.per ?? "day"}
          onChange={set("per")}
          allowDeselect={false}
        />
        <Select
          label={t("consentStats.filters.policyKind")}
          data={POLICY_KINDS.map((kind) => ({ value: kind, label: t(`policies.kinds.${kind}`) }))}
          value={draft.kind ?? "privacy"}
          onChange={set("kind")}
          allowDeselect={false}
        />
        <Autocomplete
          label={t("consentStats.filters.purpose")}
          placeholder={t("consentStats.filters.any")}
          data={KNOWN_PURPOSES}
          value={draft.purpose ?? ""}
          onChange={set("purpose")}
        />
        <TextInput
          label={t("consentStats.filters.country")}
          placeholder={t("consentStats.filters.countryPlaceholder")}
          maxLength={2}
          value={draft.country ?? ""}
          onChange={(e) => set("country")(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button type="submit">{t("consentStats.filters.show")}</Button>
      </Group>
    </form>
  );
}
