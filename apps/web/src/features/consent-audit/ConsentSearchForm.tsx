/** The search filters of /consent/records: edited here, applied to the URL by "Search". */
import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from "@mantine/core";
import { CONSENT_ACTIONS, CONSENT_DECISIONS } from "@pc/shared";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TenantFilterSelect } from "../../components/TenantFilterSelect";
import { useFilterDraft } from "../../lib/urlFilters";
import type { Filters } from "./consentAuditParams";

/** The purposes the operator's policies name today; any other key can be typed. */
const KNOWN_PURPOSES = ["preferences", "stripe_checkout", "audio_mastering_data", "tidio", "product_analytics"];
const KNOWN_VERSIONS = ["1.0", "1.1", "2.0"];

export function ConsentSearchForm({
  staff,
  filters,
  onSearch,
}: {
  staff: boolean;
  filters: Filters;
  onSearch: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  const { draft, set } = useFilterDraft(filters);
  const any = t("consentAudit.filters.any");
  const subjectBlocked = staff && !draft.tenant;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch({ ...draft, decision: draft.purpose ? draft.decision : undefined });
  }

  return (
    <form onSubmit={submit} aria-label={t("consentAudit.filters.label")}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {staff && (
          <TenantFilterSelect
            label={t("consentAudit.filters.tenant")}
            placeholder={t("consentAudit.filters.allTenants")}
            value={draft.tenant ?? null}
            onChange={set("tenant")}
          />
        )}
        <TextInput
          type="date"
          label={t("consentAudit.filters.from")}
          value={draft.from ?? ""}
          onChange={(e) => set("from")(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("consentAudit.filters.to")}
          value={draft.to ?? ""}
          onChange={(e) => set("to")(e.currentTarget.value)}
        />
        <Autocomplete
          label={t("consentAudit.filters.purpose")}
          placeholder={any}
          data={KNOWN_PURPOSES}
          value={draft.purpose ?? ""}
          onChange={(value) => set("purpose")(value || null)}
        />
        <Select
          label={t("consentAudit.filters.decision")}
          placeholder={any}
          clearable
          disabled={!draft.purpose}
          description={draft.purpose ? undefined : t("consentAudit.filters.decisionNeedsPurpose")}
          data={CONSENT_DECISIONS.map((decision) => ({ value: decision, label: t(`consentAudit.decisions.${decision}`) }))}
          value={draft.decision ?? null}
          onChange={set("decision")}
        />
        <Select
          label={t("consentAudit.filters.action")}
          placeholder={any}
          clearable
          data={CONSENT_ACTIONS.map((action) => ({ value: action, label: t(`consentAudit.actions.${action}`) }))}
          value={draft.action ?? null}
          onChange={set("action")}
        />
        <Autocomplete
          label={t("consentAudit.filters.policyVersion")}
          placeholder={any}
          data={KNOWN_VERSIONS}
          value={draft.version ?? ""}
          onChange={(value) => set("version")(value || null)}
        />
        <TextInput
          label={t("consentAudit.filters.country")}
          placeholder={t("consentAudit.filters.countryPlaceholder")}
          maxLength={2}
          value={draft.country ?? ""}
          onChange={(e) => set("country")(e.currentTarget.value.toUpperCase() || null)}
        />
        <TextInput
          label={t("consentAudit.filters.subject")}
          description={subjectBlocked ? t("consentAudit.filters.subjectNeedsTenant") : t("consentAudit.filters.subjectHint")}
          disabled={subjectBlocked}
          value={draft.subject ?? ""}
          onChange={(e) => set("subject")(e.currentTarget.value || null)}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">{t("consentAudit.filters.search")}</Button>
        <Button variant="default" onClick={() => onSearch({})}>
          {t("consentAudit.filters.clear")}
        </Button>
      </Group>
    </form>
  );
}
