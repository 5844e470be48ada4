/**
 * The audit trail's filters other than the action (which has its own picker): who acted, the
 * tenant (staff only: a partner always sees its own), the days, and the target. Edited here,
 * applied to the URL by "Search".
 */
import { Button, Group, SimpleGrid, TextInput } from "@mantine/core";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TenantFilterSelect } from "../../components/TenantFilterSelect";
import { useFilterDraft } from "../../lib/urlFilters";
import type { AuditFilters as Filters } from "./auditParams";

export function AuditFilters({ staff, filters, onSearch }: { staff: boolean; filters: Filters; onSearch: (filters: Filters) => void }) {
  const { t } = useTranslation();
  // The URL changed (back button, a link, a click on an actor): the draft shows its filters.
  const { draft, set } = useFilterDraft(filters);

  function submit(event: FormEvent) {
    event.preventDefault();
    // The action is applied by its own picker; keep whatever the URL has.
    onSearch({ ...draft, action: filters.action });
  }

  return (
    <form onSubmit={submit} aria-label={t("audit.trail.filters.label")}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <TextInput
          label={t("audit.trail.filters.actor")}
          description={t("audit.trail.filters.actorHint")}
          maxLength={200}
          value={draft.actor ?? ""}
          onChange={(e) => set("actor")(e.currentTarget.value)}
        />
        {staff && (
          <TenantFilterSelect
            label={t("audit.trail.filters.tenant")}
            placeholder={t("audit.trail.filters.allTenants")}
            searchable
            value={draft.tenant ?? null}
            onChange={set("tenant")}
          />
        )}
        <TextInput
          type="date"
          label={t("audit.trail.filters.from")}
          value={draft.from ?? ""}
          onChange={(e) => set("from")(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("audit.trail.filters.to")}
          value={draft.to ?? ""}
          onChange={(e) => set("to")(e.currentTarget.value)}
        />
        <TextInput
          label={t("audit.trail.filters.targetType")}
          placeholder={t("audit.trail.filters.targetTypePlaceholder")}
          maxLength={80}
          value={draft.targetType ?? ""}
          onChange={(e) => set("targetType")(e.currentTarget.value)}
        />
        <TextInput
          label={t("audit.trail.filters.targetId")}
          maxLength={200}
          value={draft.targetId ?? ""}
          onChange={(e) => set("targetId")(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">{t("audit.trail.filters.search")}</Button>
        <Button variant="default" onClick={() => onSearch({})}>
          {t("audit.trail.filters.clear")}
        </Button>
      </Group>
    </form>
  );
}
