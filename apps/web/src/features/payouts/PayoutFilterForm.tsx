/**
 * The payout list's filters. They are edited here and applied together (one list request, one
 * history entry), then live in the URL. Amounts are typed in major units in the person's own way
 * ("1 500,50" in nb) and read with parseAmount for the chosen currency; without a currency an
 * amount means nothing (amounts are not comparable across currencies), so one is asked for.
 */
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import {
  CURRENCY_CODES,
  type CurrencyCode,
  formatMinorPlain,
  isCurrencyCode,
  PAYOUT_SORTS,
  PAYOUT_STATUS_VALUES,
  type PayoutSort,
  type PayoutStatusValue,
  parseAmount,
} from "@pc/shared";
import { IconFilter, IconFilterOff } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_SORT, isCalendarDay, minorOfPlain, type PayoutFilterParams } from "./payoutFilters";
import { usePayoutMoney } from "./usePayoutMoney";

interface PayoutFilterFormProps {
  value: PayoutFilterParams;
  tenants: { id: string; name: string }[];
  onApply: (filters: PayoutFilterParams) => void;
}

interface Draft {
  tenantId: string | null;
  status: PayoutStatusValue[];
  currency: CurrencyCode | null;
  from: string;
  to: string;
  min: string;
  max: string;
  sort: PayoutSort;
}

type DraftErrors = Partial<Record<"currency" | "from" | "to" | "min" | "max", string>>;

export function PayoutFilterForm({ value, tenants, onApply }: PayoutFilterFormProps) {
  const { t } = useTranslation();
  const money = usePayoutMoney();
  /** A URL amount ("1500.50") as this person types it ("1500,50" in nb). */
  const typed = (plain: string | null) => {
    if (!plain || !value.currency) return "";
    const minor = minorOfPlain(plain, value.currency);
    return minor === null ? "" : money.toInput(minor, value.currency);
  };
  const [draft, setDraft] = useState<Draft>(() => ({
    tenantId: value.tenantId,
    status: value.status,
    currency: value.currency,
    from: value.from ?? "",
    to: value.to ?? "",
    min: typed(value.min),
    max: typed(value.max),
    sort: value.sort,
  }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const set = <K extends keyof Draft>(key: K, next: Draft[K]) => setDraft((current) => ({ ...current, [key]: next }));

  /** Minor units of a typed bound, without the Stripe minimum (a filter bound may be anything). */
  function readAmount(text: string, currency: CurrencyCode): { minor: number } | { error: string } {
    const relaxed = (options: { decimalSeparator?: "." | "," }) => parseAmount(text, currency, { ...options, enforceMinimum: false });
    const preferred = relaxed({ decimalSeparator: money.decimalSeparator });
    const result = preferred.ok || preferred.code !== "not_a_number" ? preferred : relaxed({});
    if (result.ok) return { minor: result.minor };
    const worded = money.parse(text, currency);
    return { error: worded.ok ? result.message : worded.message };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: DraftErrors = {};
    const amounts: { min: number | null; max: number | null } = { min: null, max: null };
    for (const bound of ["min", "max"] as const) {
      const text = draft[bound].trim();
      if (!text) continue;
      if (!draft.currency) {
        found.currency = t("payouts.filters.currencyForAmounts");
        continue;
      }
      const read = readAmount(text, draft.currency);
      if ("error" in read) found[bound] = read.error;
      else amounts[bound] = read.minor;
    }
    if (amounts.min !== null && amounts.max !== null && amounts.min > amounts.max) found.max = t("payouts.filters.maxBelowMin");
    if (draft.from && !isCalendarDay(draft.from)) found.from = t("payouts.filters.invalidDate");
    if (draft.to && !isCalendarDay(draft.to)) found.to = t("payouts.filters.invalidDate");
    if (!found.from && !found.to && draft.from && draft.to && draft.from > draft.to) found.to = t("payouts.filters.toBeforeFrom");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const currency = draft.currency;
    onApply({
      tenantId: draft.tenantId,
      status: draft.status,
      currency,
      from: draft.from || null,
      to: draft.to || null,
      min: currency && amounts.min !== null ? formatMinorPlain(amounts.min, currency) : null,
      max: currency && amounts.max !== null ? formatMinorPlain(amounts.max, currency) : null,
      sort: draft.sort,
    });
  }

  function clear() {
    const empty: Draft = { tenantId: null, status: [], currency: null, from: "", to: "", min: "", max: "", sort: DEFAULT_SORT };
    setDraft(empty);
    setErrors({});
    onApply({ tenantId: null, status: [], currency: null, from: null, to: null, min: null, max: null, sort: DEFAULT_SORT });
  }

  const amountHint = draft.currency
    ? t("payouts.filters.amountHint", { currency: draft.currency, example: money.decimalSeparator === "," ? "1500,50" : "1500.50" })
    : t("payouts.filters.amountNeedsCurrency");

  return (
    <form noValidate onSubmit={submit} aria-label={t("payouts.filters.label")}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label={t("payouts.filters.tenant")}
            placeholder={t("payouts.filters.allTenants")}
            data={tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))}
            value={draft.tenantId}
            onChange={(next) => set("tenantId", next)}
            searchable
            clearable
            nothingFoundMessage={t("payouts.filters.noTenantFound")}
          />
          <Select
            label={t("payouts.filters.currency")}
            placeholder={t("payouts.filters.allCurrencies")}
            data={CURRENCY_CODES.map((code) => ({ value: code, label: `${code} · ${money.currencyName(code)}` }))}
            value={draft.currency}
            onChange={(next) => set("currency", next && isCurrencyCode(next) ? next : null)}
            error={errors.currency}
            searchable
            clearable
          />
          <TextInput
            type="date"
            label={t("payouts.filters.from")}
            value={draft.from}
            onChange={(event) => set("from", event.currentTarget.value)}
            error={errors.from}
          />
          <TextInput
            type="date"
            label={t("payouts.filters.to")}
            value={draft.to}
            onChange={(event) => set("to", event.currentTarget.value)}
            error={errors.to}
          />
          <TextInput
            label={t("payouts.filters.min")}
            description={amountHint}
            inputMode="decimal"
            value={draft.min}
            onChange={(event) => set("min", event.currentTarget.value)}
            error={errors.min}
          />
          <TextInput
            label={t("payouts.filters.max")}
            description={amountHint}
            inputMode="decimal"
            value={draft.max}
            onChange={(event) => set("max", event.currentTarget.value)}
            error={errors.max}
          />
          <Select
            label={t("payouts.filters.sort")}
            data={PAYOUT_SORTS.map((sort) => ({ value: sort, label: t(`payouts.sorts.${sort}`) }))}
            value={draft.sort}
            onChange={(next) => set("sort", PAYOUT_SORTS.find((sort) => sort === next) ?? DEFAULT_SORT)}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t("payouts.filters.status")}
          description={t("payouts.filters.statusHint")}
          value={draft.status}
          onChange={(next) =>
            set(
              "status",
              PAYOUT_STATUS_VALUES.filter((status) => next.includes(status)),
            )
          }
        >
          <Group gap="md" mt={6}>
            {PAYOUT_STATUS_VALUES.map((status) => (
              <Checkbox key={status} value={status} label={t(`payouts.status.${status}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="sm">
          <Button type="submit" leftSection={<IconFilter size={16} />}>
            {t("payouts.filters.apply")}
          </Button>
          <Button variant="default" leftSection={<IconFilterOff size={16} />} onClick={clear}>
            {t("payouts.filters.clear")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
