/**
 * The active tenant and the switch between tenants: a partner's memberships, or every tenant for
 * operator staff. A button that opens a searchable list (a "button select").
 */
import { Badge, Combobox, Group, InputBase, Text, useCombobox } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { canChooseTenant, isOperatorStaff, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSwitchTenant } from "../../lib/useSwitchTenant";

interface TenantOption {
  id: string;
  name: string;
  slug: string;
  status: string;
}

const SEARCH_FROM = 6;
/** The option that leaves every tenant: operator staff's cross-tenant home. */
const NO_TENANT = "";

export function TenantSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const staff = isOperatorStaff(me);
  const allTenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: staff });
  const switchTenant = useSwitchTenant();
  const [search, setSearch] = useState("");
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch("");
    },
    onDropdownOpen: () => combobox.focusSearchInput(),
  });

  const options: TenantOption[] = useMemo(() => {
    if (staff) return (allTenants.data ?? []).map(({ id, name, slug, status }) => ({ id, name, slug, status }));
    return me.memberships.map((membership) => ({
      id: membership.tenantId,
      name: membership.tenantName,
      slug: membership.tenantSlug,
      status: membership.tenantStatus,
    }));
  }, [staff, allTenants.data, me.memberships]);

  const query = search.trim().toLowerCase();
  const filtered = query ? options.filter((option) => option.name.toLowerCase().includes(query) || option.slug.includes(query)) : options;
  const active = me.activeTenant;
  const disabled = !canChooseTenant(me);

  return (
    <Combobox
      store={combobox}
      width={280}
      position="bottom-start"
      withinPortal
      onOptionSubmit={(tenantId) => {
        combobox.closeDropdown();
        const next = tenantId === NO_TENANT ? null : tenantId;
        if (next !== (active?.id ?? null)) switchTenant.mutate({ tenantId: next });
      }}
    >
      <Combobox.Target targetType="button">
        <InputBase
          component="button"
          type="button"
          pointer
          aria-label={t("shell.activeTenant")}
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onClick={() => combobox.toggleDropdown()}
          disabled={disabled || switchTenant.isPending}
          w={{ base: 170, sm: 240 }}
        >
          <Group gap={6} wrap="nowrap">
            <Text span size="sm" truncate data-testid="active-tenant-name" c={active ? undefined : "dimmed"}>
              {active ? active.name : t("shell.noTenant")}
            </Text>
            {active?.status === "suspended" && (
              <Badge size="xs" color="red" variant="light">
                {t("tenants.status.suspended")}
              </Badge>
            )}
          </Group>
        </InputBase>
      </Combobox.Target>
      <Combobox.Dropdown>
        {options.length >= SEARCH_FROM && (
          <Combobox.Search
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            placeholder={t("shell.searchTenants")}
            aria-label={t("shell.searchTenants")}
          />
        )}
        <Combobox.Options aria-label={t("shell.tenantList")} mah={320} style={{ overflowY: "auto" }}>
          {staff && !query && (
            <Combobox.Option value={NO_TENANT} active={!active}>
              <Text size="sm" fw={active ? undefined : 600}>
                {t("shell.allTenants")}
              </Text>
            </Combobox.Option>
          )}
          {staff && allTenants.isPending && <Combobox.Empty>{t("common.loading")}</Combobox.Empty>}
          {filtered.length === 0 && !(staff && allTenants.isPending) && <Combobox.Empty>{t("shell.noTenantsFound")}</Combobox.Empty>}
          {filtered.map((option) => (
            <Combobox.Option value={option.id} key={option.id} active={option.id === active?.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" truncate fw={option.id === active?.id ? 600 : undefined}>
                    {option.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {option.slug}
                  </Text>
                </div>
                {option.status === "suspended" && (
                  <Badge size="xs" color="red" variant="light">
                    {t("tenants.status.suspended")}
                  </Badge>
                )}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
